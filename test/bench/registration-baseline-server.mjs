// Child process of the registration benchmark (test/bench/registration.mjs starts it): the
// baseline, a bare Fastify + `pg` program that registers a bearer-token holder for a session with
// the same SQL work the hub does, written by hand with the fewest round trips. No Nest, no
// TypeORM, no logger.
//
//   DATABASE_URL=postgres://... DATABASE_POOL_SIZE=10 PUBLIC_BASE_URL=https://... \
//     REMINDER_MINUTES=1440,60 node test/bench/registration-baseline-server.mjs
//   prints {"listening":<port>,"pid":...}
//
// POST /api/sessions/:id/registration, per request 7 statements with BEGIN and COMMIT (more when
// the guess below is wrong, and 8 when waitlisted), in the hub's order (registrations.service.ts
// registerOnPostgres):
//   1. the token by its SHA-256 (not revoked, not expired) joined with its account; `lastUsedAt`
//      is written when older than 5 minutes, as the hub's AuthService.resolve does
//   2. the session (with its seat counters) and the id of its event's latest schedule release
//      (the parsed release snapshot is cached per release id, as PublishedScheduleService does)
//   checks in memory: in the latest release, not cancelled, registration window open, audience
//   BEGIN
//   3. the registration row in the status the counters read in 2 suggest (a free seat:
//      confirmed, else waitlisted): INSERT ... ON CONFLICT DO UPDATE ... WHERE status =
//      'cancelled' (someone already registered: no row, ROLLBACK, answer 200 with what they have)
//   4. the conditional seat UPDATE, the hub's statement (seat-ledger.ts claimSeat) + RETURNING
//      (4b. only when it contradicts the guess: the UPDATE of the registration's status)
//   5. the outbox rows, the hub's INSERT INTO "outgoing_mails" (registration-mails.ts insert)
//      with the same template, dataRef, Message-ID and dedupe key; for a confirmed seat, in the
//      same INSERT, the reminder rows the hub queues (REMINDER_MINUTES, session-reminders.ts)
//   (6. waitlisted only: the position, the hub's COUNT from seat-ledger.ts position())
//   COMMIT
// and answers what the hub answers: 201 {status, position, sessionId, seatsLeft}.
//
// Hub checks the baseline skips: sessions for cities (city delegation quota counters) and by
// invitation (mayors, invite-only) are refused with 501 instead of checked (the benchmark only
// registers for public sessions); no Origin/CSRF check (bearer tokens only) and no request id.
import fastify from 'fastify';
import { createHash, randomUUID } from 'node:crypto';
import pg from 'pg';

const LAST_USED_RESOLUTION_MS = 5 * 60_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
});
const messageIdDomain =
  new URL(process.env.PUBLIC_BASE_URL ?? 'http://localhost').hostname || 'icc-hub.localhost';

const hashSecret = (secret) => createHash('sha256').update(secret, 'utf8').digest('hex');

/** Parsed release snapshots by release id; releases are immutable. */
const releases = new Map();

async function releasedSession(client, releaseId, sessionId) {
  let byId = releases.get(releaseId);
  if (!byId) {
    const { rows } = await client.query(
      'SELECT "snapshot" FROM "schedule_releases" WHERE "id" = $1',
      [releaseId],
    );
    byId = new Map(JSON.parse(rows[0].snapshot).sessions.map((s) => [s.id, s]));
    if (releases.size >= 50) releases.clear();
    releases.set(releaseId, byId);
  }
  return byId.get(sessionId);
}

/**
 * The hub's reminder rows for a confirmed seat (apps/api/src/registrations/session-reminders.ts):
 * one per offset still ahead of the released start. REMINDER_MINUTES: the hub's
 * `reminderOffsetsMinutes` as the benchmark read them from its config, comma-separated.
 */
const REMINDER_MINUTES = (process.env.REMINDER_MINUTES ?? '')
  .split(',')
  .filter(Boolean)
  .map(Number);

function reminders(sessionId, registrationId, startsAtIso, now) {
  const startsAt = new Date(startsAtIso);
  return REMINDER_MINUTES.map((minutes) => ({
    minutes,
    at: new Date(startsAt.getTime() - minutes * 60_000),
  }))
    .filter(({ at }) => at > now)
    .map(({ minutes, at }) => ({
      template: 'session-reminder',
      dataRef: { sessionId, registrationId, reminderFor: startsAt.toISOString() },
      dedupeKey: `reminder:${sessionId}:${registrationId}:${minutes}m:${startsAt.toISOString()}`,
      availableAt: at,
    }));
}

