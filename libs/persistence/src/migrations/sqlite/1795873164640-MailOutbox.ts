import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MailOutbox1795873164640 implements MigrationInterface {
  name = 'MailOutbox1795873164640';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "outgoing_mails" ("id" varchar PRIMARY KEY NOT NULL, "recipientEmail" varchar(320) NOT NULL, "recipientName" varchar(200) NOT NULL DEFAULT (''), "locale" varchar(5) NOT NULL DEFAULT ('en'), "timeZone" varchar(64) NOT NULL DEFAULT ('Europe/Brussels'), "accountId" varchar, "template" varchar(60) NOT NULL, "dataRef" text NOT NULL, "state" varchar CHECK( "state" IN ('queued','sending','sent','retrying','failed') ) NOT NULL DEFAULT ('queued'), "attempts" integer NOT NULL DEFAULT (0), "lastError" text, "messageId" varchar(255) NOT NULL, "dedupeKey" varchar(200), "correlationId" varchar(64), "availableAt" datetime NOT NULL, "enqueuedAt" datetime, "enqueueCount" integer NOT NULL DEFAULT (0), "lockedUntil" datetime, "sentAt" datetime, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "UQ_96cce71df6799ad33a9058046d8" UNIQUE ("messageId"), CONSTRAINT "UQ_e47454f69437217a9c857f18673" UNIQUE ("dedupeKey"))`);
    await runner.query(`CREATE INDEX "IDX_f6df6ab2f0a6a44697fa2ab66a" ON "outgoing_mails" ("accountId") `);
    await runner.query(`CREATE INDEX "IDX_93868e6de50c5660368f0ab492" ON "outgoing_mails" ("state", "availableAt") `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "IDX_93868e6de50c5660368f0ab492"`);
    await runner.query(`DROP INDEX "IDX_f6df6ab2f0a6a44697fa2ab66a"`);
    await runner.query(`DROP TABLE "outgoing_mails"`);
  }
}
