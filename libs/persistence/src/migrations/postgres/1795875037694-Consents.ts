import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Consents1795875037694 implements MigrationInterface {
  name = 'Consents1795875037694';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "consents" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "accountId" uuid NOT NULL, "purpose" character varying(60) NOT NULL, "wordingVersion" character varying(20) NOT NULL, "grantedAt" TIMESTAMP WITH TIME ZONE NOT NULL, "withdrawnAt" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_9efc68eb6aba7d638fb6ea034dd" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "IDX_76a12d1907677b8aab87418d8f" ON "consents"  ("accountId", "purpose") `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "public"."IDX_76a12d1907677b8aab87418d8f"`);
    await runner.query(`DROP TABLE "consents"`);
  }
}