class HttpError extends Error {
  constructor(statusCode, message) {
    super(message);
    this.statusCode = statusCode;
  }
}

async function position(client, registrationId) {
  const { rows } = await client.query(
    'SELECT COUNT(*) AS "ahead" FROM "registrations" "other" INNER JOIN "registrations" "mine" ' +
      'ON "mine"."id" = $1 WHERE "other"."sessionId" = "mine"."sessionId" AND ' +
      `"other"."status" = 'waitlisted' AND ("other"."waitlistedAt" < "mine"."waitlistedAt" OR ` +
      '("other"."waitlistedAt" = "mine"."waitlistedAt" AND "other"."id" < "mine"."id"))',
    [registrationId],
  );
  return 1 + Number(rows[0].ahead);
}

async function register(client, secret, sessionId) {
  const now = new Date();
  const auth = await client.query(
    'SELECT s."id", s."accountId", s."lastUsedAt", a."email", a."name", a."locale", ' +
      'a."timeZone" FROM "auth_sessions" s JOIN "accounts" a ON a."id" = s."accountId" ' +
      'WHERE s."secretHash" = $1 AND s."revokedAt" IS NULL AND s."expiresAt" > $2',
    [hashSecret(secret), now],
  );
  const who = auth.rows[0];
  if (!who) throw new HttpError(401, 'Sign in first');
  if (!who.lastUsedAt || now.getTime() - who.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await client.query('UPDATE "auth_sessions" SET "lastUsedAt" = $1 WHERE "id" = $2', [
      now,
      who.id,
    ]);
  }

  const found = await client.query(
    'SELECT s."capacity", s."confirmedCount", s."registrationOpensAt", ' +
      's."registrationClosesAt", (SELECT r."id" FROM "schedule_releases" r WHERE r."eventId" = ' +
      's."eventId" ORDER BY r."number" DESC LIMIT 1) AS "releaseId" FROM "sessions" s ' +
      'WHERE s."id" = $1',
    [sessionId],
  );
  const row = found.rows[0];
  const released = row?.releaseId && (await releasedSession(client, row.releaseId, sessionId));
  if (!released) throw new HttpError(404, 'Session not found');
  if (released.status === 'cancelled') throw new HttpError(409, 'session-cancelled');
  if (row.registrationOpensAt && now < row.registrationOpensAt)
    throw new HttpError(409, 'not-open-yet');
  if (now >= (row.registrationClosesAt ?? new Date(released.endsAt)))
    throw new HttpError(409, 'closed');
  if (released.audience !== 'public') throw new HttpError(501, 'only public sessions here');

  const guess =
    row.capacity === null || row.confirmedCount < row.capacity ? 'confirmed' : 'waitlisted';
  await client.query('BEGIN');
  try {
    const at = new Date();
    const inserted = await client.query(
      'INSERT INTO "registrations" ("sessionId", "accountId", "cityId", "status", ' +
        '"waitlistedAt", "confirmedAt") VALUES ($1, $2, $3, $4, $5, $6) ' +
        'ON CONFLICT ("sessionId", "accountId") DO UPDATE SET "status" = EXCLUDED."status", ' +
        '"cityId" = EXCLUDED."cityId", "waitlistedAt" = EXCLUDED."waitlistedAt", ' +
        '"confirmedAt" = EXCLUDED."confirmedAt", "cancelledAt" = NULL, "updatedAt" = now() ' +
        `WHERE "registrations"."status" = 'cancelled' RETURNING "id"`,
      [
        sessionId,
        who.accountId,
        null,
        guess,
        guess === 'waitlisted' ? at : null,
        guess === 'confirmed' ? at : null,
      ],
    );
    const registrationId = inserted.rows[0]?.id;
    if (!registrationId) {
      await client.query('ROLLBACK');
      return { created: false, result: await existing(client, sessionId, who.accountId) };
    }
    const seat = await client.query(
      'UPDATE "sessions" SET "confirmedCount" = "confirmedCount" + 1 WHERE "id" = $1 ' +
        'AND ("capacity" IS NULL OR "confirmedCount" < "capacity") ' +
        'RETURNING "capacity", "confirmedCount"',
      [sessionId],
    );
    const seated = seat.rowCount > 0;
    const status = seated ? 'confirmed' : 'waitlisted';
    if (status !== guess) {
      await client.query(
        'UPDATE "registrations" SET "status" = $2, "confirmedAt" = $3, "waitlistedAt" = $4, ' +
          '"updatedAt" = now() WHERE "id" = $1',
        [registrationId, status, seated ? at : null, seated ? null : at],
      );
    }
    if (who.email) {
      const mails = [
        {
          template: seated ? 'registration-confirmed' : 'registration-waitlisted',
          dataRef: {
            sessionId,
            releaseId: row.releaseId,
            ...(seated ? { calendar: 'REQUEST' } : {}),
          },
          dedupeKey: `registration:${registrationId}:${status}:${at.toISOString()}`,
          availableAt: at,
        },
        ...(seated ? reminders(sessionId, registrationId, released.startsAt, at) : []),
      ];
      const values = [];
      const params = [];
      for (const mail of mails) {
        const id = randomUUID();
        const n = params.length;
        values.push(`(${Array.from({ length: 13 }, (_, i) => `$${n + i + 1}`).join(', ')})`);
        params.push(
          id,
          who.email,
          who.name.slice(0, 200),
          who.locale,
          who.timeZone,
          who.accountId,
          mail.template,
          JSON.stringify(mail.dataRef),
          'queued',
          `<${id}@${messageIdDomain}>`,
          mail.dedupeKey,
          null,
          mail.availableAt,
        );
      }
      await client.query(
        'INSERT INTO "outgoing_mails"("id", "recipientEmail", "recipientName", "locale", ' +
          '"timeZone", "accountId", "template", "dataRef", "state", "messageId", "dedupeKey", ' +
          `"correlationId", "availableAt") VALUES ${values.join(', ')} ON CONFLICT DO NOTHING`,
        params,
      );
    }
    const result = {
      status,
      position: seated ? null : await position(client, registrationId),
      sessionId,
      seatsLeft:
        seated && seat.rows[0].capacity !== null
          ? Math.max(0, seat.rows[0].capacity - seat.rows[0].confirmedCount)
          : seated
            ? null
            : 0,
    };
    await client.query('COMMIT');
    return { created: true, result };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** Registered already: what they have (the hub's "unchanged" answer). */
async function existing(client, sessionId, accountId) {
  const { rows } = await client.query(
    'SELECT r."id", r."status", s."capacity", s."confirmedCount" FROM "registrations" r ' +
      'JOIN "sessions" s ON s."id" = r."sessionId" WHERE r."sessionId" = $1 AND r."accountId" = $2',
    [sessionId, accountId],
  );
  const r = rows[0];
  const confirmed = r.status === 'confirmed';
  return {
    status: confirmed ? 'confirmed' : 'waitlisted',
    position: confirmed ? null : await position(client, r.id),
    sessionId,
    seatsLeft: r.capacity === null ? null : Math.max(0, r.capacity - r.confirmedCount),
  };
}

const app = fastify({ logger: false });

app.post('/api/sessions/:id/registration', async (request, reply) => {
  const sessionId = request.params.id;
  if (!UUID.test(sessionId)) return reply.code(400).send({ message: 'Validation failed (uuid)' });
  const authorization = request.headers.authorization;
  const secret =
    typeof authorization === 'string' && authorization.startsWith('Bearer ')
      ? authorization.slice(7).trim()
      : '';
  if (!secret) return reply.code(401).send({ message: 'Sign in first' });
  const client = await pool.connect();
  try {
    const { created, result } = await register(client, secret, sessionId);
    return reply.code(created ? 201 : 200).send(result);
  } catch (error) {
    if (error instanceof HttpError) {
      return reply.code(error.statusCode).send({ message: error.message });
    }
    throw error;
  } finally {
    client.release();
  }
});

await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });

let closing = false;
const close = async () => {
  if (closing) return;
  closing = true;
  setTimeout(() => process.exit(1), 5_000).unref();
  try {
    await app.close();
    await pool.end();
  } finally {
    process.exit(0);
  }
};
process.on('SIGTERM', () => void close());
process.on('SIGINT', () => void close());
// Started with an IPC channel: if the benchmark dies, do not outlive it.
process.on('disconnect', () => void close());

process.stdout.write(
  `${JSON.stringify({ listening: app.server.address().port, pid: process.pid })}\n`,
);
