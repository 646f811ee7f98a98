// Registration throughput of the hub against a bare Fastify + pg baseline, same run, same
// PostgreSQL; and a hot-session storm against the hub.
//
//   npm run build:server && node test/bench/registration.mjs [--duration 10] [--warmup 5]
//        [--connections 16] [--pairs 2] [--sessions 64] [--pool 10] [--hot-n 10000]
//        [--hot-capacity 50] [--hot-low 8] [--hot-high 32] [--hot-pairs 1] [--calibrate 40]
//        [--profile DIR]
//
// Starts everything it needs in a temp directory: Redis and a throwaway PostgreSQL on free ports.
// Migrates and seeds with the built seed CLI, then adds a bench event whose `--sessions` public
// sessions have room for everyone (1,000,000 seats) plus one small session (`--hot-capacity`
// seats) per hot run, freezes them into a schedule release (the route refuses sessions that are
// not in the latest release), and creates accounts with bearer API tokens (SHA-256 hashed, as
// AuthService.issue stores them). Before every measured run the tokens' `lastUsedAt` is set to
// now, so neither side writes it (the hub writes it at most every 5 minutes per token).
//
// Hub: the built api (dist/apps/api/src/main.js) in its own process, LOG_LEVEL=silent (no request
// log), DATABASE_POOL_SIZE=--pool. Baseline: test/bench/registration-baseline-server.mjs in its
// own process, Fastify + a pg Pool of the same size running the same SQL work by hand (see there
// for what it runs and which hub checks it skips).
//
// Throughput: `POST /api/sessions/:id/registration` with a bearer token, driven by autocannon
// (in this process) at `--connections`; request k registers account floor(k / S) for session
// k mod S, so every request is a new registration and requests in flight hit different session
// rows (no contention). Warm-up on both, then a calibration: `--calibrate` registrations one at
// a time on each side with PostgreSQL's log_statement=all, counting the statements each side
// sends per registration (by application_name). Then `--pairs` pairs of `--duration` s rounds in
// ABBA order (baseline, hub, hub, baseline, ...). Every answer must be 201 confirmed.
// Reported: req/s, p99, errors, and CPU ms per request of the server, PostgreSQL (postmaster and
// backends) and the load generator (from /proc). ratio = hub req/s / baseline req/s.
//
// Hot session: `--hot-n` attempts by as many distinct accounts on one session of
// `--hot-capacity` seats, at `--hot-low` and then `--hot-high` connections (a fresh session each,
// VACUUM ANALYZE before each; `--hot-pairs 2` runs low, high, high, low). Attempts/s over the
// whole storm. Afterwards the database must hold exactly capacity confirmed and N - capacity
// waitlisted registrations, confirmedCount equal to the confirmed rows, one registration mail per
// registration in the outbox (reminders apart), and every answer must be 201 confirmed (exactly
// capacity of them) or waitlisted. overbooked = confirmed rows - capacity (at least 0), summed
// over runs. hot_32_vs_8 = attempts/s at high / at low. CPU per request and per attempt is
// reported too (cpu_ratio, hot_cpu_32_vs_8): steadier than rates when other work shares the box.
//
// `--profile DIR` runs the hub with --cpu-prof and prints where its CPU time went.
// Fails (exit 1) on any unexpected answer or check. Last line of stdout: one JSON object.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createBenchAccounts, createBenchEvent } from './lib/bench-data.mjs';
import { benchRun, captureOutput, cpuMeter, waitExit } from './lib/bench-run.mjs';
import { parseArgs } from 'node:util';
import {
  ensureDebianPackages,
  freePort,
  PACKAGES,
  startPostgres,
  startRedis,
  stopChild,
} from '../../scripts/lib/services.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const API = join(ROOT, 'dist/apps/api/src/main.js');
const SEED = join(ROOT, 'dist/apps/api/src/cli/seed.js');
const BASELINE = fileURLToPath(new URL('./registration-baseline-server.mjs', import.meta.url));
const dist = (path) => new URL(`../../dist/${path}`, import.meta.url).href;

