import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Accounts1795874598746 implements MigrationInterface {
  name = 'Accounts1795874598746';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "accounts" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "email" character varying(320), "name" character varying(160) NOT NULL DEFAULT '', "organisation" character varying(200) NOT NULL DEFAULT '', "cityId" uuid, "locale" character varying(5) NOT NULL DEFAULT 'en', "timeZone" character varying(64) NOT NULL DEFAULT 'Europe/Brussels', "erasedAt" TIMESTAMP WITH TIME ZONE, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_ee66de6cdc53993296d1ceb8aa0" UNIQUE ("email"), CONSTRAINT "PK_5a7a02c20412299d198e097a8fe" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE TABLE "audit_log" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "actorId" uuid, "action" character varying(60) NOT NULL, "targetAccountId" uuid, "eventId" uuid, "details" text NOT NULL, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "IDX_936a31c3fca31a0b332f924a3a" ON "audit_log"  ("eventId") `);
    await runner.query(`CREATE TABLE "auth_sessions" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "accountId" uuid NOT NULL, "secretHash" character varying(64) NOT NULL, "kind" character varying(10) NOT NULL, "label" character varying(100) NOT NULL DEFAULT '', "csrfToken" character varying(64) NOT NULL, "expiresAt" TIMESTAMP WITH TIME ZONE NOT NULL, "revokedAt" TIMESTAMP WITH TIME ZONE, "lastUsedAt" TIMESTAMP WITH TIME ZONE, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_3c6b19b7162feaf5052bd9811f0" UNIQUE ("secretHash"), CONSTRAINT "PK_641507381f32580e8479efc36cd" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "IDX_b049b3c0dbd5b7ef38173f7e84" ON "auth_sessions"  ("accountId") `);
    await runner.query(`CREATE TYPE "public"."event_roles_role_enum" AS ENUM('organiser', 'moderator', 'rapporteur', 'speaker', 'attendee')`);
    await runner.query(`CREATE TABLE "event_roles" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "accountId" uuid NOT NULL, "eventId" uuid, "role" "public"."event_roles_role_enum" NOT NULL, "grantedBy" uuid, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5b00612dd136a41e58dbe024c51" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "IDX_28ffe2993bf5cbcd1dd4a15074" ON "event_roles"  ("accountId") `);
    await runner.query(`CREATE INDEX "IDX_640ab922acdacc6971cc4eb069" ON "event_roles"  ("eventId") `);
    await runner.query(`CREATE UNIQUE INDEX "IDX_3345e7edfd1798a4051d28601b" ON "event_roles"  ("accountId", "eventId", "role") `);
    await runner.query(`CREATE TABLE "sign_in_requests" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "email" character varying(320) NOT NULL, "tokenHash" character varying(64), "expiresAt" TIMESTAMP WITH TIME ZONE, "usedAt" TIMESTAMP WITH TIME ZONE, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_6f517ac79a967206a544efe0800" UNIQUE ("tokenHash"), CONSTRAINT "PK_7284adceb2a41079db81393b04a" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "IDX_cddf6aad1be56a789698ea2b58" ON "sign_in_requests"  ("email") `);
    await runner.query(`ALTER TABLE "accounts" ADD CONSTRAINT "FK_296ff3f66c067b1be45922717e5" FOREIGN KEY ("cityId") REFERENCES "cities"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "accounts" DROP CONSTRAINT "FK_296ff3f66c067b1be45922717e5"`);
    await runner.query(`DROP INDEX "public"."IDX_cddf6aad1be56a789698ea2b58"`);
    await runner.query(`DROP TABLE "sign_in_requests"`);
    await runner.query(`DROP INDEX "public"."IDX_3345e7edfd1798a4051d28601b"`);
    await runner.query(`DROP INDEX "public"."IDX_640ab922acdacc6971cc4eb069"`);
    await runner.query(`DROP INDEX "public"."IDX_28ffe2993bf5cbcd1dd4a15074"`);
    await runner.query(`DROP TABLE "event_roles"`);
    await runner.query(`DROP TYPE "public"."event_roles_role_enum"`);
    await runner.query(`DROP INDEX "public"."IDX_b049b3c0dbd5b7ef38173f7e84"`);
    await runner.query(`DROP TABLE "auth_sessions"`);
    await runner.query(`DROP INDEX "public"."IDX_936a31c3fca31a0b332f924a3a"`);
    await runner.query(`DROP TABLE "audit_log"`);
    await runner.query(`DROP TABLE "accounts"`);
  }
}
