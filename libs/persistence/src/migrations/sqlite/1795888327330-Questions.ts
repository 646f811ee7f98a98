import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Questions1795888327330 implements MigrationInterface {
  name = 'Questions1795888327330';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "questions" ("id" varchar PRIMARY KEY NOT NULL, "sessionId" varchar NOT NULL, "authorAccountId" varchar NOT NULL, "anonymous" boolean NOT NULL DEFAULT (0), "body" text NOT NULL, "status" varchar CHECK( "status" IN ('pending','visible','dismissed','answered') ) NOT NULL, "pinned" boolean NOT NULL DEFAULT (0), "clientId" varchar(64) NOT NULL, "voteCount" integer NOT NULL DEFAULT (0), "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "answeredAt" datetime, CONSTRAINT "CHK_questions_votes" CHECK ("voteCount" >= 0))`);
    await runner.query(`CREATE INDEX "IDX_cc5099a79eef9c53de4ab3e142" ON "questions" ("sessionId", "status") `);
    await runner.query(`CREATE UNIQUE INDEX "IDX_234b0c9e996fc06dbc5aa47a61" ON "questions" ("authorAccountId", "sessionId", "clientId") `);
    await runner.query(`CREATE TABLE "question_votes" ("id" varchar PRIMARY KEY NOT NULL, "questionId" varchar NOT NULL, "accountId" varchar NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')))`);
    await runner.query(`CREATE INDEX "IDX_a39a89fe1a48e68dbbceea7a0d" ON "question_votes" ("accountId") `);
    await runner.query(`CREATE UNIQUE INDEX "IDX_c62a8100f46994818692f8ae0c" ON "question_votes" ("questionId", "accountId") `);
    await runner.query(`CREATE TABLE "question_edits" ("id" varchar PRIMARY KEY NOT NULL, "questionId" varchar NOT NULL, "editorAccountId" varchar NOT NULL, "before" text NOT NULL, "after" text NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')))`);
    await runner.query(`CREATE INDEX "IDX_bcd81d17c4802d166323b6c1a8" ON "question_edits" ("questionId", "createdAt") `);
    await runner.query(`DROP INDEX "IDX_9e8223d93eec8e0fdc7d9e1804"`);
    await runner.query(`CREATE TABLE "temporary_sessions" ("id" varchar PRIMARY KEY NOT NULL, "eventId" varchar NOT NULL, "dayId" varchar, "trackId" varchar, "streamId" varchar, "title" varchar(200) NOT NULL, "abstract" text NOT NULL DEFAULT (''), "format" varchar CHECK( "format" IN ('plenary','panel','workshop','keynote','networking') ) NOT NULL DEFAULT ('plenary'), "audience" varchar CHECK( "audience" IN ('public','cities','mayors','invite-only') ) NOT NULL, "language" varchar(5) NOT NULL DEFAULT ('en'), "status" varchar CHECK( "status" IN ('scheduled','cancelled') ) NOT NULL DEFAULT ('scheduled'), "capacity" integer, "startsAt" datetime NOT NULL, "endsAt" datetime NOT NULL, "isDemo" boolean NOT NULL DEFAULT (0), "calendarSequence" integer NOT NULL DEFAULT (0), "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "firstReleasedAt" datetime, "confirmedCount" integer NOT NULL DEFAULT (0), "registrationOpensAt" datetime, "registrationClosesAt" datetime, "delegationQuota" integer, "qaMode" varchar CHECK( "qaMode" IN ('open','pre-approved') ) NOT NULL DEFAULT ('open'), "qaClosed" boolean NOT NULL DEFAULT (0), CONSTRAINT "CHK_sessions_seats" CHECK (("confirmedCount" >= 0 AND ("capacity" IS NULL OR "confirmedCount" <= "capacity"))), CONSTRAINT "FK_68859ed2346abf5973bc0e9ac38" FOREIGN KEY ("streamId") REFERENCES "streams" ("id") ON DELETE SET NULL ON UPDATE NO ACTION, CONSTRAINT "FK_8c602a1c88bba5b7bf6edc1727d" FOREIGN KEY ("trackId") REFERENCES "tracks" ("id") ON DELETE SET NULL ON UPDATE NO ACTION, CONSTRAINT "FK_e45ca28da7bd078fd2c9d178baa" FOREIGN KEY ("dayId") REFERENCES "event_days" ("id") ON DELETE SET NULL ON UPDATE NO ACTION, CONSTRAINT "FK_61e25b191dd6844e30ff86e91ff" FOREIGN KEY ("eventId") REFERENCES "events" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await runner.query(`INSERT INTO "temporary_sessions"("id", "eventId", "dayId", "trackId", "streamId", "title", "abstract", "format", "audience", "language", "status", "capacity", "startsAt", "endsAt", "isDemo", "calendarSequence", "createdAt", "updatedAt", "firstReleasedAt", "confirmedCount", "registrationOpensAt", "registrationClosesAt", "delegationQuota") SELECT "id", "eventId", "dayId", "trackId", "streamId", "title", "abstract", "format", "audience", "language", "status", "capacity", "startsAt", "endsAt", "isDemo", "calendarSequence", "createdAt", "updatedAt", "firstReleasedAt", "confirmedCount", "registrationOpensAt", "registrationClosesAt", "delegationQuota" FROM "sessions"`);
    await runner.query(`DROP TABLE "sessions"`);
    await runner.query(`ALTER TABLE "temporary_sessions" RENAME TO "sessions"`);
    await runner.query(`CREATE INDEX "IDX_9e8223d93eec8e0fdc7d9e1804" ON "sessions" ("eventId", "startsAt") `);
    await runner.query(`DROP INDEX "IDX_cc5099a79eef9c53de4ab3e142"`);
    await runner.query(`DROP INDEX "IDX_234b0c9e996fc06dbc5aa47a61"`);
    await runner.query(`CREATE TABLE "temporary_questions" ("id" varchar PRIMARY KEY NOT NULL, "sessionId" varchar NOT NULL, "authorAccountId" varchar NOT NULL, "anonymous" boolean NOT NULL DEFAULT (0), "body" text NOT NULL, "status" varchar CHECK( "status" IN ('pending','visible','dismissed','answered') ) NOT NULL, "pinned" boolean NOT NULL DEFAULT (0), "clientId" varchar(64) NOT NULL, "voteCount" integer NOT NULL DEFAULT (0), "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "answeredAt" datetime, CONSTRAINT "CHK_questions_votes" CHECK ("voteCount" >= 0), CONSTRAINT "FK_93f479125def57abed8e8be3a68" FOREIGN KEY ("sessionId") REFERENCES "sessions" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await runner.query(`INSERT INTO "temporary_questions"("id", "sessionId", "authorAccountId", "anonymous", "body", "status", "pinned", "clientId", "voteCount", "createdAt", "updatedAt", "answeredAt") SELECT "id", "sessionId", "authorAccountId", "anonymous", "body", "status", "pinned", "clientId", "voteCount", "createdAt", "updatedAt", "answeredAt" FROM "questions"`);
    await runner.query(`DROP TABLE "questions"`);
    await runner.query(`ALTER TABLE "temporary_questions" RENAME TO "questions"`);
    await runner.query(`CREATE INDEX "IDX_cc5099a79eef9c53de4ab3e142" ON "questions" ("sessionId", "status") `);
    await runner.query(`CREATE UNIQUE INDEX "IDX_234b0c9e996fc06dbc5aa47a61" ON "questions" ("authorAccountId", "sessionId", "clientId") `);
    await runner.query(`DROP INDEX "IDX_a39a89fe1a48e68dbbceea7a0d"`);
    await runner.query(`DROP INDEX "IDX_c62a8100f46994818692f8ae0c"`);
    await runner.query(`CREATE TABLE "temporary_question_votes" ("id" varchar PRIMARY KEY NOT NULL, "questionId" varchar NOT NULL, "accountId" varchar NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_fb7b67f20b9ef18a2bc082fc74e" FOREIGN KEY ("questionId") REFERENCES "questions" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await runner.query(`INSERT INTO "temporary_question_votes"("id", "questionId", "accountId", "createdAt") SELECT "id", "questionId", "accountId", "createdAt" FROM "question_votes"`);
    await runner.query(`DROP TABLE "question_votes"`);
    await runner.query(`ALTER TABLE "temporary_question_votes" RENAME TO "question_votes"`);
    await runner.query(`CREATE INDEX "IDX_a39a89fe1a48e68dbbceea7a0d" ON "question_votes" ("accountId") `);
    await runner.query(`CREATE UNIQUE INDEX "IDX_c62a8100f46994818692f8ae0c" ON "question_votes" ("questionId", "accountId") `);
    await runner.query(`DROP INDEX "IDX_bcd81d17c4802d166323b6c1a8"`);
    await runner.query(`CREATE TABLE "temporary_question_edits" ("id" varchar PRIMARY KEY NOT NULL, "questionId" varchar NOT NULL, "editorAccountId" varchar NOT NULL, "before" text NOT NULL, "after" text NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_65755f110f708f67248d2768f5e" FOREIGN KEY ("questionId") REFERENCES "questions" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await runner.query(`INSERT INTO "temporary_question_edits"("id", "questionId", "editorAccountId", "before", "after", "createdAt") SELECT "id", "questionId", "editorAccountId", "before", "after", "createdAt" FROM "question_edits"`);
    await runner.query(`DROP TABLE "question_edits"`);
    await runner.query(`ALTER TABLE "temporary_question_edits" RENAME TO "question_edits"`);
    await runner.query(`CREATE INDEX "IDX_bcd81d17c4802d166323b6c1a8" ON "question_edits" ("questionId", "createdAt") `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "IDX_bcd81d17c4802d166323b6c1a8"`);
    await runner.query(`ALTER TABLE "question_edits" RENAME TO "temporary_question_edits"`);
    await runner.query(`CREATE TABLE "question_edits" ("id" varchar PRIMARY KEY NOT NULL, "questionId" varchar NOT NULL, "editorAccountId" varchar NOT NULL, "before" text NOT NULL, "after" text NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')))`);
    await runner.query(`INSERT INTO "question_edits"("id", "questionId", "editorAccountId", "before", "after", "createdAt") SELECT "id", "questionId", "editorAccountId", "before", "after", "createdAt" FROM "temporary_question_edits"`);
    await runner.query(`DROP TABLE "temporary_question_edits"`);
    await runner.query(`CREATE INDEX "IDX_bcd81d17c4802d166323b6c1a8" ON "question_edits" ("questionId", "createdAt") `);
    await runner.query(`DROP INDEX "IDX_c62a8100f46994818692f8ae0c"`);
    await runner.query(`DROP INDEX "IDX_a39a89fe1a48e68dbbceea7a0d"`);
    await runner.query(`ALTER TABLE "question_votes" RENAME TO "temporary_question_votes"`);
    await runner.query(`CREATE TABLE "question_votes" ("id" varchar PRIMARY KEY NOT NULL, "questionId" varchar NOT NULL, "accountId" varchar NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')))`);
    await runner.query(`INSERT INTO "question_votes"("id", "questionId", "accountId", "createdAt") SELECT "id", "questionId", "accountId", "createdAt" FROM "temporary_question_votes"`);
    await runner.query(`DROP TABLE "temporary_question_votes"`);
    await runner.query(`CREATE UNIQUE INDEX "IDX_c62a8100f46994818692f8ae0c" ON "question_votes" ("questionId", "accountId") `);
    await runner.query(`CREATE INDEX "IDX_a39a89fe1a48e68dbbceea7a0d" ON "question_votes" ("accountId") `);
    await runner.query(`DROP INDEX "IDX_234b0c9e996fc06dbc5aa47a61"`);
    await runner.query(`DROP INDEX "IDX_cc5099a79eef9c53de4ab3e142"`);
    await runner.query(`ALTER TABLE "questions" RENAME TO "temporary_questions"`);
    await runner.query(`CREATE TABLE "questions" ("id" varchar PRIMARY KEY NOT NULL, "sessionId" varchar NOT NULL, "authorAccountId" varchar NOT NULL, "anonymous" boolean NOT NULL DEFAULT (0), "body" text NOT NULL, "status" varchar CHECK( "status" IN ('pending','visible','dismissed','answered') ) NOT NULL, "pinned" boolean NOT NULL DEFAULT (0), "clientId" varchar(64) NOT NULL, "voteCount" integer NOT NULL DEFAULT (0), "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "answeredAt" datetime, CONSTRAINT "CHK_questions_votes" CHECK ("voteCount" >= 0))`);
    await runner.query(`INSERT INTO "questions"("id", "sessionId", "authorAccountId", "anonymous", "body", "status", "pinned", "clientId", "voteCount", "createdAt", "updatedAt", "answeredAt") SELECT "id", "sessionId", "authorAccountId", "anonymous", "body", "status", "pinned", "clientId", "voteCount", "createdAt", "updatedAt", "answeredAt" FROM "temporary_questions"`);
    await runner.query(`DROP TABLE "temporary_questions"`);
    await runner.query(`CREATE UNIQUE INDEX "IDX_234b0c9e996fc06dbc5aa47a61" ON "questions" ("authorAccountId", "sessionId", "clientId") `);
    await runner.query(`CREATE INDEX "IDX_cc5099a79eef9c53de4ab3e142" ON "questions" ("sessionId", "status") `);
    await runner.query(`DROP INDEX "IDX_9e8223d93eec8e0fdc7d9e1804"`);
    await runner.query(`ALTER TABLE "sessions" RENAME TO "temporary_sessions"`);
    await runner.query(`CREATE TABLE "sessions" ("id" varchar PRIMARY KEY NOT NULL, "eventId" varchar NOT NULL, "dayId" varchar, "trackId" varchar, "streamId" varchar, "title" varchar(200) NOT NULL, "abstract" text NOT NULL DEFAULT (''), "format" varchar CHECK( "format" IN ('plenary','panel','workshop','keynote','networking') ) NOT NULL DEFAULT ('plenary'), "audience" varchar CHECK( "audience" IN ('public','cities','mayors','invite-only') ) NOT NULL, "language" varchar(5) NOT NULL DEFAULT ('en'), "status" varchar CHECK( "status" IN ('scheduled','cancelled') ) NOT NULL DEFAULT ('scheduled'), "capacity" integer, "startsAt" datetime NOT NULL, "endsAt" datetime NOT NULL, "isDemo" boolean NOT NULL DEFAULT (0), "calendarSequence" integer NOT NULL DEFAULT (0), "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "firstReleasedAt" datetime, "confirmedCount" integer NOT NULL DEFAULT (0), "registrationOpensAt" datetime, "registrationClosesAt" datetime, "delegationQuota" integer, CONSTRAINT "CHK_sessions_seats" CHECK (("confirmedCount" >= 0 AND ("capacity" IS NULL OR "confirmedCount" <= "capacity"))), CONSTRAINT "FK_68859ed2346abf5973bc0e9ac38" FOREIGN KEY ("streamId") REFERENCES "streams" ("id") ON DELETE SET NULL ON UPDATE NO ACTION, CONSTRAINT "FK_8c602a1c88bba5b7bf6edc1727d" FOREIGN KEY ("trackId") REFERENCES "tracks" ("id") ON DELETE SET NULL ON UPDATE NO ACTION, CONSTRAINT "FK_e45ca28da7bd078fd2c9d178baa" FOREIGN KEY ("dayId") REFERENCES "event_days" ("id") ON DELETE SET NULL ON UPDATE NO ACTION, CONSTRAINT "FK_61e25b191dd6844e30ff86e91ff" FOREIGN KEY ("eventId") REFERENCES "events" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await runner.query(`INSERT INTO "sessions"("id", "eventId", "dayId", "trackId", "streamId", "title", "abstract", "format", "audience", "language", "status", "capacity", "startsAt", "endsAt", "isDemo", "calendarSequence", "createdAt", "updatedAt", "firstReleasedAt", "confirmedCount", "registrationOpensAt", "registrationClosesAt", "delegationQuota") SELECT "id", "eventId", "dayId", "trackId", "streamId", "title", "abstract", "format", "audience", "language", "status", "capacity", "startsAt", "endsAt", "isDemo", "calendarSequence", "createdAt", "updatedAt", "firstReleasedAt", "confirmedCount", "registrationOpensAt", "registrationClosesAt", "delegationQuota" FROM "temporary_sessions"`);
    await runner.query(`DROP TABLE "temporary_sessions"`);
    await runner.query(`CREATE INDEX "IDX_9e8223d93eec8e0fdc7d9e1804" ON "sessions" ("eventId", "startsAt") `);
    await runner.query(`DROP INDEX "IDX_bcd81d17c4802d166323b6c1a8"`);
    await runner.query(`DROP TABLE "question_edits"`);
    await runner.query(`DROP INDEX "IDX_c62a8100f46994818692f8ae0c"`);
    await runner.query(`DROP INDEX "IDX_a39a89fe1a48e68dbbceea7a0d"`);
    await runner.query(`DROP TABLE "question_votes"`);
    await runner.query(`DROP INDEX "IDX_234b0c9e996fc06dbc5aa47a61"`);
    await runner.query(`DROP INDEX "IDX_cc5099a79eef9c53de4ab3e142"`);
    await runner.query(`DROP TABLE "questions"`);
  }
}