const { values: opts } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '5' },
    connections: { type: 'string', default: '16' },
    pairs: { type: 'string', default: '2' },
    sessions: { type: 'string', default: '64' },
    pool: { type: 'string', default: '10' },
    'hot-n': { type: 'string', default: '10000' },
    'hot-capacity': { type: 'string', default: '50' },
    'hot-low': { type: 'string', default: '8' },
    'hot-high': { type: 'string', default: '32' },
    'hot-pairs': { type: 'string', default: '1' },
    calibrate: { type: 'string', default: '40' },
    profile: { type: 'string' },
  },
});
const integer = (name, min) => {
  const n = Number(opts[name]);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer >= ${min}`);
  return n;
};
const DURATION = integer('duration', 1);
const WARMUP = integer('warmup', 0);
const CONNECTIONS = integer('connections', 1);
const PAIRS = integer('pairs', 1);
const SESSIONS = integer('sessions', 1);
const POOL = integer('pool', 1);
const HOT_N = integer('hot-n', 1);
const HOT_CAPACITY = integer('hot-capacity', 1);
const HOT_LOW = integer('hot-low', 1);
const HOT_HIGH = integer('hot-high', 1);
const HOT_PAIRS = integer('hot-pairs', 1);
const CALIBRATE = integer('calibrate', 0);
const PROFILE = opts.profile ? resolve(opts.profile) : undefined;
if (HOT_CAPACITY >= HOT_N) throw new Error('--hot-capacity must be below --hot-n');
if (Math.max(HOT_LOW, HOT_HIGH) > HOT_N) throw new Error('more connections than attempts');
/** Accounts: every hot attempt has its own, plus a margin for requests autocannon prebuilds. */
const ACCOUNTS = HOT_N + Math.max(HOT_LOW, HOT_HIGH) + 100;
const BIG_CAPACITY = 1_000_000;
const PUBLIC_BASE_URL = 'https://hub.bench.example.eu';
const HOT_ORDER = Array.from({ length: HOT_PAIRS }, (_, i) =>
  i % 2 ? [HOT_HIGH, HOT_LOW] : [HOT_LOW, HOT_HIGH],
).flat();

// Bounded in time: services, seeding and boots, the rounds, and the storms at >= 50 attempts/s.
const BUDGET_MS =
  (120 + 2 * WARMUP + 2 * PAIRS * DURATION + CALIBRATE / 5 + (HOT_ORDER.length * HOT_N) / 50) *
  1000;

const out = (line) => process.stdout.write(`${line}\n`);
const note = (line) => process.stderr.write(`[bench] ${line}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const round1 = (n) => Math.round(n * 10) / 10;
const round3 = (n) => Math.round(n * 1000) / 1000;
const pad = (s, n) => String(s).padStart(n);

// ---------------------------------------------------------------- processes and cleanup

const run = benchRun('registration', note);
const { cleanups, cleanup, fail } = run;

// ---------------------------------------------------------------- the bench data

/**
 * A bench event with `SESSIONS` roomy sessions and `hot` small ones, frozen into a release with
 * the hub's own freezeRelease; `ACCOUNTS` accounts, each with an API token.
 */
async function createBenchData(dataSource, persistence, hot) {
  const tag = randomUUID().slice(0, 8);
  const { event, sessionIds, releaseId } = await createBenchEvent(dataSource, persistence, {
    tag: `registration-${tag}`,
    title: 'Registration bench',
    sessions: [
      ...Array.from({ length: SESSIONS }, (_, i) => ({
        title: `Roomy ${i + 1}`,
        capacity: BIG_CAPACITY,
      })),
      ...Array.from({ length: hot }, (_, i) => ({ title: `Hot ${i + 1}`, capacity: HOT_CAPACITY })),
    ],
  });
  const { authorization, accountIds } = await createBenchAccounts(dataSource, {
    count: ACCOUNTS,
    tag,
  });
  return {
    event,
    roomy: sessionIds.slice(0, SESSIONS),
    hot: sessionIds.slice(SESSIONS),
    releaseId,
    authorization,
    accountIds,
  };
}

// ---------------------------------------------------------------- servers

async function waitHealthy(baseUrl, child, output) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`api exited during start:\n${output()}`);
    const up = await fetch(`${baseUrl}/health`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (up) return;
    await sleep(100);
  }
  throw new Error(`api did not become healthy:\n${output()}`);
}

