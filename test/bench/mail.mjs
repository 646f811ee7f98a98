// Invitation mail throughput: the hub's outbox → relay → BullMQ → worker → pooled SMTP road
// against a bare nodemailer pool with ical-generator (no database, no queue), same run, same sink.
//
//   npm run build:server && node test/bench/mail.mjs [--n 5000] [--db sqlite|postgres]
//        [--pairs 2] [--small <n/5>] [--warmup 200] [--pool 5] [--batch 500] [--profile DIR]
//
// Starts everything it needs in a temp directory: Redis on a free port, the database (SQLite in
// the temp DATA_DIR, or a throwaway PostgreSQL with --db postgres), and a counting SMTP sink
// (test/bench/smtp-sink.mjs) as a child process; seeds the ICC programme and takes one session.
//
// Hub run: the built worker (dist/apps/worker/src/main.js) as its own process. The clock starts
// before the first of N outbox rows is written (MailOutbox.queue, `--batch` rows per transaction:
// producing is part of the work) and stops when the sink has N messages and every row is `sent`.
// Baseline run: the same N messages (same recipients, same subject/text/HTML from renderMail, an
// .ics from ical-generator, METHOD:REQUEST) through nodemailer's pool with as many connections as
// the worker's pool and as many sends in flight as the worker's BullMQ concurrency (pool × 4).
//
// Order: a worker boots, warms up, and sends an N/5 run (its RSS is the "small" figure); a second
// worker boots and warms up, the baseline warms up, then `--pairs` pairs of full-size runs in ABBA
// order (baseline, hub, hub, baseline, ...), all with the same N; the worker's RSS peak over those
// runs is the "large" figure. Every run is checked: each recipient got exactly one mail, each with
// a text/calendar part (method=REQUEST) and its own Message-ID; for the hub also every row ends
// `sent` and the sink saw exactly the rows' Message-IDs. Fails (exit 1) otherwise. Retried sends
// and worker warnings do not fail a run but are reported.
//
// Also measured: CPU time per mail of every process involved (from /proc), and the worker's live
// heap after full GCs (it runs with --trace-gc): RSS alone also counts memory that glibc keeps
// after it was freed. `--profile DIR` writes a V8 CPU profile of each worker (Chrome DevTools).
// Last line of stdout: one JSON object with the measured figures.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalAttendeeType,
  ICalCalendarMethod,
  ICalEventStatus,
  ICalEventTransparency,
} from 'ical-generator';
import { createTransport } from 'nodemailer';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import {
  ensureDebianPackages,
  freePort,
  PACKAGES,
  startPostgres,
  startRedis,
  stopChild,
} from '../../scripts/lib/services.mjs';
import { benchRun, processTable, treeCpuMs, waitExit, within } from './lib/bench-run.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SINK = fileURLToPath(new URL('./smtp-sink.mjs', import.meta.url));
const WORKER = join(ROOT, 'dist/apps/worker/src/main.js');
const SEED = join(ROOT, 'dist/apps/api/src/cli/seed.js');
const dist = (path) => new URL(`../../dist/${path}`, import.meta.url).href;

