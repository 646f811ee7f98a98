import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Questions1795888337999 implements MigrationInterface {
  name = 'Questions1795888337999';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TYPE "public"."questions_status_enum" AS ENUM('pending', 'visible', 'dismissed', 'answered')`);
    await runner.query(`CREATE TABLE "questions" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "sessionId" uuid NOT NULL, "authorAccountId" uuid NOT NULL, "anonymous" boolean NOT NULL DEFAULT false, "body" text NOT NULL, "status" "public"."questions_status_enum" NOT NULL, "pinned" boolean NOT NULL DEFAULT false, "clientId" character varying(64) NOT NULL, "voteCount" integer NOT NULL DEFAULT '0', "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "answeredAt" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_questions_votes" CHECK ("voteCount" >= 0), CONSTRAINT "PK_08a6d4b0f49ff300bf3a0ca60ac" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "IDX_cc5099a79eef9c53de4ab3e142" ON "questions"  ("sessionId", "status") `);
    await runner.query(`CREATE UNIQUE INDEX "IDX_234b0c9e996fc06dbc5aa47a61" ON "questions"  ("authorAccountId", "sessionId", "clientId") `);
    await runner.query(`CREATE TABLE "question_votes" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "questionId" uuid NOT NULL, "accountId" uuid NOT NULL, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4fcf37b1bcad3cc75921424dc07" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "IDX_a39a89fe1a48e68dbbceea7a0d" ON "question_votes"  ("accountId") `);
    await runner.query(`CREATE UNIQUE INDEX "IDX_c62a8100f46994818692f8ae0c" ON "question_votes"  ("questionId", "accountId") `);
    await runner.query(`CREATE TABLE "question_edits" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "questionId" uuid NOT NULL, "editorAccountId" uuid NOT NULL, "before" text NOT NULL, "after" text NOT NULL, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_33b1fa764bfb8508738178ff221" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "IDX_bcd81d17c4802d166323b6c1a8" ON "question_edits"  ("questionId", "createdAt") `);
    await runner.query(`CREATE TYPE "public"."sessions_qamode_enum" AS ENUM('open', 'pre-approved')`);
    await runner.query(`ALTER TABLE "sessions" ADD "qaMode" "public"."sessions_qamode_enum" NOT NULL DEFAULT 'open'`);
    await runner.query(`ALTER TABLE "sessions" ADD "qaClosed" boolean NOT NULL DEFAULT false`);
    await runner.query(`ALTER TABLE "questions" ADD CONSTRAINT "FK_93f479125def57abed8e8be3a68" FOREIGN KEY ("sessionId") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await runner.query(`ALTER TABLE "question_votes" ADD CONSTRAINT "FK_fb7b67f20b9ef18a2bc082fc74e" FOREIGN KEY ("questionId") REFERENCES "questions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await runner.query(`ALTER TABLE "question_edits" ADD CONSTRAINT "FK_65755f110f708f67248d2768f5e" FOREIGN KEY ("questionId") REFERENCES "questions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "question_edits" DROP CONSTRAINT "FK_65755f110f708f67248d2768f5e"`);
    await runner.query(`ALTER TABLE "question_votes" DROP CONSTRAINT "FK_fb7b67f20b9ef18a2bc082fc74e"`);
    await runner.query(`ALTER TABLE "questions" DROP CONSTRAINT "FK_93f479125def57abed8e8be3a68"`);
    await runner.query(`ALTER TABLE "sessions" DROP COLUMN "qaClosed"`);
    await runner.query(`ALTER TABLE "sessions" DROP COLUMN "qaMode"`);
    await runner.query(`DROP TYPE "public"."sessions_qamode_enum"`);
    await runner.query(`DROP INDEX "public"."IDX_bcd81d17c4802d166323b6c1a8"`);
    await runner.query(`DROP TABLE "question_edits"`);
    await runner.query(`DROP INDEX "public"."IDX_c62a8100f46994818692f8ae0c"`);
    await runner.query(`DROP INDEX "public"."IDX_a39a89fe1a48e68dbbceea7a0d"`);
    await runner.query(`DROP TABLE "question_votes"`);
    await runner.query(`DROP INDEX "public"."IDX_234b0c9e996fc06dbc5aa47a61"`);
    await runner.query(`DROP INDEX "public"."IDX_cc5099a79eef9c53de4ab3e142"`);
    await runner.query(`DROP TABLE "questions"`);
    await runner.query(`DROP TYPE "public"."questions_status_enum"`);
  }
}