async function startHub(env, databaseUrl) {
  const port = await freePort();
  const args = PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE}`, '--cpu-prof-name=hub-api.cpuprofile', API]
    : [API];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...env,
      PORT: String(port),
      DATABASE_URL: `${databaseUrl}?application_name=bench-hub`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = captureOutput(child);
  cleanups.push(() => stopChild(child, 'SIGTERM', 10_000));
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitHealthy(baseUrl, child, output);
  return { name: 'hub', baseUrl, child, output };
}

async function startBaseline(env, databaseUrl, reminderMinutes) {
  const child = spawn(process.execPath, [BASELINE], {
    cwd: ROOT,
    env: {
      ...env,
      PORT: '0',
      DATABASE_URL: `${databaseUrl}?application_name=bench-baseline`,
      REMINDER_MINUTES: reminderMinutes.join(','),
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const output = captureOutput(child);
  cleanups.push(() => stopChild(child, 'SIGTERM', 5_000));
  const port = await new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`baseline: no answer\n${output()}`)), 30_000);
    child.stdout.on('data', (chunk) => {
      stdout += chunk.toString();
      const nl = stdout.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      resolve(JSON.parse(stdout.slice(0, nl)).listening);
    });
    child.once('exit', (code) => reject(new Error(`baseline exited (${code})\n${output()}`)));
  });
  return { name: 'baseline', baseUrl: `http://127.0.0.1:${port}`, child, output };
}

// ---------------------------------------------------------------- load

/** Pairs (session, account) nobody has registered yet: request k takes pair k. */
function pairSource(data) {
  let next = 0;
  const limit = SESSIONS * ACCOUNTS;
  return {
    take() {
      const k = next++;
      if (k >= limit) throw new Error(`all ${limit} (session, account) pairs used`);
      return {
        path: `/api/sessions/${data.roomy[k % SESSIONS]}/registration`,
        authorization: data.authorization[Math.floor(k / SESSIONS)],
        accountId: data.accountIds[Math.floor(k / SESSIONS)],
      };
    },
    get used() {
      return next;
    },
  };
}

/** Tallies answers: status code, and the registration status in a 2xx body. */
function tally() {
  const t = { codes: {}, confirmed: 0, waitlisted: 0, other: 0, samples: [] };
  t.onResponse = (status, body) => {
    t.codes[status] = (t.codes[status] ?? 0) + 1;
    if (status === 201 || status === 200) {
      if (body.includes('"status":"confirmed"')) t.confirmed++;
      else if (body.includes('"status":"waitlisted"')) t.waitlisted++;
      else t.other++;
    } else if (t.samples.length < 3) {
      t.samples.push(`${status} ${String(body).slice(0, 200)}`);
    }
  };
  return t;
}

async function cannon(server, { next, connections, duration, amount, pids }) {
  const answers = tally();
  const meter = cpuMeter(pids);
  const t0 = performance.now();
  const result = await autocannon({
    url: server.baseUrl,
    connections,
    ...(amount ? { amount } : { duration }),
    timeout: 30,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const { path, authorization } = next();
          return { ...request, path, headers: { ...request.headers, authorization } };
        },
        onResponse: answers.onResponse,
      },
    ],
  });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = meter();
  const answered = Object.values(answers.codes).reduce((s, n) => s + n, 0);
  return {
    server: server.name,
    requests: answered,
    seconds: amount ? seconds : result.duration,
    rps: answered / (amount ? seconds : result.duration),
    p99: result.latency.p99,
    p50: result.latency.p50,
    errors: result.errors,
    timeouts: result.timeouts,
    answers,
    cpu,
  };
}

function problemsOf(r, { only201Confirmed }) {
  const problems = [];
  const { codes } = r.answers;
  const bad = Object.entries(codes).filter(([code]) =>
    only201Confirmed ? code !== '201' : code !== '201' && code !== '200',
  );
  if (bad.length) problems.push(`answers ${JSON.stringify(codes)} (${r.answers.samples[0] ?? ''})`);
  if (only201Confirmed && (r.answers.waitlisted || r.answers.other))
    problems.push(`${r.answers.waitlisted + r.answers.other} answers not "confirmed"`);
  if (r.answers.other) problems.push(`${r.answers.other} 2xx answers without a status`);
  if (r.errors) problems.push(`${r.errors} socket errors`);
  if (r.timeouts) problems.push(`${r.timeouts} timeouts`);
  if (r.requests === 0) problems.push('no answer at all');
  return problems;
}

const perRequest = (r, name) =>
  r.cpu[name] === undefined ? undefined : round3(r.cpu[name] / r.requests);

function describeCpu(r) {
  return Object.keys(r.cpu)
    .map((name) => `${name === 'server' ? r.server : name} ${perRequest(r, name) ?? '-'}`)
    .join(', ');
}

// ---------------------------------------------------------------- statements per registration

/**
 * Registers `n` times on `server`, one request at a time, with PostgreSQL logging every
 * statement; returns the statements the server's connections sent per registration.
 */
