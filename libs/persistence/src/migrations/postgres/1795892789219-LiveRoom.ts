import type { MigrationInterface, QueryRunner } from 'typeorm';

export class LiveRoom1795892789219 implements MigrationInterface {
  name = 'LiveRoom1795892789219';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "chat_messages" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "sessionId" uuid NOT NULL, "authorAccountId" uuid NOT NULL, "clientId" character varying(64) NOT NULL, "body" text NOT NULL, "removedAt" TIMESTAMP WITH TIME ZONE, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_40c55ee0e571e268b0d3cd37d10" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "IDX_9d6e1886980e9dfb1fb4df65aa" ON "chat_messages"  ("authorAccountId") `);
    await runner.query(`CREATE INDEX "IDX_11ae8316dea51d14fa619e4e49" ON "chat_messages"  ("sessionId", "createdAt") `);
    await runner.query(`CREATE UNIQUE INDEX "IDX_97174897395d9d8a714a0a5f54" ON "chat_messages"  ("authorAccountId", "sessionId", "clientId") `);
    await runner.query(`CREATE TYPE "public"."polls_kind_enum" AS ENUM('single', 'multiple')`);
    await runner.query(`CREATE TYPE "public"."polls_status_enum" AS ENUM('open', 'closed')`);
    await runner.query(`CREATE TABLE "polls" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "sessionId" uuid NOT NULL, "question" text NOT NULL, "kind" "public"."polls_kind_enum" NOT NULL, "status" "public"."polls_status_enum" NOT NULL DEFAULT 'open', "createdByAccountId" uuid NOT NULL, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "closedAt" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_b9bbb8fc7b142553c518ddffbb6" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "IDX_728c6ad9cd12cb28866ac91782" ON "polls"  ("sessionId", "createdAt") `);
    await runner.query(`CREATE TABLE "poll_options" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "pollId" uuid NOT NULL, "label" character varying(120) NOT NULL, "position" integer NOT NULL, CONSTRAINT "PK_f52aac4865d291e3658dedf9083" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE UNIQUE INDEX "IDX_56f7e79ad686c09b612c9dc594" ON "poll_options"  ("pollId", "position") `);
    await runner.query(`CREATE TABLE "poll_votes" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "pollId" uuid NOT NULL, "optionId" uuid NOT NULL, "accountId" uuid NOT NULL, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b94b2749fdb5f5dd3836b8f907a" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "IDX_f33fc76e575b7a703a67868b1d" ON "poll_votes"  ("optionId") `);
    await runner.query(`CREATE INDEX "IDX_f1431dd8ae354105b7d9f485c5" ON "poll_votes"  ("accountId") `);
    await runner.query(`CREATE UNIQUE INDEX "IDX_03c2a9b40cea920ffb56f074a9" ON "poll_votes"  ("pollId", "accountId", "optionId") `);
    await runner.query(`CREATE TABLE "attendance" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "sessionId" uuid NOT NULL, "accountId" uuid, "joinedAt" TIMESTAMP WITH TIME ZONE NOT NULL, "lastSeenAt" TIMESTAMP WITH TIME ZONE NOT NULL, "leftAt" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_ee0ffe42c1f1a01e72b725c0cb2" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "IDX_65fc53070de1fe3dc75014320d" ON "attendance"  ("accountId") `);
    await runner.query(`CREATE INDEX "IDX_4b3ed2a2a22881087475bc2e59" ON "attendance"  ("sessionId") `);
    await runner.query(`ALTER TABLE "sessions" ADD "chatEnabled" boolean NOT NULL DEFAULT true`);
    await runner.query(`ALTER TABLE "chat_messages" ADD CONSTRAINT "FK_a82476a8acdd6cd6936378cb72d" FOREIGN KEY ("sessionId") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await runner.query(`ALTER TABLE "polls" ADD CONSTRAINT "FK_b8df5fe57808380d215243713b3" FOREIGN KEY ("sessionId") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await runner.query(`ALTER TABLE "poll_options" ADD CONSTRAINT "FK_4edaafa5d0ea2a447af004706a4" FOREIGN KEY ("pollId") REFERENCES "polls"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await runner.query(`ALTER TABLE "poll_votes" ADD CONSTRAINT "FK_126dde5dfb2f0bafcd65ea27dc5" FOREIGN KEY ("pollId") REFERENCES "polls"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await runner.query(`ALTER TABLE "poll_votes" ADD CONSTRAINT "FK_f33fc76e575b7a703a67868b1dc" FOREIGN KEY ("optionId") REFERENCES "poll_options"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await runner.query(`ALTER TABLE "attendance" ADD CONSTRAINT "FK_4b3ed2a2a22881087475bc2e597" FOREIGN KEY ("sessionId") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "attendance" DROP CONSTRAINT "FK_4b3ed2a2a22881087475bc2e597"`);
    await runner.query(`ALTER TABLE "poll_votes" DROP CONSTRAINT "FK_f33fc76e575b7a703a67868b1dc"`);
    await runner.query(`ALTER TABLE "poll_votes" DROP CONSTRAINT "FK_126dde5dfb2f0bafcd65ea27dc5"`);
    await runner.query(`ALTER TABLE "poll_options" DROP CONSTRAINT "FK_4edaafa5d0ea2a447af004706a4"`);
    await runner.query(`ALTER TABLE "polls" DROP CONSTRAINT "FK_b8df5fe57808380d215243713b3"`);
    await runner.query(`ALTER TABLE "chat_messages" DROP CONSTRAINT "FK_a82476a8acdd6cd6936378cb72d"`);
    await runner.query(`ALTER TABLE "sessions" DROP COLUMN "chatEnabled"`);
    await runner.query(`DROP INDEX "public"."IDX_4b3ed2a2a22881087475bc2e59"`);
    await runner.query(`DROP INDEX "public"."IDX_65fc53070de1fe3dc75014320d"`);
    await runner.query(`DROP TABLE "attendance"`);
    await runner.query(`DROP INDEX "public"."IDX_03c2a9b40cea920ffb56f074a9"`);
    await runner.query(`DROP INDEX "public"."IDX_f1431dd8ae354105b7d9f485c5"`);
    await runner.query(`DROP INDEX "public"."IDX_f33fc76e575b7a703a67868b1d"`);
    await runner.query(`DROP TABLE "poll_votes"`);
    await runner.query(`DROP INDEX "public"."IDX_56f7e79ad686c09b612c9dc594"`);
    await runner.query(`DROP TABLE "poll_options"`);
    await runner.query(`DROP INDEX "public"."IDX_728c6ad9cd12cb28866ac91782"`);
    await runner.query(`DROP TABLE "polls"`);
    await runner.query(`DROP TYPE "public"."polls_status_enum"`);
    await runner.query(`DROP TYPE "public"."polls_kind_enum"`);
    await runner.query(`DROP INDEX "public"."IDX_97174897395d9d8a714a0a5f54"`);
    await runner.query(`DROP INDEX "public"."IDX_11ae8316dea51d14fa619e4e49"`);
    await runner.query(`DROP INDEX "public"."IDX_9d6e1886980e9dfb1fb4df65aa"`);
    await runner.query(`DROP TABLE "chat_messages"`);
  }
}
