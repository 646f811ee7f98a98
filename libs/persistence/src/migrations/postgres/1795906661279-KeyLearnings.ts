import type { MigrationInterface, QueryRunner } from 'typeorm';

export class KeyLearnings1795906661279 implements MigrationInterface {
  name = 'KeyLearnings1795906661279';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TYPE "public"."key_learning_documents_scope_enum" AS ENUM('session', 'day')`);
    await runner.query(`CREATE TABLE "key_learning_documents" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "scope" "public"."key_learning_documents_scope_enum" NOT NULL, "eventId" uuid NOT NULL, "sessionId" uuid, "date" character varying(10), "notes" text NOT NULL DEFAULT '', "digest" text NOT NULL DEFAULT '', "digestCompiledAt" TIMESTAMP WITH TIME ZONE, "revision" integer NOT NULL DEFAULT '0', "updatedAt" TIMESTAMP WITH TIME ZONE, "updatedBy" character varying(160), CONSTRAINT "PK_f44030c2905c78138ec8553b5d9" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE UNIQUE INDEX "IDX_962834baec04396e196caac094" ON "key_learning_documents"  ("eventId", "date") `);
    await runner.query(`CREATE UNIQUE INDEX "IDX_ded54972912b355f41c468160f" ON "key_learning_documents"  ("sessionId") `);
    await runner.query(`CREATE TABLE "key_learning_revisions" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "documentId" uuid NOT NULL, "number" integer NOT NULL, "notes" text NOT NULL, "digest" text NOT NULL, "authorAccountId" uuid, "author" character varying(160) NOT NULL, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_836adea483be3c4036544ae8c1e" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE UNIQUE INDEX "IDX_d183451a214832bc9b243834f9" ON "key_learning_revisions"  ("documentId", "number") `);
    await runner.query(`CREATE TYPE "public"."key_learning_versions_renderstate_enum" AS ENUM('pending', 'ready', 'failed')`);
    await runner.query(`CREATE TABLE "key_learning_versions" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "documentId" uuid NOT NULL, "number" integer NOT NULL, "revision" integer NOT NULL, "title" character varying(300) NOT NULL, "language" character varying(5) NOT NULL DEFAULT 'en', "markdown" text NOT NULL, "publishedByAccountId" uuid, "publishedBy" character varying(160) NOT NULL, "publishedAt" TIMESTAMP WITH TIME ZONE NOT NULL, "renderState" "public"."key_learning_versions_renderstate_enum" NOT NULL DEFAULT 'pending', "renderAttempts" integer NOT NULL DEFAULT '0', "renderMs" integer, "renderedAt" TIMESTAMP WITH TIME ZONE, "mailQueuedAt" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_c72eb391c310815912bf75a928d" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "IDX_5dfc1aab0c2dde21500536ea79" ON "key_learning_versions"  ("renderState") `);
    await runner.query(`CREATE UNIQUE INDEX "IDX_7da36eddf53ad676acea85b617" ON "key_learning_versions"  ("documentId", "number") `);
    await runner.query(`CREATE TYPE "public"."key_learning_files_format_enum" AS ENUM('html', 'md', 'pdf')`);
    await runner.query(`CREATE TABLE "key_learning_files" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "versionId" uuid NOT NULL, "format" "public"."key_learning_files_format_enum" NOT NULL, "contentType" character varying(100) NOT NULL, "fileName" character varying(120) NOT NULL, "bytes" integer NOT NULL, "sha256" character varying(64) NOT NULL, "body" bytea NOT NULL, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_c1937ba2ba49f5126db8810a28f" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE UNIQUE INDEX "IDX_7d0e90463f5dbbdf11e7119570" ON "key_learning_files"  ("versionId", "format") `);
    await runner.query(`ALTER TABLE "accounts" ADD "keyLearningsPdf" boolean NOT NULL DEFAULT false`);
    await runner.query(`ALTER TABLE "questions" ADD "answerNote" text`);
    await runner.query(`ALTER TABLE "key_learning_documents" ADD CONSTRAINT "FK_eb0793197b7dc324c9979af4940" FOREIGN KEY ("eventId") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await runner.query(`ALTER TABLE "key_learning_documents" ADD CONSTRAINT "FK_ded54972912b355f41c468160f8" FOREIGN KEY ("sessionId") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await runner.query(`ALTER TABLE "key_learning_revisions" ADD CONSTRAINT "FK_13581e898376a7150aee2550c08" FOREIGN KEY ("documentId") REFERENCES "key_learning_documents"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await runner.query(`ALTER TABLE "key_learning_versions" ADD CONSTRAINT "FK_ba3b5edc8fb69c4b1ff4eb38f5a" FOREIGN KEY ("documentId") REFERENCES "key_learning_documents"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await runner.query(`ALTER TABLE "key_learning_files" ADD CONSTRAINT "FK_ee0d671a97fe9bf539787cc1417" FOREIGN KEY ("versionId") REFERENCES "key_learning_versions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "key_learning_files" DROP CONSTRAINT "FK_ee0d671a97fe9bf539787cc1417"`);
    await runner.query(`ALTER TABLE "key_learning_versions" DROP CONSTRAINT "FK_ba3b5edc8fb69c4b1ff4eb38f5a"`);
    await runner.query(`ALTER TABLE "key_learning_revisions" DROP CONSTRAINT "FK_13581e898376a7150aee2550c08"`);
    await runner.query(`ALTER TABLE "key_learning_documents" DROP CONSTRAINT "FK_ded54972912b355f41c468160f8"`);
    await runner.query(`ALTER TABLE "key_learning_documents" DROP CONSTRAINT "FK_eb0793197b7dc324c9979af4940"`);
    await runner.query(`ALTER TABLE "questions" DROP COLUMN "answerNote"`);
    await runner.query(`ALTER TABLE "accounts" DROP COLUMN "keyLearningsPdf"`);
    await runner.query(`DROP INDEX "public"."IDX_7d0e90463f5dbbdf11e7119570"`);
    await runner.query(`DROP TABLE "key_learning_files"`);
    await runner.query(`DROP TYPE "public"."key_learning_files_format_enum"`);
    await runner.query(`DROP INDEX "public"."IDX_7da36eddf53ad676acea85b617"`);
    await runner.query(`DROP INDEX "public"."IDX_5dfc1aab0c2dde21500536ea79"`);
    await runner.query(`DROP TABLE "key_learning_versions"`);
    await runner.query(`DROP TYPE "public"."key_learning_versions_renderstate_enum"`);
    await runner.query(`DROP INDEX "public"."IDX_d183451a214832bc9b243834f9"`);
    await runner.query(`DROP TABLE "key_learning_revisions"`);
    await runner.query(`DROP INDEX "public"."IDX_ded54972912b355f41c468160f"`);
    await runner.query(`DROP INDEX "public"."IDX_962834baec04396e196caac094"`);
    await runner.query(`DROP TABLE "key_learning_documents"`);
    await runner.query(`DROP TYPE "public"."key_learning_documents_scope_enum"`);
  }
}
