import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Registrations1795883373666 implements MigrationInterface {
  name = 'Registrations1795883373666';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "session_city_seats" ("sessionId" uuid NOT NULL, "cityId" uuid NOT NULL, "confirmed" integer NOT NULL DEFAULT '0', CONSTRAINT "CHK_session_city_seats_confirmed" CHECK ("confirmed" >= 0), CONSTRAINT "PK_9ee7c600d9a6445afa979a9b9ae" PRIMARY KEY ("sessionId", "cityId"))`);
    await runner.query(`ALTER TABLE "events" ADD "delegationQuota" integer`);
    await runner.query(`ALTER TABLE "sessions" ADD "confirmedCount" integer NOT NULL DEFAULT '0'`);
    await runner.query(`ALTER TABLE "sessions" ADD "registrationOpensAt" TIMESTAMP WITH TIME ZONE`);
    await runner.query(`ALTER TABLE "sessions" ADD "registrationClosesAt" TIMESTAMP WITH TIME ZONE`);
    await runner.query(`ALTER TABLE "sessions" ADD "delegationQuota" integer`);
    // Seat counters start from the registrations already stored (none before this feature).
    await runner.query(`UPDATE "sessions" s SET "confirmedCount" = c.n FROM (SELECT "sessionId", COUNT(*)::int AS n FROM "registrations" WHERE "status" = 'confirmed' GROUP BY "sessionId") c WHERE c."sessionId" = s."id"`);
    await runner.query(`ALTER TABLE "sessions" ADD CONSTRAINT "CHK_sessions_seats" CHECK ("confirmedCount" >= 0 AND ("capacity" IS NULL OR "confirmedCount" <= "capacity"))`);
    await runner.query(`ALTER TABLE "session_city_seats" ADD CONSTRAINT "FK_e115fe14885a9b8ba8e7a688911" FOREIGN KEY ("sessionId") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await runner.query(`ALTER TABLE "session_city_seats" ADD CONSTRAINT "FK_7b841cf32e2aee21052d7c5288e" FOREIGN KEY ("cityId") REFERENCES "cities"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await runner.query(`INSERT INTO "session_city_seats" ("sessionId", "cityId", "confirmed") SELECT "sessionId", "cityId", COUNT(*) FROM "registrations" WHERE "status" = 'confirmed' AND "cityId" IN (SELECT "id" FROM "cities") GROUP BY "sessionId", "cityId"`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "session_city_seats" DROP CONSTRAINT "FK_7b841cf32e2aee21052d7c5288e"`);
    await runner.query(`ALTER TABLE "session_city_seats" DROP CONSTRAINT "FK_e115fe14885a9b8ba8e7a688911"`);
    await runner.query(`ALTER TABLE "sessions" DROP CONSTRAINT "CHK_sessions_seats"`);
    await runner.query(`ALTER TABLE "sessions" DROP COLUMN "delegationQuota"`);
    await runner.query(`ALTER TABLE "sessions" DROP COLUMN "registrationClosesAt"`);
    await runner.query(`ALTER TABLE "sessions" DROP COLUMN "registrationOpensAt"`);
    await runner.query(`ALTER TABLE "sessions" DROP COLUMN "confirmedCount"`);
    await runner.query(`ALTER TABLE "events" DROP COLUMN "delegationQuota"`);
    await runner.query(`DROP TABLE "session_city_seats"`);
  }
}
