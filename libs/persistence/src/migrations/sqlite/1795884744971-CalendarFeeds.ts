import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CalendarFeeds1795884744971 implements MigrationInterface {
  name = 'CalendarFeeds1795884744971';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "calendar_feeds" ("id" varchar PRIMARY KEY NOT NULL, "accountId" varchar NOT NULL, "tokenHash" varchar(64) NOT NULL, "sealedToken" varchar(200) NOT NULL, "createdAt" datetime NOT NULL, CONSTRAINT "UQ_a2fa255c35ae58b2a998225d778" UNIQUE ("accountId"), CONSTRAINT "UQ_6a85c5c36f35f93a86f75b52620" UNIQUE ("tokenHash"))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "calendar_feeds"`);
  }
}