async function countStatements(pg, server, pairs, n) {
  const app = `bench-${server.name}`;
  let log = '';
  const listen = (chunk) => (log += chunk.toString());
  pg.child.stderr.on('data', listen);
  try {
    pg.psql("ALTER SYSTEM SET log_statement = 'all'");
    pg.psql("ALTER SYSTEM SET log_line_prefix = '%a '");
    pg.psql('SELECT pg_reload_conf()');
    await sleep(500);
    const mark = `bench-mark-${randomUUID()}`;
    pg.psql(`SELECT '${mark}-start'`);
    for (let i = 0; i < n; i++) {
      const { path, authorization } = pairs.take();
      const response = await fetch(`${server.baseUrl}${path}`, {
        method: 'POST',
        headers: { authorization },
      });
      const text = await response.text();
      if (response.status !== 201) throw new Error(`${server.name}: ${response.status} ${text}`);
    }
    await sleep(300);
    pg.psql(`SELECT '${mark}-end'`);
    const deadline = Date.now() + 5_000;
    while (!log.includes(`${mark}-end`) && Date.now() < deadline) await sleep(50);
    const window = log.slice(log.indexOf(`${mark}-start`), log.indexOf(`${mark}-end`));
    const mine = window
      .split('\n')
      .filter(
        (line) =>
          line.startsWith(`${app} LOG:  statement:`) || line.startsWith(`${app} LOG:  execute`),
      );
    return { perRegistration: round3(mine.length / n), sample: mine.slice(0, 40) };
  } finally {
    pg.psql('ALTER SYSTEM RESET log_statement');
    pg.psql('ALTER SYSTEM RESET log_line_prefix');
    pg.psql('SELECT pg_reload_conf()');
    pg.child.stderr.off('data', listen);
    await sleep(300);
  }
}

// ---------------------------------------------------------------- CPU profile