const { values: opts } = parseArgs({
  options: {
    n: { type: 'string', default: '5000' },
    db: { type: 'string', default: 'sqlite' },
    pairs: { type: 'string', default: '2' },
    small: { type: 'string' },
    warmup: { type: 'string', default: '200' },
    pool: { type: 'string', default: '5' },
    batch: { type: 'string', default: '500' },
    profile: { type: 'string' },
  },
});
const integer = (name, min) => {
  const n = Number(opts[name]);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer >= ${min}`);
  return n;
};
const N = integer('n', 10);
const PAIRS = integer('pairs', 1);
const WARMUP = integer('warmup', 0);
const POOL = integer('pool', 1);
const BATCH = integer('batch', 1);
const SMALL = opts.small === undefined ? Math.max(1, Math.round(N / 5)) : integer('small', 1);
/** The worker runs pool × 4 jobs at once (apps/worker/src/mail/mail-worker.service.ts). */
const CONCURRENCY = POOL * 4;
const DB = opts.db;
if (DB !== 'sqlite' && DB !== 'postgres') throw new Error('--db must be sqlite or postgres');
const PUBLIC_BASE_URL = 'https://hub.bench.example.eu';
const MAIL_FROM = 'ICC Hub <no-reply@hub.bench.example.eu>';

// Bounded in time: services, seeding and two worker boots, plus every mail at >= 100 per second.
const TOTAL_MAILS = 2 * PAIRS * N + SMALL + 3 * WARMUP;
const BUDGET_MS = (150 + TOTAL_MAILS / 100) * 1000;

const out = (line) => process.stdout.write(`${line}\n`);
const note = (line) => process.stderr.write(`[bench] ${line}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const round1 = (n) => Math.round(n * 10) / 10;
const round3 = (n) => Math.round(n * 1000) / 1000;

// ---------------------------------------------------------------- processes and cleanup

const run = benchRun('mail', note);
const { cleanups, cleanup, fail } = run;

// ---------------------------------------------------------------- /proc readings (Linux)

/** Resident set size in MB, from VmRSS; undefined when unreadable. */
function rssMb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) / 1024;
  } catch {
    return undefined;
  }
}

/** Samples a process's RSS every 50 ms until stopped; returns the peak and the last reading. */
function sampleRss(pid) {
  let peak = rssMb(pid) ?? 0;
  let last = peak;
  const timer = setInterval(() => {
    const value = rssMb(pid);
    if (value === undefined) return;
    last = value;
    if (value > peak) peak = value;
  }, 50);
  return () => {
    clearInterval(timer);
    const value = rssMb(pid);
    if (value !== undefined) {
      last = value;
      if (value > peak) peak = value;
    }
    return { peak, last };
  };
}

/** CPU used by each named process (and this one) between two calls. */
function cpuMeter(pids) {
  const read = () => {
    const self = process.cpuUsage();
    const values = { bench: (self.user + self.system) / 1000 };
    const table = processTable();
    for (const [name, pid] of Object.entries(pids())) values[name] = treeCpuMs(table, pid);
    return values;
  };
  const before = read();
  return () => {
    const after = read();
    const used = {};
    for (const [name, value] of Object.entries(after)) {
      if (value !== undefined && before[name] !== undefined) used[name] = value - before[name];
    }
    return used;
  };
}

// ---------------------------------------------------------------- the SMTP sink

