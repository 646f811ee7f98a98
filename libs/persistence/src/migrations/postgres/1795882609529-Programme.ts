import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Programme1795882609529 implements MigrationInterface {
  name = 'Programme1795882609529';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "schedule_releases" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "eventId" uuid NOT NULL, "number" integer NOT NULL, "name" character varying(120) NOT NULL, "notes" text NOT NULL DEFAULT '', "snapshot" text NOT NULL, "diff" text NOT NULL, "overrideReason" text, "publishedBy" uuid, "publishedAt" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_28617651628a7eff363b9689bf2" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE UNIQUE INDEX "IDX_bdfdd72ba6369d445ed56d13ee" ON "schedule_releases"  ("eventId", "number") `);
    await runner.query(`CREATE TYPE "public"."registrations_status_enum" AS ENUM('confirmed', 'waitlisted', 'cancelled')`);
    await runner.query(`CREATE TABLE "registrations" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "sessionId" uuid NOT NULL, "accountId" uuid NOT NULL, "cityId" uuid, "status" "public"."registrations_status_enum" NOT NULL, "waitlistedAt" TIMESTAMP WITH TIME ZONE, "confirmedAt" TIMESTAMP WITH TIME ZONE, "cancelledAt" TIMESTAMP WITH TIME ZONE, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6013e724d7b22929da9cd7282d1" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "IDX_21ae657cd1e80cc2169e69aeb1" ON "registrations"  ("accountId") `);
    await runner.query(`CREATE INDEX "IDX_d7a76fe63633eb97a66218ca1a" ON "registrations"  ("sessionId", "status", "waitlistedAt") `);
    await runner.query(`CREATE UNIQUE INDEX "IDX_f03977211f3b194eeddac107ad" ON "registrations"  ("sessionId", "accountId") `);
    await runner.query(`CREATE TYPE "public"."invitations_role_enum" AS ENUM('mayor', 'speaker', 'delegate', 'guest')`);
    await runner.query(`CREATE TYPE "public"."invitations_status_enum" AS ENUM('pending', 'accepted', 'declined')`);
    await runner.query(`CREATE TABLE "invitations" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "eventId" uuid NOT NULL, "email" character varying(320) NOT NULL, "name" character varying(160) NOT NULL, "cityName" character varying(160), "cityId" uuid, "role" "public"."invitations_role_enum" NOT NULL, "status" "public"."invitations_status_enum" NOT NULL DEFAULT 'pending', "accountId" uuid, "invitedBy" uuid, "respondedAt" TIMESTAMP WITH TIME ZONE, "remindersSent" integer NOT NULL DEFAULT '0', "lastRemindedAt" TIMESTAMP WITH TIME ZONE, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5dec98cfdfd562e4ad3648bbb07" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "IDX_ee84159b69a73b48c83ca488c8" ON "invitations"  ("accountId") `);
    await runner.query(`CREATE UNIQUE INDEX "IDX_baab2bf661c6009031a9fb2132" ON "invitations"  ("eventId", "email") `);
    await runner.query(`CREATE TABLE "invitation_links" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "invitationId" uuid NOT NULL, "tokenHash" character varying(64) NOT NULL, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_66e9d42e9bdf3598b3a04518624" UNIQUE ("tokenHash"), CONSTRAINT "PK_78ebabba3f0478fbf7c16319b7a" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "IDX_7b1d3cd509f822c7f1bc4c3d21" ON "invitation_links"  ("invitationId") `);
    await runner.query(`ALTER TABLE "events" ADD "streamChangeBufferMinutes" integer NOT NULL DEFAULT '10'`);
    await runner.query(`ALTER TABLE "sessions" ADD "firstReleasedAt" TIMESTAMP WITH TIME ZONE`);
    await runner.query(`ALTER TABLE "speakers" ADD "email" character varying(320)`);
    await runner.query(`ALTER TABLE "speakers" ADD "accountId" uuid`);
    await runner.query(`ALTER TABLE "speakers" ADD "availability" text`);
    await runner.query(`ALTER TABLE "speakers" ADD "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
    await runner.query(`CREATE INDEX "IDX_a6d76314bb85f0f61915f5a71c" ON "speakers"  ("accountId") `);
    await runner.query(`ALTER TABLE "schedule_releases" ADD CONSTRAINT "FK_e1450f08cd36c73caf696307ac7" FOREIGN KEY ("eventId") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await runner.query(`ALTER TABLE "registrations" ADD CONSTRAINT "FK_2e90ee5fe5ddd25f49a6846ebc4" FOREIGN KEY ("sessionId") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await runner.query(`ALTER TABLE "invitations" ADD CONSTRAINT "FK_8dfdd031adb35b7e19733430b6f" FOREIGN KEY ("eventId") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await runner.query(`ALTER TABLE "invitation_links" ADD CONSTRAINT "FK_7b1d3cd509f822c7f1bc4c3d216" FOREIGN KEY ("invitationId") REFERENCES "invitations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "invitation_links" DROP CONSTRAINT "FK_7b1d3cd509f822c7f1bc4c3d216"`);
    await runner.query(`ALTER TABLE "invitations" DROP CONSTRAINT "FK_8dfdd031adb35b7e19733430b6f"`);
    await runner.query(`ALTER TABLE "registrations" DROP CONSTRAINT "FK_2e90ee5fe5ddd25f49a6846ebc4"`);
    await runner.query(`ALTER TABLE "schedule_releases" DROP CONSTRAINT "FK_e1450f08cd36c73caf696307ac7"`);
    await runner.query(`DROP INDEX "public"."IDX_a6d76314bb85f0f61915f5a71c"`);
    await runner.query(`ALTER TABLE "speakers" DROP COLUMN "updatedAt"`);
    await runner.query(`ALTER TABLE "speakers" DROP COLUMN "availability"`);
    await runner.query(`ALTER TABLE "speakers" DROP COLUMN "accountId"`);
    await runner.query(`ALTER TABLE "speakers" DROP COLUMN "email"`);
    await runner.query(`ALTER TABLE "sessions" DROP COLUMN "firstReleasedAt"`);
    await runner.query(`ALTER TABLE "events" DROP COLUMN "streamChangeBufferMinutes"`);
    await runner.query(`DROP INDEX "public"."IDX_7b1d3cd509f822c7f1bc4c3d21"`);
    await runner.query(`DROP TABLE "invitation_links"`);
    await runner.query(`DROP INDEX "public"."IDX_baab2bf661c6009031a9fb2132"`);
    await runner.query(`DROP INDEX "public"."IDX_ee84159b69a73b48c83ca488c8"`);
    await runner.query(`DROP TABLE "invitations"`);
    await runner.query(`DROP TYPE "public"."invitations_status_enum"`);
    await runner.query(`DROP TYPE "public"."invitations_role_enum"`);
    await runner.query(`DROP INDEX "public"."IDX_f03977211f3b194eeddac107ad"`);
    await runner.query(`DROP INDEX "public"."IDX_d7a76fe63633eb97a66218ca1a"`);
    await runner.query(`DROP INDEX "public"."IDX_21ae657cd1e80cc2169e69aeb1"`);
    await runner.query(`DROP TABLE "registrations"`);
    await runner.query(`DROP TYPE "public"."registrations_status_enum"`);
    await runner.query(`DROP INDEX "public"."IDX_bdfdd72ba6369d445ed56d13ee"`);
    await runner.query(`DROP TABLE "schedule_releases"`);
  }
}
