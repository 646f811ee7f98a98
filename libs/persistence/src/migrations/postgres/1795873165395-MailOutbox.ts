import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MailOutbox1795873165395 implements MigrationInterface {
  name = 'MailOutbox1795873165395';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TYPE "public"."outgoing_mails_state_enum" AS ENUM('queued', 'sending', 'sent', 'retrying', 'failed')`);
    await runner.query(`CREATE TABLE "outgoing_mails" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "recipientEmail" character varying(320) NOT NULL, "recipientName" character varying(200) NOT NULL DEFAULT '', "locale" character varying(5) NOT NULL DEFAULT 'en', "timeZone" character varying(64) NOT NULL DEFAULT 'Europe/Brussels', "accountId" uuid, "template" character varying(60) NOT NULL, "dataRef" text NOT NULL, "state" "public"."outgoing_mails_state_enum" NOT NULL DEFAULT 'queued', "attempts" integer NOT NULL DEFAULT '0', "lastError" text, "messageId" character varying(255) NOT NULL, "dedupeKey" character varying(200), "correlationId" character varying(64), "availableAt" TIMESTAMP WITH TIME ZONE NOT NULL, "enqueuedAt" TIMESTAMP WITH TIME ZONE, "enqueueCount" integer NOT NULL DEFAULT '0', "lockedUntil" TIMESTAMP WITH TIME ZONE, "sentAt" TIMESTAMP WITH TIME ZONE, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_96cce71df6799ad33a9058046d8" UNIQUE ("messageId"), CONSTRAINT "UQ_e47454f69437217a9c857f18673" UNIQUE ("dedupeKey"), CONSTRAINT "PK_131b18b6ed3f835036a6db24d81" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "IDX_f6df6ab2f0a6a44697fa2ab66a" ON "outgoing_mails"  ("accountId") `);
    await runner.query(`CREATE INDEX "IDX_93868e6de50c5660368f0ab492" ON "outgoing_mails"  ("state", "availableAt") `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "public"."IDX_93868e6de50c5660368f0ab492"`);
    await runner.query(`DROP INDEX "public"."IDX_f6df6ab2f0a6a44697fa2ab66a"`);
    await runner.query(`DROP TABLE "outgoing_mails"`);
    await runner.query(`DROP TYPE "public"."outgoing_mails_state_enum"`);
  }
}