async function startSink() {
  const child = spawn(process.execPath, [SINK], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  cleanups.push(() => stopChild(child, 'SIGTERM', 5_000));
  const waiting = new Map();
  const listeners = new Set();
  child.on('message', (message) => {
    for (const listener of listeners) listener(message);
    // The sink answers in order: the oldest question of that type gets this answer.
    waiting.get(message.type)?.shift()?.(message);
  });
  child.once('exit', (code, signal) => {
    if (!run.cleaning) void fail(new Error(`the SMTP sink exited (${signal ?? code})`));
  });
  const answer = (type, timeoutMs = 10_000) =>
    within(
      new Promise((resolve) => {
        if (!waiting.has(type)) waiting.set(type, []);
        waiting.get(type).push(resolve);
      }),
      timeoutMs,
      `sink ${type}`,
    );
  const { port } = await answer('listening');
  const ask = (cmd, type, extra = {}) => {
    const reply = answer(type);
    child.send({ cmd, ...extra });
    return reply;
  };
  return {
    child,
    url: `smtp://127.0.0.1:${port}`,
    /** Forgets all counts; `reached` settles (with the time) when `target` messages are in. */
    async reset(target) {
      let resolveReached;
      const reached = new Promise((resolve) => (resolveReached = resolve));
      const listener = (message) => {
        if (message.type === 'reached') {
          listeners.delete(listener);
          resolveReached(performance.now());
        }
      };
      await ask('reset', 'reset', { target });
      listeners.add(listener);
      // Wrapped: an async function returning the promise itself would wait for it.
      return { reached };
    },
    count: async () => (await ask('count', 'count')).count,
    stats: () => ask('stats', 'stats'),
  };
}

// ---------------------------------------------------------------- the worker

/** `--trace-gc` line of a full GC: heap used after it (live) and heap committed, in MB. */
const FULL_GC = /Mark-Compact[^\d]*[\d.]+ \([\d.]+\) -> ([\d.]+) \(([\d.]+)\) MB/;

function startWorker(env, label) {
  // --profile DIR: a V8 CPU profile of each worker, written when it stops (open in Chrome DevTools).
  // --trace-gc (a line per GC, cheap): full GCs tell how much of the worker's heap is live, which
  // RSS alone does not (glibc keeps freed memory mapped).
  const flags = [
    '--trace-gc',
    ...(opts.profile ? ['--cpu-prof', `--cpu-prof-dir=${opts.profile}`] : []),
  ];
  const child = spawn(process.execPath, [...flags, WORKER], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = () => stopChild(child, 'SIGTERM', 10_000);
  cleanups.push(stop);
  let output = '';
  const problems = [];
  const fullGcs = [];
  let buffered = '';
  let started;
  const ready = new Promise((resolve, reject) => {
    started = { resolve, reject };
  });
  child.stdout.on('data', (chunk) => {
    buffered += chunk.toString();
    let nl;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      output = (output + line + '\n').slice(-20_000);
      if (line.includes('ICC Hub worker started')) started.resolve();
      const gc = FULL_GC.exec(line);
      if (gc) fullGcs.push({ live: Number(gc[1]), committed: Number(gc[2]) });
      try {
        const entry = JSON.parse(line);
        if (entry.level >= 40) problems.push(`${entry.context ?? ''} ${entry.msg}`.trim());
      } catch {
        // not a log line
      }
    }
  });
  child.stderr.on('data', (chunk) => (output = (output + chunk.toString()).slice(-20_000)));
  let stopping = false;
  child.once('exit', (code, signal) => {
    started.reject(new Error(`worker ${label} exited (${signal ?? code}) at start:\n${output}`));
    if (!stopping && !run.cleaning) {
      void fail(new Error(`worker ${label} exited (${signal ?? code}):\n${output.slice(-4000)}`));
    }
  });
  return {
    child,
    pid: child.pid,
    ready: within(ready, 60_000, `worker ${label} start`),
    problems,
    fullGcs,
    output: () => output,
    async stop() {
      stopping = true;
      await stop();
    },
  };
}

// ---------------------------------------------------------------- the hub and the baseline

function recipientsFor(n) {
  const locales = ['en', 'fr', 'de'];
  const zones = ['Europe/Brussels', 'Europe/Lisbon', 'Europe/Athens', 'America/New_York'];
  return Array.from({ length: n }, (_, i) => ({
    email: `attendee-${i}@city-${i % 97}.bench.example.eu`,
    name: `Attendee ${i} of City ${i % 97}`,
    locale: locales[i % locales.length],
    timeZone: zones[i % zones.length],
  }));
}

/** Checks the sink's view of one run; throws on any recipient without exactly one mail. */
function checkDelivery(label, stats, recipients) {
  const problems = [];
  const got = new Map(stats.recipients);
  let missing = 0;
  let twice = 0;
  for (const r of recipients) {
    const count = got.get(r.email.toLowerCase()) ?? 0;
    if (count === 0) missing++;
    else if (count > 1) twice++;
    got.delete(r.email.toLowerCase());
  }
  if (missing) problems.push(`${missing} recipients got no mail`);
  if (twice) problems.push(`${twice} recipients got more than one mail`);
  if (got.size) problems.push(`${got.size} unexpected recipients`);
  if (stats.count !== recipients.length)
    problems.push(`${stats.count} messages for ${recipients.length} recipients`);
  if (stats.withCalendar !== recipients.length)
    problems.push(`${stats.withCalendar} of ${stats.count} messages carry a text/calendar REQUEST`);
  if (stats.distinctMessageIds !== recipients.length || stats.missingMessageId)
    problems.push(
      `${stats.distinctMessageIds} distinct Message-IDs, ${stats.missingMessageId} messages without`,
    );
  if (problems.length) throw new Error(`${label}: ${problems.join('; ')}`);
}

function createHub(ctx) {
  const { dataSource, outbox, OutgoingMailEntity, sessionId } = ctx;
  const rows = () => dataSource.getRepository(OutgoingMailEntity);

  async function countsByState() {
    const list = await rows()
      .createQueryBuilder('m')
      .select('m.state', 'state')
      .addSelect('COUNT(*)', 'count')
      .groupBy('m.state')
      .getRawMany();
    return Object.fromEntries(list.map((r) => [r.state, Number(r.count)]));
  }

  /** One hub run of `recipients.length` mails through `worker`; rows are cleared afterwards. */
  return async function hubRun(label, recipients, { sink, worker, pids }) {
    const n = recipients.length;
    if ((await rows().count()) !== 0) throw new Error(`${label}: outbox not empty at start`);
    const { reached } = await sink.reset(n);
    const rss = sampleRss(worker.pid);
    const cpu = cpuMeter(pids);
    const problemsBefore = worker.problems.length;
    const gcsBefore = worker.fullGcs.length;
    const t0 = performance.now();
    for (let i = 0; i < n; i += BATCH) {
      const batch = recipients.slice(i, i + BATCH);
      await dataSource.transaction(async (manager) => {
        for (const to of batch) {
          await outbox.queue(manager, {
            to,
            template: 'session-invitation',
            dataRef: { sessionId, calendar: 'REQUEST' },
          });
        }
      });
    }
    const tWritten = performance.now();
    // Progress watchdog: a run that stops moving fails with what the rows and the sink say.
    let lastCount = -1;
    let lastMove = performance.now();
    let watchdog;
    const stalled = new Promise((_, reject) => {
      watchdog = setInterval(() => {
        sink
          .count()
          .then(async (count) => {
            if (count !== lastCount) {
              lastCount = count;
              lastMove = performance.now();
            } else if (performance.now() - lastMove > 30_000) {
              clearInterval(watchdog);
              reject(
                new Error(
                  `${label}: no progress for 30 s; sink has ${count}/${n}, rows ` +
                    `${JSON.stringify(await countsByState())}; worker says:\n` +
                    worker.output().slice(-3000),
                ),
              );
            }
          })
          .catch(reject);
      }, 1_000);
    });
    let tSink;
    try {
      tSink = await Promise.race([reached, stalled]);
    } finally {
      clearInterval(watchdog);
    }
    // The worker marks a row `sent` after the SMTP server's 250 reply: wait for the last marks.
    const sentDeadline = performance.now() + 30_000;
    while ((await rows().countBy({ state: 'sent' })) < n) {
      if (performance.now() > sentDeadline)
        throw new Error(`${label}: rows not all sent: ${JSON.stringify(await countsByState())}`);
      await sleep(5);
    }
    const t1 = performance.now();
    const cpuUsed = cpu();
    const memory = rss();

    const stats = await sink.stats();
    checkDelivery(`hub ${label}`, stats, recipients);
    const stored = await rows().find({ select: { messageId: true, attempts: true, state: true } });
    const seen = new Set(stats.messageIds);
    const unmatched = stored.filter((r) => !seen.has(r.messageId)).length;
    const retries = stored.reduce((s, r) => s + r.attempts, 0) - stored.length;
    if (stored.length !== n || unmatched) {
      throw new Error(
        `hub ${label}: ${stored.length} rows for ${n} mails, ` +
          `${unmatched} Message-IDs not seen by the sink`,
      );
    }
    // Not failures of the run (each recipient still got exactly one mail), but reported.
    const warnings = worker.problems.slice(problemsBefore);
    await rows().clear();
    const seconds = (t1 - t0) / 1000;
    return {
      kind: 'hub',
      label,
      n,
      seconds,
      perS: n / seconds,
      writeS: (tWritten - t0) / 1000,
      sinkS: (tSink - t0) / 1000,
      rssPeak: memory.peak,
      rssEnd: memory.last,
      cpu: cpuUsed,
      bytes: stats.bytes,
      retries,
      warnings,
      fullGcs: worker.fullGcs.slice(gcsBefore),
    };
  };
}

function createBaseline(ctx) {
  const { session, sinkUrl, renderMail, addressHeader } = ctx;
  // Same pool shape as the worker's transport (libs/mailer/src/smtp-transport.ts).
  const transport = createTransport({
    url: sinkUrl,
    pool: true,
    maxConnections: POOL,
    maxMessages: Infinity,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 30_000,
    idleTimeout: 25_000,
  });
  cleanups.push(() => transport.close());
  const organizer = { name: 'ICC Hub', email: 'no-reply@hub.bench.example.eu' };
  const sessionPath = `/sessions/${session.id}`;
  const sessionUrl = `${PUBLIC_BASE_URL}${sessionPath}`;
  const joinUrl = session.stream?.virtualUrl ?? null;
  const location = session.stream?.name ?? null;
  const description = [
    session.abstract,
    [joinUrl && `Join online: ${joinUrl}`, `Session page: ${sessionUrl}`]
      .filter(Boolean)
      .join('\n'),
  ]
    .filter(Boolean)
    .join('\n\n');
  const vtimezone = (zone) => tzlib_get_ical_block(zone)[0];

  async function sendOne(to) {
    const rendered = renderMail(
      'session-invitation',
      to.locale,
      {
        recipientName: to.name,
        sessionTitle: session.title,
        eventTitle: session.event.title,
        startsAt: session.startsAt,
        endsAt: session.endsAt,
        eventTimeZone: session.event.timeZone,
        recipientTimeZone: to.timeZone,
        location,
        joinUrl,
        sessionPath,
      },
      { publicBaseUrl: PUBLIC_BASE_URL },
    );
    const calendar = ical({
      method: ICalCalendarMethod.REQUEST,
      prodId: { company: 'ICC Hub', product: 'Session calendar', language: 'EN' },
      timezone: { name: session.event.timeZone, generator: vtimezone },
    });
    calendar.createEvent({
      id: `session-${session.id}@icc-hub`,
      sequence: session.calendarSequence,
      stamp: session.updatedAt,
      lastModified: session.updatedAt,
      start: session.startsAt,
      end: session.endsAt,
      timezone: session.event.timeZone,
      summary: session.title,
      description,
      location,
      url: sessionUrl,
      status: ICalEventStatus.CONFIRMED,
      transparency: ICalEventTransparency.OPAQUE,
      organizer,
      attendees: [
        {
          name: to.name,
          email: to.email,
          role: ICalAttendeeRole.REQ,
          status: ICalAttendeeStatus.ACCEPTED,
          type: ICalAttendeeType.INDIVIDUAL,
          rsvp: false,
        },
      ],
    });
    await transport.sendMail({
      from: MAIL_FROM,
      to: addressHeader(to.name, to.email),
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      icalEvent: { method: 'REQUEST', content: calendar.toString(), filename: 'invite.ics' },
      messageId: `<${randomUUID()}@hub.bench.example.eu>`,
      headers: { 'Auto-Submitted': 'auto-generated' },
    });
  }

  return async function baselineRun(label, recipients, { sink, pids }) {
    const n = recipients.length;
    const { reached } = await sink.reset(n);
    const cpu = cpuMeter(pids);
    const t0 = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(CONCURRENCY, n) }, async () => {
        while (next < n) await sendOne(recipients[next++]);
      }),
    );
    const tSink = await within(reached, 30_000, `baseline ${label}: sink count`);
    const t1 = Math.max(performance.now(), tSink);
    const cpuUsed = cpu();
    const stats = await sink.stats();
    checkDelivery(`baseline ${label}`, stats, recipients);
    const seconds = (t1 - t0) / 1000;
    return {
      kind: 'baseline',
      label,
      n,
      seconds,
      perS: n / seconds,
      cpu: cpuUsed,
      bytes: stats.bytes,
    };
  };
}

