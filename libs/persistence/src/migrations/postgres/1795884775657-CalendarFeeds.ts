import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CalendarFeeds1795884775657 implements MigrationInterface {
  name = 'CalendarFeeds1795884775657';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "calendar_feeds" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "accountId" uuid NOT NULL, "tokenHash" character varying(64) NOT NULL, "sealedToken" character varying(200) NOT NULL, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "UQ_a2fa255c35ae58b2a998225d778" UNIQUE ("accountId"), CONSTRAINT "UQ_6a85c5c36f35f93a86f75b52620" UNIQUE ("tokenHash"), CONSTRAINT "PK_045067d8bb57f971f3c5426ea71" PRIMARY KEY ("id"))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "calendar_feeds"`);
  }
}
