import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Accounts1795874598167 implements MigrationInterface {
  name = 'Accounts1795874598167';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "accounts" ("id" varchar PRIMARY KEY NOT NULL, "email" varchar(320), "name" varchar(160) NOT NULL DEFAULT (''), "organisation" varchar(200) NOT NULL DEFAULT (''), "cityId" varchar, "locale" varchar(5) NOT NULL DEFAULT ('en'), "timeZone" varchar(64) NOT NULL DEFAULT ('Europe/Brussels'), "erasedAt" datetime, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "UQ_ee66de6cdc53993296d1ceb8aa0" UNIQUE ("email"))`);
    await runner.query(`CREATE TABLE "audit_log" ("id" varchar PRIMARY KEY NOT NULL, "actorId" varchar, "action" varchar(60) NOT NULL, "targetAccountId" varchar, "eventId" varchar, "details" text NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')))`);
    await runner.query(`CREATE INDEX "IDX_936a31c3fca31a0b332f924a3a" ON "audit_log" ("eventId") `);
    await runner.query(`CREATE TABLE "auth_sessions" ("id" varchar PRIMARY KEY NOT NULL, "accountId" varchar NOT NULL, "secretHash" varchar(64) NOT NULL, "kind" varchar(10) NOT NULL, "label" varchar(100) NOT NULL DEFAULT (''), "csrfToken" varchar(64) NOT NULL, "expiresAt" datetime NOT NULL, "revokedAt" datetime, "lastUsedAt" datetime, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "UQ_3c6b19b7162feaf5052bd9811f0" UNIQUE ("secretHash"))`);
    await runner.query(`CREATE INDEX "IDX_b049b3c0dbd5b7ef38173f7e84" ON "auth_sessions" ("accountId") `);
    await runner.query(`CREATE TABLE "event_roles" ("id" varchar PRIMARY KEY NOT NULL, "accountId" varchar NOT NULL, "eventId" varchar, "role" varchar CHECK( "role" IN ('organiser','moderator','rapporteur','speaker','attendee') ) NOT NULL, "grantedBy" varchar, "createdAt" datetime NOT NULL DEFAULT (datetime('now')))`);
    await runner.query(`CREATE INDEX "IDX_28ffe2993bf5cbcd1dd4a15074" ON "event_roles" ("accountId") `);
    await runner.query(`CREATE INDEX "IDX_640ab922acdacc6971cc4eb069" ON "event_roles" ("eventId") `);
    await runner.query(`CREATE UNIQUE INDEX "IDX_3345e7edfd1798a4051d28601b" ON "event_roles" ("accountId", "eventId", "role") `);
    await runner.query(`CREATE TABLE "sign_in_requests" ("id" varchar PRIMARY KEY NOT NULL, "email" varchar(320) NOT NULL, "tokenHash" varchar(64), "expiresAt" datetime, "usedAt" datetime, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "UQ_6f517ac79a967206a544efe0800" UNIQUE ("tokenHash"))`);
    await runner.query(`CREATE INDEX "IDX_cddf6aad1be56a789698ea2b58" ON "sign_in_requests" ("email") `);
    await runner.query(`CREATE TABLE "temporary_accounts" ("id" varchar PRIMARY KEY NOT NULL, "email" varchar(320), "name" varchar(160) NOT NULL DEFAULT (''), "organisation" varchar(200) NOT NULL DEFAULT (''), "cityId" varchar, "locale" varchar(5) NOT NULL DEFAULT ('en'), "timeZone" varchar(64) NOT NULL DEFAULT ('Europe/Brussels'), "erasedAt" datetime, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "UQ_ee66de6cdc53993296d1ceb8aa0" UNIQUE ("email"), CONSTRAINT "FK_296ff3f66c067b1be45922717e5" FOREIGN KEY ("cityId") REFERENCES "cities" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`);
    await runner.query(`INSERT INTO "temporary_accounts"("id", "email", "name", "organisation", "cityId", "locale", "timeZone", "erasedAt", "createdAt", "updatedAt") SELECT "id", "email", "name", "organisation", "cityId", "locale", "timeZone", "erasedAt", "createdAt", "updatedAt" FROM "accounts"`);
    await runner.query(`DROP TABLE "accounts"`);
    await runner.query(`ALTER TABLE "temporary_accounts" RENAME TO "accounts"`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "accounts" RENAME TO "temporary_accounts"`);
    await runner.query(`CREATE TABLE "accounts" ("id" varchar PRIMARY KEY NOT NULL, "email" varchar(320), "name" varchar(160) NOT NULL DEFAULT (''), "organisation" varchar(200) NOT NULL DEFAULT (''), "cityId" varchar, "locale" varchar(5) NOT NULL DEFAULT ('en'), "timeZone" varchar(64) NOT NULL DEFAULT ('Europe/Brussels'), "erasedAt" datetime, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "UQ_ee66de6cdc53993296d1ceb8aa0" UNIQUE ("email"))`);
    await runner.query(`INSERT INTO "accounts"("id", "email", "name", "organisation", "cityId", "locale", "timeZone", "erasedAt", "createdAt", "updatedAt") SELECT "id", "email", "name", "organisation", "cityId", "locale", "timeZone", "erasedAt", "createdAt", "updatedAt" FROM "temporary_accounts"`);
    await runner.query(`DROP TABLE "temporary_accounts"`);
    await runner.query(`DROP INDEX "IDX_cddf6aad1be56a789698ea2b58"`);
    await runner.query(`DROP TABLE "sign_in_requests"`);
    await runner.query(`DROP INDEX "IDX_3345e7edfd1798a4051d28601b"`);
    await runner.query(`DROP INDEX "IDX_640ab922acdacc6971cc4eb069"`);
    await runner.query(`DROP INDEX "IDX_28ffe2993bf5cbcd1dd4a15074"`);
    await runner.query(`DROP TABLE "event_roles"`);
    await runner.query(`DROP INDEX "IDX_b049b3c0dbd5b7ef38173f7e84"`);
    await runner.query(`DROP TABLE "auth_sessions"`);
    await runner.query(`DROP INDEX "IDX_936a31c3fca31a0b332f924a3a"`);
    await runner.query(`DROP TABLE "audit_log"`);
    await runner.query(`DROP TABLE "accounts"`);
  }
}