// ---------------------------------------------------------------- main

function describeRun(r) {
  // In a hub run this process only writes the outbox rows; the worker is idle in a baseline run.
  const cpu = Object.entries(r.cpu)
    .map(
      ([name, ms]) =>
        `${name === 'bench' && r.kind === 'hub' ? 'producer' : name} ${round3(ms / r.n)}`,
    )
    .join(', ');
  const extra =
    r.kind === 'hub'
      ? `  rows written ${round1(r.writeS)} s, sink full ${round1(r.sinkS)} s, ` +
        `worker RSS peak ${round1(r.rssPeak)} MB` +
        (r.retries ? `, ${r.retries} retried sends` : '') +
        (r.fullGcs.length
          ? `\n           ${r.fullGcs.length} full GCs, live heap after them ` +
            `${Math.min(...r.fullGcs.map((g) => g.live))}..` +
            `${Math.max(...r.fullGcs.map((g) => g.live))} MB, ` +
            `heap committed up to ${Math.max(...r.fullGcs.map((g) => g.committed))} MB`
          : '') +
        (r.warnings.length
          ? `\n           worker warned ${r.warnings.length}x: ${[...new Set(r.warnings)].join(' | ')}`
          : '')
      : '';
  return (
    `  ${r.kind.padEnd(8)} ${r.label.padEnd(7)} ${String(r.n).padStart(6)} mails in ` +
    `${r.seconds.toFixed(2).padStart(6)} s = ${String(Math.round(r.perS)).padStart(5)}/s` +
    `${extra}\n           CPU ms/mail: ${cpu}; ${Math.round(r.bytes / r.n)} bytes/mail`
  );
}

