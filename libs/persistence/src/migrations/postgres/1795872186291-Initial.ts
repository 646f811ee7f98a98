import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795872186291 implements MigrationInterface {
  name = 'Initial1795872186291';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TYPE "public"."cities_role_enum" AS ENUM('core', 'mentor')`);
    await runner.query(`CREATE TABLE "cities" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "name" character varying(120) NOT NULL, "country" character varying(2) NOT NULL, "role" "public"."cities_role_enum" NOT NULL, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4762ffb6e5d198cfec5606bc11e" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE UNIQUE INDEX "IDX_4b34bea90161edd2e9cad9ff37" ON "cities"  ("name", "country") `);
    await runner.query(`CREATE TABLE "event_days" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "eventId" uuid NOT NULL, "date" character varying(10) NOT NULL, "dayNumber" integer NOT NULL, "title" character varying(200) NOT NULL, "description" text NOT NULL DEFAULT '', CONSTRAINT "PK_9503f237e42c686fd32876089bc" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE UNIQUE INDEX "IDX_f05569b69a1aa810ec692b7472" ON "event_days"  ("eventId", "date") `);
    await runner.query(`CREATE TYPE "public"."events_kind_enum" AS ENUM('city-lab', 'mayors-summit')`);
    await runner.query(`CREATE TABLE "events" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "slug" character varying(80) NOT NULL, "kind" "public"."events_kind_enum" NOT NULL, "title" character varying(200) NOT NULL, "summary" text NOT NULL DEFAULT '', "timeZone" character varying(64) NOT NULL, "startDate" character varying(10) NOT NULL, "endDate" character varying(10) NOT NULL, "venue" character varying(200), "isDemo" boolean NOT NULL DEFAULT false, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_05bd884c03d3f424e2204bd14cd" UNIQUE ("slug"), CONSTRAINT "PK_40731c7151fe4be3116e45ddf73" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE TYPE "public"."session_people_role_enum" AS ENUM('speaker', 'moderator', 'rapporteur')`);
    await runner.query(`CREATE TABLE "session_people" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "sessionId" uuid NOT NULL, "speakerId" uuid NOT NULL, "role" "public"."session_people_role_enum" NOT NULL, "position" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_0c3e8039f3ccb2db90b3dc8df8f" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "IDX_22877c7884b49532573698bbf8" ON "session_people"  ("speakerId") `);
    await runner.query(`CREATE UNIQUE INDEX "IDX_d3529d639885ae8e04770b70f5" ON "session_people"  ("sessionId", "speakerId", "role") `);
    await runner.query(`CREATE TYPE "public"."sessions_format_enum" AS ENUM('plenary', 'panel', 'workshop', 'keynote', 'networking')`);
    await runner.query(`CREATE TYPE "public"."sessions_audience_enum" AS ENUM('public', 'cities', 'mayors', 'invite-only')`);
    await runner.query(`CREATE TYPE "public"."sessions_status_enum" AS ENUM('scheduled', 'cancelled')`);
    await runner.query(`CREATE TABLE "sessions" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "eventId" uuid NOT NULL, "dayId" uuid, "trackId" uuid, "streamId" uuid, "title" character varying(200) NOT NULL, "abstract" text NOT NULL DEFAULT '', "format" "public"."sessions_format_enum" NOT NULL DEFAULT 'plenary', "audience" "public"."sessions_audience_enum" NOT NULL, "language" character varying(5) NOT NULL DEFAULT 'en', "status" "public"."sessions_status_enum" NOT NULL DEFAULT 'scheduled', "capacity" integer, "startsAt" TIMESTAMP WITH TIME ZONE NOT NULL, "endsAt" TIMESTAMP WITH TIME ZONE NOT NULL, "isDemo" boolean NOT NULL DEFAULT false, "calendarSequence" integer NOT NULL DEFAULT '0', "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3238ef96f18b355b671619111bc" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "IDX_9e8223d93eec8e0fdc7d9e1804" ON "sessions"  ("eventId", "startsAt") `);
    await runner.query(`CREATE TABLE "speakers" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "name" character varying(160) NOT NULL, "title" character varying(200), "organisation" character varying(200), "bio" text, "cityId" uuid, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b3818c94af77a0cf73403ecef14" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE TABLE "streams" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "eventId" uuid NOT NULL, "name" character varying(120) NOT NULL, "virtualUrl" character varying(500), "capacity" integer, "position" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_40440b6f569ebc02bc71c25c499" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE UNIQUE INDEX "IDX_d387d3a5e6bb26545559f65554" ON "streams"  ("eventId", "name") `);
    await runner.query(`CREATE TYPE "public"."tracks_kind_enum" AS ENUM('theme', 'transversal')`);
    await runner.query(`CREATE TABLE "tracks" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "eventId" uuid NOT NULL, "slug" character varying(80) NOT NULL, "name" character varying(160) NOT NULL, "kind" "public"."tracks_kind_enum" NOT NULL, "color" character varying(7) NOT NULL, "position" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_242a37ffc7870380f0e611986e8" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE UNIQUE INDEX "IDX_2d18f1e439a7e3cc284093e725" ON "tracks"  ("eventId", "slug") `);
    await runner.query(`ALTER TABLE "event_days" ADD CONSTRAINT "FK_784b7b6a6073c93c7681721ee0f" FOREIGN KEY ("eventId") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await runner.query(`ALTER TABLE "session_people" ADD CONSTRAINT "FK_ec76233e8f958b625daf39e672b" FOREIGN KEY ("sessionId") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await runner.query(`ALTER TABLE "session_people" ADD CONSTRAINT "FK_22877c7884b49532573698bbf85" FOREIGN KEY ("speakerId") REFERENCES "speakers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await runner.query(`ALTER TABLE "sessions" ADD CONSTRAINT "FK_61e25b191dd6844e30ff86e91ff" FOREIGN KEY ("eventId") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await runner.query(`ALTER TABLE "sessions" ADD CONSTRAINT "FK_e45ca28da7bd078fd2c9d178baa" FOREIGN KEY ("dayId") REFERENCES "event_days"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await runner.query(`ALTER TABLE "sessions" ADD CONSTRAINT "FK_8c602a1c88bba5b7bf6edc1727d" FOREIGN KEY ("trackId") REFERENCES "tracks"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await runner.query(`ALTER TABLE "sessions" ADD CONSTRAINT "FK_68859ed2346abf5973bc0e9ac38" FOREIGN KEY ("streamId") REFERENCES "streams"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await runner.query(`ALTER TABLE "speakers" ADD CONSTRAINT "FK_5729b544a4de79942aa14c73a57" FOREIGN KEY ("cityId") REFERENCES "cities"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await runner.query(`ALTER TABLE "streams" ADD CONSTRAINT "FK_d765dafe69ab61370d619dbd9f9" FOREIGN KEY ("eventId") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await runner.query(`ALTER TABLE "tracks" ADD CONSTRAINT "FK_d8a1c8e64ac3348c302c7dae742" FOREIGN KEY ("eventId") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "tracks" DROP CONSTRAINT "FK_d8a1c8e64ac3348c302c7dae742"`);
    await runner.query(`ALTER TABLE "streams" DROP CONSTRAINT "FK_d765dafe69ab61370d619dbd9f9"`);
    await runner.query(`ALTER TABLE "speakers" DROP CONSTRAINT "FK_5729b544a4de79942aa14c73a57"`);
    await runner.query(`ALTER TABLE "sessions" DROP CONSTRAINT "FK_68859ed2346abf5973bc0e9ac38"`);
    await runner.query(`ALTER TABLE "sessions" DROP CONSTRAINT "FK_8c602a1c88bba5b7bf6edc1727d"`);
    await runner.query(`ALTER TABLE "sessions" DROP CONSTRAINT "FK_e45ca28da7bd078fd2c9d178baa"`);
    await runner.query(`ALTER TABLE "sessions" DROP CONSTRAINT "FK_61e25b191dd6844e30ff86e91ff"`);
    await runner.query(`ALTER TABLE "session_people" DROP CONSTRAINT "FK_22877c7884b49532573698bbf85"`);
    await runner.query(`ALTER TABLE "session_people" DROP CONSTRAINT "FK_ec76233e8f958b625daf39e672b"`);
    await runner.query(`ALTER TABLE "event_days" DROP CONSTRAINT "FK_784b7b6a6073c93c7681721ee0f"`);
    await runner.query(`DROP INDEX "public"."IDX_2d18f1e439a7e3cc284093e725"`);
    await runner.query(`DROP TABLE "tracks"`);
    await runner.query(`DROP TYPE "public"."tracks_kind_enum"`);
    await runner.query(`DROP INDEX "public"."IDX_d387d3a5e6bb26545559f65554"`);
    await runner.query(`DROP TABLE "streams"`);
    await runner.query(`DROP TABLE "speakers"`);
    await runner.query(`DROP INDEX "public"."IDX_9e8223d93eec8e0fdc7d9e1804"`);
    await runner.query(`DROP TABLE "sessions"`);
    await runner.query(`DROP TYPE "public"."sessions_status_enum"`);
    await runner.query(`DROP TYPE "public"."sessions_audience_enum"`);
    await runner.query(`DROP TYPE "public"."sessions_format_enum"`);
    await runner.query(`DROP INDEX "public"."IDX_d3529d639885ae8e04770b70f5"`);
    await runner.query(`DROP INDEX "public"."IDX_22877c7884b49532573698bbf8"`);
    await runner.query(`DROP TABLE "session_people"`);
    await runner.query(`DROP TYPE "public"."session_people_role_enum"`);
    await runner.query(`DROP TABLE "events"`);
    await runner.query(`DROP TYPE "public"."events_kind_enum"`);
    await runner.query(`DROP INDEX "public"."IDX_f05569b69a1aa810ec692b7472"`);
    await runner.query(`DROP TABLE "event_days"`);
    await runner.query(`DROP INDEX "public"."IDX_4b34bea90161edd2e9cad9ff37"`);
    await runner.query(`DROP TABLE "cities"`);
    await runner.query(`DROP TYPE "public"."cities_role_enum"`);
  }
}
