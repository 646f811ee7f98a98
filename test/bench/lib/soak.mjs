// The soak with faults (npm run soak; a smaller run in test/ops/soak.ops-spec.ts). See
// test/bench/soak.mjs for what it does and reports; this module runs it and returns the figures.
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { startCluster } from '../../../scripts/lib/cluster.mjs';
import { createBenchAccounts, createBenchEvent } from './bench-data.mjs';

const ROOT = resolve(import.meta.dirname, '../../..');
const dist = (path) => join(ROOT, 'dist', path);

/**
 * How long before a worker is killed a mail it sent may arrive and still be sent again: the worker
 * hands the message to the relay, the relay answers 250, and the worker dies before it marks the
 * row sent. Its lease then runs out and another worker sends the mail again. Mails already in the
 * relay's hands for longer than this before the kill must not come twice.
 */
export const SMTP_DUPLICATE_WINDOW_MS = 2_000;

/** A counting SMTP relay: per Message-ID, when each copy arrived. */
async function startSink() {
  const copies = new Map();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    maxClients: 500,
    size: 25 * 1024 * 1024,
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (chunk) => {
        if (head.length < 16_384) head += chunk.toString('utf8');
      });
      stream.on('end', () => {
        const id = /^message-id:\s*(<[^>\r\n]+>)/im.exec(head)?.[1] ?? `missing-${randomUUID()}`;
        const list = copies.get(id) ?? [];
        list.push(Date.now());
        copies.set(id, list);
        callback();
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `smtp://127.0.0.1:${server.server.address().port}`,
    copies,
    stop: () => new Promise((done) => server.close(done)),
  };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** What a running soak must undo; `stopSoak` runs it when the soak is interrupted. */
let running;

/** Stops what a running soak started (the cluster, the crowd, the relay) and removes its files. */
export async function stopSoak() {
  await running?.();
}

/**
 * Runs the soak. Options: durationS (load phase), clients (live sockets), questionsPerClient,
 * accounts (registering people), hotSessions and capacity (the small sessions they compete for),
 * concurrency and ratePerS (registration requests), log (progress lines).
 */
export async function runSoak({
  durationS = 600,
  clients = 2000,
  questionsPerClient = 1,
  accounts = 3000,
  hotSessions = 12,
  capacity = 60,
  concurrency = 8,
  ratePerS = 15,
  log = () => undefined,
}) {
  const tmp = mkdtempSync(join(tmpdir(), 'icc-soak-'));
  const cleanups = [() => rmSync(tmp, { recursive: true, force: true })];
  const sink = await startSink();
  cleanups.push(() => sink.stop());
  let crowd;
  const undo = async () => {
    crowd?.kill();
    for (const cleanup of cleanups.splice(0)) {
      await Promise.resolve(cleanup()).catch(() => undefined);
    }
  };
  running = undo;
  try {
    log(`starting the cluster in ${tmp}`);
    const cluster = await startCluster({
      dir: tmp,
      smtpUrl: sink.url,
      env: {
        // Reminders would fall due weeks later: leave them out of what must be delivered now.
        REMINDER_OFFSETS: 'none',
        // A killed worker's leased mail is taken over after this long.
        MAIL_LEASE_SECONDS: '15',
        LOG_LEVEL: 'warn',
        DATABASE_POOL_SIZE: '10',
      },
    });
    cleanups.unshift(() => cluster.stop());
    log(`cluster up at ${cluster.url}`);

    // Entity column types follow DATABASE_URL when dist/libs/persistence is first imported.
    for (const name of ['DATABASE_URL', 'DATA_DIR', 'REDIS_URL', 'PUBLIC_BASE_URL']) {
      process.env[name] = cluster.env[name];
    }
    const { parseConfig } = await import(dist('libs/config/src/index.js'));
    const persistence = await import(dist('libs/persistence/src/index.js'));
    const dataSource = await persistence.openDataSource(
      persistence.dataSourceOptions(parseConfig(cluster.env)),
    );
    cleanups.unshift(() => dataSource.destroy());

    const tag = randomUUID().slice(0, 8);
    const { event, sessionIds } = await createBenchEvent(dataSource, persistence, {
      tag: `soak-${tag}`,
      title: 'Soak',
      sessions: [
        { title: 'Live room', capacity: null },
        ...Array.from({ length: hotSessions }, (_, i) => ({ title: `Hot ${i + 1}`, capacity })),
      ],
    });
    const [liveSessionId, ...hot] = sessionIds;
    const people = await createBenchAccounts(dataSource, { count: accounts, tag, prefix: 'soak' });
    const crowdPeople = await createBenchAccounts(dataSource, {
      count: clients,
      tag,
      prefix: 'soak-live',
    });
    const soakStart = new Date();
    log(`event ${event.slug}: ${hotSessions} sessions of ${capacity} seats, ${accounts} people`);

    // ---------------------------------------------------------------- the live crowd
    crowd = fork(join(ROOT, 'test/bench/soak-live-clients.mjs'), [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const crowdDone = new Promise((done) =>
      crowd.on('message', (m) => {
        if (m.type === 'done') done(m);
        if (m.type === 'progress') {
          log(
            `live: ${m.connected} connected, ${m.joined} in the room, ${m.sent} questions sent, ` +
              `${m.acked} stored, errors ${JSON.stringify(m.errors)}`,
          );
        }
      }),
    );
    const connected = new Promise((done) =>
      crowd.on('message', (m) => m.type === 'connected' && done(m)),
    );
    crowd.send({
      cmd: 'start',
      url: cluster.url,
      sessionId: liveSessionId,
      secrets: crowdPeople.secrets,
      questionsPerClient,
      askWindowMs: durationS * 1000 * 0.8,
    });
    await Promise.race([
      connected,
      sleep(180_000).then(() => {
        throw new Error('the live crowd did not join within 180 s');
      }),
    ]);
    log(`${clients} live clients in the room`);

    // ---------------------------------------------------------------- faults
    const kills = [];
    const loadStart = Date.now();
    const loadEnd = loadStart + durationS * 1000;
    const faults = [
      { at: 0.15, what: 'api' },
      { at: 0.3, what: 'live' },
      { at: 0.45, what: 'worker' },
      { at: 0.6, what: 'redis' },
    ];
    const faultsDone = (async () => {
      for (const fault of faults) {
        await sleep(Math.max(0, loadStart + fault.at * durationS * 1000 - Date.now()));
        if (fault.what === 'redis') {
          log('restarting Redis');
          const at = Date.now();
          await cluster.stores.redis.restart();
          kills.push({ kind: 'redis', at, back: Date.now() });
          continue;
        }
        const [victim] = cluster.of(fault.what);
        log(`SIGKILL ${victim.name} (pid ${victim.pid})`);
        const at = Date.now();
        await victim.kill();
        // Requests sent between the signal and the process's exit were in flight to it too.
        const died = Date.now();
        await sleep(2_000);
        await victim.start();
        kills.push({ kind: fault.what, at, died, back: Date.now() });
        log(`${victim.name} back after ${Date.now() - at} ms`);
      }
    })();

    // ---------------------------------------------------------------- registrations
    const requests = [];
    let next = 0;
    const mine = new Map();
    const interval = 1000 / ratePerS;
    let due = Date.now();
    async function request(method, sessionId, authorization) {
      const started = Date.now();
      let status;
      try {
        const response = await fetch(`${cluster.url}/api/sessions/${sessionId}/registration`, {
          method,
          headers: { authorization, origin: cluster.url },
          signal: AbortSignal.timeout(30_000),
        });
        status = response.status;
        await response.arrayBuffer();
      } catch {
        status = -1;
      }
      requests.push({ method, status, started, ended: Date.now() });
      return status;
    }
    async function driver() {
      while (Date.now() < loadEnd) {
        const slot = due;
        due += interval;
        if (slot > Date.now()) await sleep(slot - Date.now());
        const i = next++ % accounts;
        const authorization = people.authorization[i];
        const held = mine.get(i) ?? [];
        if (held.length > 0 && Math.random() < 0.2) {
          const sessionId = held.splice(Math.floor(Math.random() * held.length), 1)[0];
          await request('DELETE', sessionId, authorization);
        } else {
          const sessionId = hot[Math.floor(Math.random() * hot.length)];
          const status = await request('POST', sessionId, authorization);
          if (status === 201 || status === 200) held.push(sessionId);
          mine.set(i, held);
        }
      }
    }
    const progress = setInterval(() => {
      const fives = requests.filter((r) => r.status >= 500).length;
      log(`registrations: ${requests.length} requests, ${fives} 5xx, ${sink.copies.size} mails`);
    }, 10_000);
    await Promise.all(Array.from({ length: concurrency }, () => driver()));
    clearInterval(progress);
    await faultsDone;
    log('load over: waiting for the crowd and the mail to settle');

    crowd.send({ cmd: 'finish', deadlineMs: 90_000 });
    const crowdResult = await crowdDone;

    // ---------------------------------------------------------------- settle and count
    const pendingMail = async () =>
      Number(
        (
          await dataSource.query(
            `SELECT count(*) AS n FROM "outgoing_mails" WHERE "createdAt" >= $1 AND "state" IN ('queued', 'sending', 'retrying')`,
            [soakStart],
          )
        )[0].n,
      );
    const settleDeadline = Date.now() + 180_000;
    while ((await pendingMail()) > 0 && Date.now() < settleDeadline) await sleep(1_000);

    const rows = await dataSource.query(
      `SELECT "messageId", "state" FROM "outgoing_mails" WHERE "createdAt" >= $1`,
      [soakStart],
    );
    const workerKills = kills.filter((k) => k.kind === 'worker').map((k) => k.at);
    let delivered = 0;
    let duplicates = 0;
    let duplicatesOutsideWindow = 0;
    for (const row of rows) {
      const arrivals = sink.copies.get(row.messageId) ?? [];
      if (arrivals.length > 0) delivered += 1;
      if (arrivals.length > 1) {
        duplicates += arrivals.length - 1;
        const first = arrivals[0];
        const explained = workerKills.some(
          (at) => first <= at && at - first <= SMTP_DUPLICATE_WINDOW_MS,
        );
        if (!explained) duplicatesOutsideWindow += arrivals.length - 1;
      }
    }

    const overbooked = Number(
      (
        await dataSource.query(
          `SELECT coalesce(sum(greatest(c.n - s."capacity", 0)), 0) AS over FROM "sessions" s
           JOIN (SELECT "sessionId", count(*) AS n FROM "registrations" WHERE "status" = 'confirmed'
                 GROUP BY "sessionId") c ON c."sessionId" = s."id" WHERE s."id" = ANY($1)`,
          [hot],
        )
      )[0].over,
    );
    const countMismatch = Number(
      (
        await dataSource.query(
          `SELECT count(*) AS n FROM "sessions" s WHERE s."id" = ANY($1) AND s."confirmedCount" <>
             (SELECT count(*) FROM "registrations" r WHERE r."sessionId" = s."id" AND r."status" = 'confirmed')`,
          [hot],
        )
      )[0].n,
    );
    const [stored] = await dataSource.query(
      `SELECT count(*) AS n, count(DISTINCT "clientId") AS distinct_ids FROM "questions" WHERE "sessionId" = $1`,
      [liveSessionId],
    );
    const storedIds = new Set(
      (
        await dataSource.query(`SELECT "clientId" FROM "questions" WHERE "sessionId" = $1`, [
          liveSessionId,
        ])
      ).map((r) => r.clientId),
    );
    const missing = crowdResult.clientIds.filter((id) => !storedIds.has(id)).length;

    const apiKills = kills.filter((k) => k.kind === 'api');
    const fivexx = requests.filter((r) => r.status >= 500 || r.status === -1);
    // In flight to a killed api: sent before it had exited, answered after the signal.
    const inFlight = fivexx.filter((r) =>
      apiKills.some((k) => r.started <= k.died && r.ended >= k.at),
    );
    const registrations = requests.filter((r) => r.method === 'POST' && r.status === 201).length;

    return {
      bench: 'soak',
      registrations,
      overbooked: overbooked + countMismatch,
      mails_expected: rows.length,
      mails_delivered: delivered,
      duplicates,
      questions_sent: crowdResult.sent,
      questions_stored: Number(stored.n),
      http_5xx: fivexx.length - inFlight.length,
      // Details behind the goals.
      duration_s: durationS,
      clients,
      http_requests: requests.length,
      http_5xx_in_flight_at_kill: inFlight.length,
      duplicates_outside_window: duplicatesOutsideWindow,
      questions_distinct_stored: Number(stored.distinct_ids),
      questions_missing: missing,
      questions_unacked: crowdResult.unacked.length,
      live_reconnects: crowdResult.reconnects,
      live_errors: crowdResult.errors,
      faults: kills.map((k) => `${k.kind}:${Math.round((k.at - loadStart) / 1000)}s`),
    };
  } finally {
    await undo();
    running = undefined;
  }
}

/** The soak's goals, as problems (an empty list when all are met). */
export function soakProblems(result) {
  const problems = [];
  if (result.overbooked !== 0) problems.push(`overbooked ${result.overbooked}`);
  if (result.mails_delivered !== result.mails_expected) {
    problems.push(`${result.mails_expected - result.mails_delivered} mails not delivered`);
  }
  if (result.duplicates_outside_window !== 0) {
    problems.push(`${result.duplicates_outside_window} duplicate mails outside the SMTP window`);
  }
  if (result.questions_stored !== result.questions_sent || result.questions_missing !== 0) {
    problems.push(
      `questions: ${result.questions_sent} sent, ${result.questions_stored} stored, ${result.questions_missing} missing`,
    );
  }
  if (result.questions_distinct_stored !== result.questions_stored) {
    problems.push('a question was stored twice');
  }
  if (result.http_5xx !== 0)
    problems.push(`${result.http_5xx} 5xx outside a killed api's requests`);
  if (result.registrations === 0) problems.push('no registration went through');
  return problems;
}