async function main() {
  for (const file of [WORKER, SEED, join(ROOT, 'dist/libs/persistence/src/index.js')]) {
    if (!existsSync(file)) throw new Error(`${file} missing: run \`npm run build:server\` first`);
  }
  const started = performance.now();
  const tmp = mkdtempSync(join(tmpdir(), 'icc-bench-mail-'));
  chmodSync(tmp, 0o755); // PostgreSQL runs as the postgres user and must reach its directory
  cleanups.push(() => rmSync(tmp, { recursive: true, force: true }));

  ensureDebianPackages([PACKAGES.redis], { why: 'the mail benchmark' });
  const redis = await startRedis({ dir: join(tmp, 'redis'), port: await freePort() });
  cleanups.push(() => redis.stop());
  const sink = await startSink();

  const env = {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    DATA_DIR: join(tmp, 'data'),
    REDIS_URL: redis.url,
    SMTP_URL: sink.url,
    // The worker's probe server: a port of the run's own, not the default of a running hub.
    WORKER_PORT: String(await freePort()),
    SMTP_POOL_SIZE: String(POOL),
    PUBLIC_BASE_URL,
    MAIL_FROM,
  };
  delete env.DATABASE_URL;
  delete env.SMTP_RATE_PER_SECOND;
  let pg;
  if (DB === 'postgres') {
    ensureDebianPackages([PACKAGES.postgres], { why: 'the mail benchmark on PostgreSQL' });
    pg = await startPostgres({ dir: join(tmp, 'pg'), port: await freePort() });
    cleanups.push(() => pg.stop());
    env.DATABASE_URL = pg.createDatabase('icc_bench_mail');
  }

  const seed = spawn(process.execPath, [SEED], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cleanups.push(() => stopChild(seed));
  let seedOutput = '';
  seed.stdout.on('data', (c) => (seedOutput += c.toString()));
  seed.stderr.on('data', (c) => (seedOutput += c.toString()));
  if ((await waitExit(seed, 120_000)) !== 0) throw new Error(`seed failed:\n${seedOutput}`);
  note(seedOutput.trim());

  // Entity column types follow DATABASE_URL when dist/libs/persistence is first imported.
  for (const name of ['DATABASE_URL', 'DATA_DIR', 'REDIS_URL', 'PUBLIC_BASE_URL', 'MAIL_FROM']) {
    if (env[name] === undefined) delete process.env[name];
    else process.env[name] = env[name];
  }
  const { parseConfig } = await import(dist('libs/config/src/index.js'));
  const persistence = await import(dist('libs/persistence/src/index.js'));
  const { renderMail, addressHeader } = await import(dist('libs/mailer/src/index.js'));
  const config = parseConfig(env);
  const dataSource = await persistence.openDataSource(persistence.dataSourceOptions(config));
  cleanups.push(() => dataSource.destroy());
  const sessions = dataSource.getRepository(persistence.SessionEntity);
  const relations = { event: true, stream: true };
  const session =
    (await sessions.findOne({
      where: { title: 'Opening of the first ICC City Lab' },
      relations,
    })) ?? (await sessions.findOne({ where: {}, relations, order: { startsAt: 'ASC' } }));
  if (!session?.event) throw new Error('the seed made no session to invite to');

  const recipients = recipientsFor(N);
  const hubRun = createHub({
    dataSource,
    outbox: new persistence.MailOutbox(config),
    OutgoingMailEntity: persistence.OutgoingMailEntity,
    sessionId: session.id,
  });
  const baselineRun = createBaseline({ session, sinkUrl: sink.url, renderMail, addressHeader });

  out(
    `mail benchmark ${new Date().toISOString()}: node ${process.version}, ` +
      `${availableParallelism()} cores (${cpus()[0]?.model.trim()}), db ${DB}, N ${N}, ` +
      `pool ${POOL}, ${CONCURRENCY} in flight, outbox batches of ${BATCH}`,
  );
  out(`session "${session.title}" (${session.event.title}), ${session.event.timeZone}`);

  // Memory, small: a fresh worker, warmed up, then N/5 mails.
  let worker = startWorker(env, 'A');
  await worker.ready;
  const pidsOf = (w) => () => ({
    worker: w.pid,
    sink: sink.child.pid,
    redis: redis.child.pid,
    ...(pg ? { postgres: pg.child.pid } : {}),
  });
  const idleA = rssMb(worker.pid);
  if (WARMUP)
    await hubRun('warm-up', recipients.slice(0, WARMUP), { sink, worker, pids: pidsOf(worker) });
  const small = await hubRun('small', recipients.slice(0, SMALL), {
    sink,
    worker,
    pids: pidsOf(worker),
  });
  out(`\nworker A: RSS ${round1(idleA)} MB idle after start`);
  out(describeRun(small));
  await worker.stop();

  // Full-size runs: a second fresh worker, both sides warmed up, then ABBA pairs.
  worker = startWorker(env, 'B');
  await worker.ready;
  const idleB = rssMb(worker.pid);
  const pids = pidsOf(worker);
  if (WARMUP) {
    await hubRun('warm-up', recipients.slice(0, WARMUP), { sink, worker, pids });
    await baselineRun('warm-up', recipients.slice(0, WARMUP), { sink, pids });
  }
  out(`\nworker B: RSS ${round1(idleB)} MB idle after start; ${PAIRS} pairs of ${N} mails, ABBA`);
  const runs = { hub: [], baseline: [] };
  for (let pair = 1; pair <= PAIRS; pair++) {
    const order = pair % 2 ? ['baseline', 'hub'] : ['hub', 'baseline'];
    for (const kind of order) {
      const label = `pair ${pair}`;
      const r =
        kind === 'hub'
          ? await hubRun(label, recipients, { sink, worker, pids })
          : await baselineRun(label, recipients, { sink, pids });
      runs[kind].push(r);
      out(describeRun(r));
    }
  }
  const rssAfter = rssMb(worker.pid);
  await worker.stop();

  const rate = (list) =>
    list.reduce((s, r) => s + r.n, 0) / list.reduce((s, r) => s + r.seconds, 0);
  const hubPerS = rate(runs.hub);
  const baselinePerS = rate(runs.baseline);
  const perPair = runs.hub.map((h, i) => h.perS / runs.baseline[i].perS);
  const cpuPerMail = (list, name) => {
    const ms = list.reduce((s, r) => s + (r.cpu[name] ?? NaN), 0);
    return Number.isNaN(ms) ? null : round3(ms / list.reduce((s, r) => s + r.n, 0));
  };
  const HUB_PROCESSES = ['worker', 'bench', 'redis', 'sink', 'postgres'];
  const BASELINE_PROCESSES = ['bench', 'sink'];
  const cpuTotal = (list, names) => {
    const parts = names.map((name) => cpuPerMail(list, name)).filter((v) => v !== null);
    return round3(parts.reduce((sum, v) => sum + v, 0));
  };
  const hubCpu = cpuTotal(runs.hub, HUB_PROCESSES);
  const baselineCpu = cpuTotal(runs.baseline, BASELINE_PROCESSES);
  const rssSmall = small.rssPeak;
  const rssLarge = Math.max(...runs.hub.map((r) => r.rssPeak));
  /** The largest live heap after a full GC in these runs (null: no full GC happened). */
  const liveHeap = (list) => {
    const values = list.flatMap((r) => r.fullGcs.map((g) => g.live));
    return values.length ? Math.max(...values) : null;
  };
  const final = {
    bench: 'mail',
    n: N,
    hub_per_s: round1(hubPerS),
    baseline_per_s: round1(baselinePerS),
    ratio: round3(hubPerS / baselinePerS),
    ratio_range: [round3(Math.min(...perPair)), round3(Math.max(...perPair))],
    hub_runs_per_s: runs.hub.map((r) => round1(r.perS)),
    baseline_runs_per_s: runs.baseline.map((r) => round1(r.perS)),
    worker_rss_mb_small: round1(rssSmall),
    worker_rss_mb_large: round1(rssLarge),
    rss_growth: round3(rssLarge / rssSmall),
    small_n: SMALL,
    small_per_s: round1(small.perS),
    worker_rss_mb_idle: round1(idleB),
    worker_rss_mb_after: round1(rssAfter ?? NaN),
    worker_live_heap_mb_small: liveHeap([small]),
    worker_live_heap_mb_large: liveHeap(runs.hub),
    // CPU time per mail over all processes involved; cpu_ratio = baseline/hub, i.e. mails per
    // CPU-second of the hub relative to the baseline (less sensitive to other load than rates).
    hub_cpu_ms_per_mail: hubCpu,
    baseline_cpu_ms_per_mail: baselineCpu,
    cpu_ratio: round3(baselineCpu / hubCpu),
    hub_cpu_ms_per_mail_by_process: Object.fromEntries(
      HUB_PROCESSES.map((name) => [
        name === 'bench' ? 'producer' : name,
        cpuPerMail(runs.hub, name),
      ]).filter(([, v]) => v !== null),
    ),
    baseline_cpu_ms_per_mail_by_process: Object.fromEntries(
      BASELINE_PROCESSES.map((name) => [name, cpuPerMail(runs.baseline, name)]),
    ),
    hub_retries: runs.hub.reduce((sum, r) => sum + r.retries, 0),
    hub_worker_warnings: runs.hub.reduce((sum, r) => sum + r.warnings.length, 0),
    db: DB,
    pool: POOL,
    in_flight: CONCURRENCY,
    outbox_batch: BATCH,
    pairs: PAIRS,
    cores: availableParallelism(),
    took_s: Math.round((performance.now() - started) / 1000),
    date: new Date().toISOString(),
  };
  out(
    `\nhub ${final.hub_per_s}/s, baseline ${final.baseline_per_s}/s, ratio ${final.ratio} ` +
      `(per pair ${final.ratio_range.join('..')}); worker RSS peak ${final.worker_rss_mb_small} MB ` +
      `at ${SMALL} mails, ${final.worker_rss_mb_large} MB at ${N} (x${final.rss_growth}), ` +
      `live heap after full GCs ${final.worker_live_heap_mb_small ?? '-'} / ` +
      `${final.worker_live_heap_mb_large ?? '-'} MB; CPU per mail hub ${hubCpu} ms, baseline ` +
      `${baselineCpu} ms (ratio ${final.cpu_ratio}); took ${final.took_s} s`,
  );
  await cleanup();
  out(JSON.stringify(final));
}

const deadline = setTimeout(
  () => void fail(new Error(`did not finish within ${Math.round(BUDGET_MS / 1000)} s`)),
  BUDGET_MS,
);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => void fail(new Error(`interrupted by ${signal}`)));
}
main().then(
  () => clearTimeout(deadline),
  (error) => void fail(error),
);
