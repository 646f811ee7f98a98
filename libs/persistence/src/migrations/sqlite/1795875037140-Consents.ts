import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Consents1795875037140 implements MigrationInterface {
  name = 'Consents1795875037140';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "consents" ("id" varchar PRIMARY KEY NOT NULL, "accountId" varchar NOT NULL, "purpose" varchar(60) NOT NULL, "wordingVersion" varchar(20) NOT NULL, "grantedAt" datetime NOT NULL, "withdrawnAt" datetime)`);
    await runner.query(`CREATE INDEX "IDX_76a12d1907677b8aab87418d8f" ON "consents" ("accountId", "purpose") `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "IDX_76a12d1907677b8aab87418d8f"`);
    await runner.query(`DROP TABLE "consents"`);
  }
}