/** Self time of a V8 CPU profile by function and by package (or part of the hub). */
function summariseProfile(file) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const self = new Map();
  const counts = new Map();
  for (const id of profile.samples) counts.set(id, (counts.get(id) ?? 0) + 1);
  const dt = (profile.endTime - profile.startTime) / 1000 / Math.max(1, profile.samples.length);
  const byPackage = new Map();
  let total = 0;
  for (const node of profile.nodes) {
    const n = counts.get(node.id) ?? 0;
    if (!n) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const ms = n * dt;
    if (functionName === '(idle)' || functionName === '(program)') continue;
    total += ms;
    const where = url.replace(/^file:\/\//, '').replace(ROOT, '');
    const key = `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + ms);
    const pkg =
      /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(where)?.[1] ??
      (where.startsWith('dist/') ? where.split('/').slice(1, 3).join('/') : null) ??
      (functionName.startsWith('(')
        ? functionName
        : where.startsWith('node:')
          ? 'node:*'
          : where === ''
            ? `(native) ${functionName}`
            : 'other');
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + ms);
  }
  const top = (map, k) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([name, ms]) => ({ name, ms: Math.round(ms), share: round3(ms / total) }));
  return { totalMs: Math.round(total), packages: top(byPackage, 12), functions: top(self, 20) };
}

// ---------------------------------------------------------------- main

async function main() {
  for (const file of [API, SEED, join(ROOT, 'dist/libs/persistence/src/index.js')]) {
    if (!existsSync(file)) throw new Error(`${file} missing: run \`npm run build:server\` first`);
  }
  const started = performance.now();
  const tmp = mkdtempSync(join(tmpdir(), 'icc-bench-registration-'));
  chmodSync(tmp, 0o755); // PostgreSQL runs as the postgres user and must reach its directory
  cleanups.push(() => rmSync(tmp, { recursive: true, force: true }));
  if (PROFILE) mkdirSync(PROFILE, { recursive: true });

  ensureDebianPackages([PACKAGES.redis, PACKAGES.postgres], {
    why: 'the registration benchmark',
  });
  const redis = await startRedis({ dir: join(tmp, 'redis'), port: await freePort() });
  cleanups.push(() => redis.stop());
  const pg = await startPostgres({ dir: join(tmp, 'pg'), port: await freePort() });
  cleanups.push(() => pg.stop());
  const databaseUrl = pg.createDatabase('icc_bench_registration');

  const env = {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    DATA_DIR: join(tmp, 'data'),
    REDIS_URL: redis.url,
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: String(POOL),
    PUBLIC_BASE_URL,
  };
  const seed = spawn(process.execPath, [SEED], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cleanups.push(() => stopChild(seed));
  const seedOutput = captureOutput(seed);
  if ((await waitExit(seed, 120_000)) !== 0) throw new Error(`seed failed:\n${seedOutput()}`);
  note(seedOutput().trim());

  // Entity column types follow DATABASE_URL when dist/libs/persistence is first imported.
  for (const name of ['DATABASE_URL', 'DATA_DIR', 'REDIS_URL', 'PUBLIC_BASE_URL']) {
    process.env[name] = env[name];
  }
  const { parseConfig } = await import(dist('libs/config/src/index.js'));
  const persistence = await import(dist('libs/persistence/src/index.js'));
  const config = parseConfig(env);
  const dataSource = await persistence.openDataSource(persistence.dataSourceOptions(config));
  /** The hub queues reminder mails with a confirmed seat; the baseline is told to do the same. */
  const reminderMinutes = config.reminderOffsetsMinutes ?? [];
  cleanups.push(() => dataSource.destroy());
  const data = await createBenchData(dataSource, persistence, HOT_ORDER.length);
  note(
    `bench event: ${SESSIONS} sessions of ${BIG_CAPACITY} seats, ${HOT_ORDER.length} of ` +
      `${HOT_CAPACITY}, release ${data.releaseId}; ${ACCOUNTS} accounts with API tokens`,
  );
  const freshTokens = () =>
    dataSource.query(`UPDATE "auth_sessions" SET "lastUsedAt" = now() WHERE "label" = 'bench'`);

  const [hub, baseline] = await Promise.all([
    startHub(env, databaseUrl),
    startBaseline(env, databaseUrl, reminderMinutes),
  ]);
  const servers = { hub, baseline };
  let stopping = false;
  for (const server of [hub, baseline]) {
    server.child.once('exit', (code, signal) => {
      if (!stopping && !run.cleaning)
        void fail(
          new Error(`${server.name} exited during the run (${signal ?? code})\n${server.output()}`),
        );
    });
  }
  const pidsOf = (server) => ({
    server: server.child.pid,
    postgres: pg.child.pid,
    load: process.pid,
  });

  out(
    `registration benchmark ${new Date().toISOString()}: node ${process.version}, ` +
      `${availableParallelism()} cores (${cpus()[0]?.model.trim()}), load average ` +
      `${loadavg()
        .map((n) => n.toFixed(2))
        .join(' ')}; PostgreSQL ${pg.psql('SHOW server_version').trim()}, ` +
      `pool ${POOL} on both sides; autocannon in this process`,
  );

  // Same question, same answer: one registration on each side for the same session, the same
  // repeat answer, and the same mails queued (templates and when they are due).
  const pairs = pairSource(data);
  const shapes = {};
  const queued = {};
  for (const server of [hub, baseline]) {
    const { path, authorization, accountId } = pairs.take();
    const response = await fetch(`${server.baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization },
    });
    const body = await response.json();
    if (response.status !== 201 || body.status !== 'confirmed')
      throw new Error(`${server.name}: ${response.status} ${JSON.stringify(body)}`);
    shapes[server.name] = Object.keys(body).sort().join(',');
    const again = await fetch(`${server.baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization },
    });
    if (again.status !== 200) throw new Error(`${server.name}: repeat answered ${again.status}`);
    await again.text();
    const rows = await dataSource.query(
      'SELECT "template", "availableAt" - "createdAt" > interval \'1 minute\' AS "later" ' +
        `FROM "outgoing_mails" WHERE "accountId" = $1 AND "dataRef" LIKE '%' || $2 || '%' ` +
        'ORDER BY "template", "availableAt"',
      [accountId, path.split('/')[3]],
    );
    queued[server.name] = rows.map((r) => `${r.template}${r.later ? ' (later)' : ''}`).join(', ');
  }
  if (shapes.hub !== shapes.baseline)
    throw new Error(`answers differ: hub {${shapes.hub}}, baseline {${shapes.baseline}}`);
  if (queued.hub !== queued.baseline)
    throw new Error(`mails differ: hub [${queued.hub}], baseline [${queued.baseline}]`);
  out(`one registration queues on both sides: ${queued.hub}`);

  // ---- throughput
  const throughputOf = async (server, seconds) => {
    await freshTokens();
    const r = await cannon(server, {
      next: pairs.take,
      connections: CONNECTIONS,
      duration: seconds,
      pids: pidsOf(server),
    });
    const problems = problemsOf(r, { only201Confirmed: true });
    if (problems.length) throw new Error(`${server.name}: ${problems.join('; ')}`);
    return r;
  };
  if (WARMUP) {
    for (const server of [baseline, hub]) await throughputOf(server, WARMUP);
    out(`\nwarm-up ${WARMUP} s per side done`);
  }
  const statements = {};
  if (CALIBRATE) {
    for (const server of [hub, baseline]) {
      const counted = await countStatements(pg, server, pairs, CALIBRATE);
      statements[server.name] = counted.perRegistration;
      note(
        `${server.name}: statements of its registrations (first ${counted.sample.length} lines):\n  ` +
          counted.sample.map((l) => l.slice(0, 160)).join('\n  '),
      );
    }
    out(
      `statements per registration (log_statement=all, ${CALIBRATE} one at a time): ` +
        `hub ${statements.hub}, baseline ${statements.baseline}`,
    );
  }
  out(
    `throughput: ${PAIRS} pairs of ${DURATION} s rounds in ABBA order, ${CONNECTIONS} connections, ` +
      `new registrations spread over ${SESSIONS} sessions (CPU ms per request: server, postgres, load)`,
  );
  const rounds = { hub: [], baseline: [] };
  for (let pair = 1; pair <= PAIRS; pair++) {
    for (const name of pair % 2 ? ['baseline', 'hub'] : ['hub', 'baseline']) {
      const r = await throughputOf(servers[name], DURATION);
      rounds[name].push(r);
      out(
        `  round ${pair} ${name.padEnd(8)} ${pad(Math.round(r.rps), 5)} req/s  p50 ${pad(r.p50, 3)} ms  ` +
          `p99 ${pad(r.p99, 4)} ms  ${r.requests} registrations  CPU ms/req: ${describeCpu(r)}`,
      );
    }
  }
  const summary = {};
  for (const name of ['hub', 'baseline']) {
    const list = rounds[name];
    const requests = list.reduce((s, r) => s + r.requests, 0);
    const cpuOf = (part) => {
      const ms = list.reduce((s, r) => s + (r.cpu[part] ?? NaN), 0);
      return Number.isNaN(ms) ? null : round3(ms / requests);
    };
    summary[name] = {
      rps: requests / list.reduce((s, r) => s + r.seconds, 0),
      rounds: list.map((r) => round1(r.rps)),
      p99: Math.max(...list.map((r) => r.p99)),
      errors: list.reduce((s, r) => s + r.errors + r.timeouts, 0),
      cpu: { server: cpuOf('server'), postgres: cpuOf('postgres'), load: cpuOf('load') },
    };
  }
  const ratio = summary.hub.rps / summary.baseline.rps;
  const perPair = rounds.hub.map((h, i) => h.rps / rounds.baseline[i].rps);
  const total = (c) => round3((c.server ?? 0) + (c.postgres ?? 0) + (c.load ?? 0));
  out(
    `  => hub ${round1(summary.hub.rps)} req/s (p99 <= ${summary.hub.p99} ms), baseline ` +
      `${round1(summary.baseline.rps)} req/s (p99 <= ${summary.baseline.p99} ms), ratio ` +
      `${round3(ratio)} (per pair ${perPair.map(round3).join(', ')}); CPU ms per registration ` +
      `hub ${total(summary.hub.cpu)} (server ${summary.hub.cpu.server}, postgres ` +
      `${summary.hub.cpu.postgres}), baseline ${total(summary.baseline.cpu)} (server ` +
      `${summary.baseline.cpu.server}, postgres ${summary.baseline.cpu.postgres})`,
  );
  const [countRow] = await dataSource.query(
    'SELECT (SELECT COALESCE(SUM("confirmedCount"), 0) FROM "sessions" WHERE "id" = ANY($1)) ' +
      'AS "counted", (SELECT COUNT(*) FROM "registrations" WHERE "sessionId" = ANY($1) AND ' +
      `"status" = 'confirmed') AS "confirmed"`,
    [data.roomy],
  );
  const roomyMismatch = Math.abs(Number(countRow.counted) - Number(countRow.confirmed));
  if (roomyMismatch)
    throw new Error(
      `roomy sessions: confirmedCount ${countRow.counted} but ${countRow.confirmed} confirmed rows`,
    );

  // ---- hot session
  out(
    `\nhot session: ${HOT_N} attempts by ${HOT_N} accounts on ${HOT_CAPACITY} seats, against the ` +
      `hub, at ${HOT_ORDER.join(', ')} connections (a fresh session each)`,
  );
  const hotRuns = [];
  for (const [i, connections] of HOT_ORDER.entries()) {
    const sessionId = data.hot[i];
    const path = `/api/sessions/${sessionId}/registration`;
    let k = 0;
    // Each storm starts from the same state: what the previous phase left for autovacuum (whose
    // workers count as PostgreSQL CPU) is cleaned up and the statistics are fresh.
    await dataSource.query('VACUUM ANALYZE');
    await freshTokens();
    const r = await cannon(hub, {
      next: () => ({ path, authorization: data.authorization[k++] }),
      connections,
      amount: HOT_N,
      pids: pidsOf(hub),
    });
    const problems = problemsOf(r, { only201Confirmed: false });
    const [row] = await dataSource.query(
      'SELECT s."capacity", s."confirmedCount", ' +
        `(SELECT COUNT(*) FROM "registrations" r WHERE r."sessionId" = s."id" AND r."status" = 'confirmed') AS "confirmed", ` +
        `(SELECT COUNT(*) FROM "registrations" r WHERE r."sessionId" = s."id" AND r."status" = 'waitlisted') AS "waitlisted", ` +
        '(SELECT COUNT(*) FROM "registrations" r WHERE r."sessionId" = s."id") AS "rows", ' +
        // The registration's own mail (confirmed or waitlisted); reminders and the like apart.
        `(SELECT COUNT(*) FROM "outgoing_mails" m WHERE m."dataRef" LIKE '%' || s."id" || '%' ` +
        `AND m."template" IN ('registration-confirmed', 'registration-waitlisted')) AS "mails", ` +
        `(SELECT COUNT(*) FROM "outgoing_mails" m WHERE m."dataRef" LIKE '%' || s."id" || '%' ` +
        `AND m."template" NOT IN ('registration-confirmed', 'registration-waitlisted')) AS "otherMails" ` +
        'FROM "sessions" s WHERE s."id" = $1',
      [sessionId],
    );
    const db = Object.fromEntries(Object.entries(row).map(([key, v]) => [key, Number(v)]));
    const overbooked = Math.max(0, db.confirmed - db.capacity);
    if (r.requests !== HOT_N) problems.push(`${r.requests} answers for ${HOT_N} attempts`);
    if (db.rows !== HOT_N) problems.push(`${db.rows} registration rows for ${HOT_N} attempts`);
    if (db.confirmed !== db.capacity)
      problems.push(`${db.confirmed} confirmed for ${db.capacity} seats`);
    if (db.confirmedCount !== db.confirmed)
      problems.push(`confirmedCount ${db.confirmedCount} but ${db.confirmed} confirmed rows`);
    if (db.waitlisted !== HOT_N - db.capacity)
      problems.push(`${db.waitlisted} waitlisted, expected ${HOT_N - db.capacity}`);
    if (db.mails !== db.rows)
      problems.push(`${db.mails} registration mails in the outbox for ${db.rows} registrations`);
    if (r.answers.confirmed !== db.capacity)
      problems.push(`${r.answers.confirmed} "confirmed" answers for ${db.capacity} seats`);
    hotRuns.push({ connections, ...r, db, overbooked, problems });
    out(
      `  ${pad(connections, 3)} connections ${pad(Math.round(r.rps), 5)} attempts/s  ` +
        `${r.seconds.toFixed(1)} s  p50 ${r.p50} ms  p99 ${r.p99} ms  answers ${JSON.stringify(r.answers.codes)} ` +
        `(${r.answers.confirmed} confirmed, ${r.answers.waitlisted} waitlisted)  db: ${db.confirmed} ` +
        `confirmed / ${db.capacity} seats, confirmedCount ${db.confirmedCount}, ${db.waitlisted} ` +
        `waitlisted, ${db.mails} registration mails (+${db.otherMails} others) queued  CPU ms/attempt: ${describeCpu(r)}`,
    );
    if (problems.length) note(`hot run at ${connections}: ${problems.join('; ')}`);
  }
  const hotRate = (c) => {
    const list = hotRuns.filter((r) => r.connections === c);
    return list.reduce((s, r) => s + r.requests, 0) / list.reduce((s, r) => s + r.seconds, 0);
  };
  /** CPU ms per attempt of the hub and PostgreSQL together (steadier than rates on a busy box). */
  const hotCpu = (c) => {
    const list = hotRuns.filter((r) => r.connections === c);
    const ms = list.reduce((s, r) => s + (r.cpu.server ?? NaN) + (r.cpu.postgres ?? NaN), 0);
    return ms / list.reduce((s, r) => s + r.requests, 0);
  };
  const hotLow = hotRate(HOT_LOW);
  const hotHigh = hotRate(HOT_HIGH);
  const overbooked = hotRuns.reduce((s, r) => s + r.overbooked, 0);
  const hotProblems = hotRuns.flatMap((r) => r.problems.map((p) => `at ${r.connections}: ${p}`));
  out(
    `  => ${round1(hotLow)} attempts/s at ${HOT_LOW}, ${round1(hotHigh)} at ${HOT_HIGH}: ` +
      `${HOT_HIGH} vs ${HOT_LOW} ${round3(hotHigh / hotLow)}; hub + PostgreSQL CPU per attempt ` +
      `${round3(hotCpu(HOT_LOW))} ms at ${HOT_LOW}, ${round3(hotCpu(HOT_HIGH))} ms at ${HOT_HIGH}; ` +
      `overbooked ${overbooked}`,
  );

  stopping = true;
  await Promise.all([
    stopChild(hub.child, 'SIGTERM', 15_000),
    stopChild(baseline.child, 'SIGTERM', 5_000),
  ]);
  let profile;
  if (PROFILE) {
    const file = join(PROFILE, 'hub-api.cpuprofile');
    if (existsSync(file)) {
      profile = summariseProfile(file);
      out(`\nhub CPU profile ${file}: ${profile.totalMs} ms of samples (not idle)`);
      out('  self time by package:');
      for (const p of profile.packages)
        out(`    ${pad((p.share * 100).toFixed(1), 5)} %  ${p.name}`);
      out('  self time by function:');
      for (const f of profile.functions)
        out(`    ${pad((f.share * 100).toFixed(1), 5)} %  ${f.name}`);
    } else note(`no CPU profile at ${file}`);
  }

  const final = {
    bench: 'registration',
    hub_per_s: round1(summary.hub.rps),
    baseline_per_s: round1(summary.baseline.rps),
    ratio: round3(ratio),
    overbooked,
    hot_32_vs_8: round3(hotHigh / hotLow),
    ratio_range: [round3(Math.min(...perPair)), round3(Math.max(...perPair))],
    hub_rounds_per_s: summary.hub.rounds,
    baseline_rounds_per_s: summary.baseline.rounds,
    hub_p99_ms: summary.hub.p99,
    baseline_p99_ms: summary.baseline.p99,
    errors: summary.hub.errors + summary.baseline.errors,
    // Registrations per CPU-second of all processes involved (server, PostgreSQL, load
    // generator), hub relative to baseline: the ratio without the other load on the machine.
    cpu_ratio: round3(total(summary.baseline.cpu) / total(summary.hub.cpu)),
    hub_statements_per_registration: statements.hub ?? null,
    baseline_statements_per_registration: statements.baseline ?? null,
    hub_cpu_ms_per_registration: summary.hub.cpu,
    baseline_cpu_ms_per_registration: summary.baseline.cpu,
    hot_low_per_s: round1(hotLow),
    hot_high_per_s: round1(hotHigh),
    hot_low: HOT_LOW,
    hot_high: HOT_HIGH,
    hot_n: HOT_N,
    hot_capacity: HOT_CAPACITY,
    hot_p99_ms: Object.fromEntries(hotRuns.map((r) => [r.connections, r.p99])),
    hot_cpu_ms_per_attempt: {
      [HOT_LOW]: round3(hotCpu(HOT_LOW)),
      [HOT_HIGH]: round3(hotCpu(HOT_HIGH)),
    },
    // Attempts per CPU-second (hub + PostgreSQL) at high over low concurrency.
    hot_cpu_32_vs_8: round3(hotCpu(HOT_LOW) / hotCpu(HOT_HIGH)),
    hot_non_2xx: hotRuns.reduce(
      (s, r) =>
        s +
        Object.entries(r.answers.codes)
          .filter(([code]) => code !== '200' && code !== '201')
          .reduce((t, [, n]) => t + n, 0),
      0,
    ),
    count_mismatch: roomyMismatch,
    hot_count_mismatch: hotRuns.reduce(
      (s, r) => s + Math.abs(r.db.confirmedCount - r.db.confirmed),
      0,
    ),
    connections: CONNECTIONS,
    duration_s: DURATION,
    pairs: PAIRS,
    pool: POOL,
    db: 'postgres',
    cores: availableParallelism(),
    load_average: loadavg().map(round1),
    took_s: Math.round((performance.now() - started) / 1000),
    date: new Date().toISOString(),
    ...(profile ? { hub_profile_top: profile.packages.slice(0, 6) } : {}),
  };
  await cleanup();
  out(JSON.stringify(final));
  if (hotProblems.length) {
    process.stderr.write(`\nregistration benchmark FAILED: ${hotProblems.join('; ')}\n`);
    process.exitCode = 1;
  }
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
