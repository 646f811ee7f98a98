// Express vs Fastify under Nest, same app, same data, same run.
//
//   npm run build:server && node test/bench/http-platform.mjs [--db sqlite|postgres|both]
//        [--duration 8] [--warmup 5] [--connections 20] [--pairs 2] [--route /api/... ...]
//
// Starts a throwaway Redis (the api's health module needs one) and the chosen database(s) in a temp
// directory, seeds the ICC programme, then boots ApiModule twice, each adapter in its own process
// (test/bench/http-platform-server.mjs, from the compiled dist/), and drives both with autocannon:
// after a warm-up, measured rounds alternate per route in ABBA order: express, fastify, fastify,
// express, ... Reports requests/s (over all rounds), p99 latency, non-2xx count, and the server
// process's CPU time per request (from /proc; steadier than requests/s on a shared machine).
// Fails (exit 1) on any non-2xx answer, socket error or timeout, or if the two adapters answer
// differently. Last line of stdout: one JSON object with the measured figures.
import autocannon from 'autocannon';
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { benchRun, waitExit } from './lib/bench-run.mjs';
import {
  ensureDebianPackages,
  freePort,
  PACKAGES,
  startPostgres,
  startRedis,
  stopChild,
} from '../../scripts/lib/services.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SERVER = fileURLToPath(new URL('./http-platform-server.mjs', import.meta.url));
const ADAPTERS = ['express', 'fastify'];
/** The first route is the headline figure: a join over sessions, people and speakers. */
const DEFAULT_ROUTES = ['/api/events/icc-city-lab-2020/sessions', '/api/events'];

const { values: opts } = parseArgs({
  options: {
    db: { type: 'string', default: 'sqlite' },
    duration: { type: 'string', default: '8' },
    warmup: { type: 'string', default: '5' },
    connections: { type: 'string', default: '20' },
    pairs: { type: 'string', default: '2' },
    route: { type: 'string', multiple: true },
  },
});
const ROUTES = opts.route?.length ? opts.route : DEFAULT_ROUTES;
const positive = (name) => {
  const n = Number(opts[name]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer`);
  return n;
};
const DURATION = positive('duration');
const WARMUP = positive('warmup');
const CONNECTIONS = positive('connections');
const PAIRS = positive('pairs');
const DATABASES = { sqlite: ['sqlite'], postgres: ['postgres'], both: ['sqlite', 'postgres'] }[
  opts.db
];
if (!DATABASES) throw new Error('--db must be sqlite, postgres or both');

// Bounded in time: what the rounds take, plus a generous allowance for services, seeding, boots.
const BUDGET_MS =
  (DATABASES.length * ROUTES.length * ADAPTERS.length * (WARMUP + PAIRS * DURATION) +
    DATABASES.length * 90 +
    30) *
  1000;

const out = (line) => process.stdout.write(`${line}\n`);
const note = (line) => process.stderr.write(`[bench] ${line}\n`);

// ---------------------------------------------------------------- processes and cleanup

const run = benchRun('http-platform', note);
const { cleanups, cleanup, fail } = run;

/** Runs the server script in `mode`; resolves with its child and first JSON line on stdout. */
function startChild(mode, env, { timeoutMs, ipc }) {
  const child = spawn(process.execPath, [SERVER, mode], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe', ...(ipc ? ['ipc'] : [])],
  });
  cleanups.push(() => stopChild(child, 'SIGTERM', 5_000));
  let stderr = '';
  child.stderr.on('data', (c) => (stderr = (stderr + c.toString()).slice(-8000)));
  return new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => {
      reject(new Error(`${mode}: no answer within ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    child.stdout.on('data', (chunk) => {
      stdout += chunk.toString();
      const nl = stdout.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      try {
        resolve({ child, message: JSON.parse(stdout.slice(0, nl)), stderr: () => stderr });
      } catch {
        reject(new Error(`${mode}: unexpected output ${stdout.slice(0, 200)}\n${stderr}`));
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${mode} exited (${signal ?? code}) before answering\n${stderr}`));
    });
  });
}

// ---------------------------------------------------------------- measuring

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * CPU time (user + system, ms) the server process has used so far, from /proc (Linux); undefined
 * elsewhere. CPU per request is steadier than requests/s when other work shares the machine.
 */
function cpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

async function cannon(url, seconds, pid) {
  const cpuBefore = cpuMs(pid);
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds });
  const cpuAfter = cpuMs(pid);
  const problems = [];
  if (result.non2xx > 0)
    problems.push(`${result.non2xx} non-2xx (${JSON.stringify(result.statusCodeStats)})`);
  if (result.errors > 0) problems.push(`${result.errors} socket errors`);
  if (result.timeouts > 0) problems.push(`${result.timeouts} timeouts`);
  if (result['2xx'] === 0) problems.push('no 2xx answer at all');
  if (problems.length) throw new Error(`GET ${url}: ${problems.join(', ')}`);
  return {
    requests: result.requests.total,
    seconds: result.duration,
    rps: result.requests.total / result.duration,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    cpuMs: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore,
  };
}

/** Both adapters must serve the same thing, or the comparison means nothing. */
async function checkSameAnswers(servers, route) {
  const bodies = {};
  for (const [name, { port }] of Object.entries(servers)) {
    const response = await fetch(`http://127.0.0.1:${port}${route}`);
    const text = await response.text();
    if (response.status !== 200)
      throw new Error(`${name} GET ${route}: ${response.status} ${text}`);
    const body = JSON.parse(text);
    if (Array.isArray(body) && body.length === 0) {
      throw new Error(
        `${name} GET ${route}: empty list, nothing to measure: ${text.slice(0, 200)}`,
      );
    }
    bodies[name] = {
      json: JSON.stringify(body),
      items: Array.isArray(body) ? body.length : 1,
      bytes: Buffer.byteLength(text),
    };
  }
  if (bodies.express.json !== bodies.fastify.json) {
    throw new Error(`GET ${route}: express and fastify answer differently`);
  }
  return bodies.fastify;
}

const round1 = (n) => Math.round(n * 10) / 10;
const round3 = (n) => Math.round(n * 1000) / 1000;
const pad = (s, n) => String(s).padStart(n);

async function benchDatabase(db, { redisUrl, tmp }) {
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    DATA_DIR: join(tmp, `data-${db}`),
    REDIS_URL: redisUrl,
  };
  delete env.DATABASE_URL;
  if (db === 'postgres') {
    ensureDebianPackages([PACKAGES.postgres], { why: 'the http-platform benchmark on PostgreSQL' });
    const pg = await startPostgres({ dir: join(tmp, 'pg'), port: await freePort() });
    cleanups.push(() => pg.stop());
    env.DATABASE_URL = pg.createDatabase('icc_bench');
  }

  const seeding = await startChild('seed', env, { timeoutMs: 60_000, ipc: false });
  if ((await waitExit(seeding.child, 30_000)) !== 0)
    throw new Error(`seed failed\n${seeding.stderr()}`);
  note(`${db}: seeded, created [${seeding.message.created.join(', ')}]`);

  const booted = await Promise.all(
    ADAPTERS.map((name) => startChild(name, env, { timeoutMs: 60_000, ipc: true })),
  );
  const servers = Object.fromEntries(
    booted.map(({ child, message }) => [message.adapter, { port: message.listening, child }]),
  );
  let stopping = false;
  for (const { child } of booted) {
    child.once('exit', (code, signal) => {
      if (!stopping && !run.cleaning)
        void fail(new Error(`${db}: a server exited during the run (${signal ?? code})`));
    });
  }
  note(`${db}: express on :${servers.express.port}, fastify on :${servers.fastify.port}`);

  const results = [];
  for (const route of ROUTES) {
    const answer = await checkSameAnswers(servers, route);
    out(
      `\n[${db}] GET ${route}  (${answer.items} items, ${answer.bytes} bytes, identical on both adapters)`,
    );
    for (const name of ADAPTERS) {
      await cannon(
        `http://127.0.0.1:${servers[name].port}${route}`,
        WARMUP,
        servers[name].child.pid,
      );
    }
    out(
      `  warm-up ${WARMUP} s per adapter done; measuring ${PAIRS} pairs in ABBA order (E F F E ...), ${DURATION} s each, ${CONNECTIONS} connections`,
    );
    const rounds = { express: [], fastify: [] };
    for (let pair = 1; pair <= PAIRS; pair++) {
      // express, fastify, fastify, express, ...: a steady drift (JIT, other load) cancels out
      // instead of always favouring whichever adapter runs second.
      for (const name of pair % 2 ? ADAPTERS : [...ADAPTERS].reverse()) {
        const r = await cannon(
          `http://127.0.0.1:${servers[name].port}${route}`,
          DURATION,
          servers[name].child.pid,
        );
        rounds[name].push(r);
        out(
          `  round ${pair} ${name.padEnd(7)} ${pad(Math.round(r.rps), 6)} req/s  p99 ${pad(r.p99, 4)} ms  ` +
            `${r.requests} requests  non-2xx ${r.non2xx}` +
            (r.cpuMs === undefined ? '' : `  server CPU ${round3(r.cpuMs / r.requests)} ms/req`),
        );
      }
    }
    const summary = { db, route };
    for (const name of ADAPTERS) {
      const list = rounds[name];
      const requests = list.reduce((s, r) => s + r.requests, 0);
      const seconds = list.reduce((s, r) => s + r.seconds, 0);
      summary[`${name}_rps`] = round1(requests / seconds);
      summary[`${name}_p99_ms`] = Math.max(...list.map((r) => r.p99));
      summary[`${name}_non2xx`] = list.reduce((s, r) => s + r.non2xx, 0);
      summary[`${name}_rounds_rps`] = list.map((r) => round1(r.rps));
      const cpu = list.reduce((s, r) => s + (r.cpuMs ?? NaN), 0);
      summary[`${name}_cpu_ms_per_req`] = Number.isNaN(cpu) ? null : round3(cpu / requests);
    }
    summary.ratio = round3(summary.fastify_rps / summary.express_rps);
    const perPair = rounds.fastify.map((f, i) => f.rps / rounds.express[i].rps);
    summary.ratio_range = [round3(Math.min(...perPair)), round3(Math.max(...perPair))];
    const sorted = [...perPair].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    summary.ratio_median_pair = round3(
      sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2,
    );
    // Requests one CPU-second of server buys, fastify over express (null without /proc).
    summary.cpu_ratio =
      summary.express_cpu_ms_per_req && summary.fastify_cpu_ms_per_req
        ? round3(summary.express_cpu_ms_per_req / summary.fastify_cpu_ms_per_req)
        : null;
    out(
      `  => express ${summary.express_rps} req/s (p99 <= ${summary.express_p99_ms} ms), ` +
        `fastify ${summary.fastify_rps} req/s (p99 <= ${summary.fastify_p99_ms} ms), ` +
        `fastify/express ${summary.ratio} (per pair ${summary.ratio_range.join('..')})` +
        (summary.cpu_ratio === null
          ? ''
          : `; server CPU ${summary.express_cpu_ms_per_req} vs ${summary.fastify_cpu_ms_per_req} ` +
            `ms/req, requests per CPU-second fastify/express ${summary.cpu_ratio}`),
    );
    results.push(summary);
  }

  stopping = true;
  await Promise.all(booted.map(({ child }) => stopChild(child, 'SIGTERM', 5_000)));
  return results;
}

// ---------------------------------------------------------------- main

async function main() {
  for (const file of [
    'apps/api/src/api.module.js',
    'apps/api/src/app.setup.js',
    'libs/persistence/src/index.js',
  ]) {
    if (!existsSync(join(ROOT, 'dist', file))) {
      throw new Error(`dist/${file} missing: run \`npm run build:server\` first`);
    }
  }
  const started = Date.now();
  const tmp = mkdtempSync(join(tmpdir(), 'icc-bench-http-'));
  chmodSync(tmp, 0o755); // PostgreSQL runs as the postgres user and must reach its directory
  cleanups.push(() => rmSync(tmp, { recursive: true, force: true }));

  ensureDebianPackages([PACKAGES.redis], { why: 'the http-platform benchmark' });
  const redis = await startRedis({ dir: join(tmp, 'redis'), port: await freePort() });
  cleanups.push(() => redis.stop());

  out(
    `http-platform benchmark ${new Date().toISOString()}: node ${process.version}, ` +
      `${availableParallelism()} cores (${cpus()[0]?.model.trim()}), autocannon in this process, ` +
      `each adapter in its own process; databases: ${DATABASES.join(', ')}`,
  );
  const all = [];
  for (const db of DATABASES) all.push(...(await benchDatabase(db, { redisUrl: redis.url, tmp })));

  out(`\nSummary (requests/s over all measured rounds; ratio = fastify/express):`);
  for (const r of all) {
    out(
      `  ${r.db.padEnd(8)} ${r.route.padEnd(40)} express ${pad(r.express_rps, 8)}  fastify ${pad(r.fastify_rps, 8)}  ratio ${r.ratio}  (CPU/req ratio ${r.cpu_ratio})`,
    );
  }
  out(`  took ${Math.round((Date.now() - started) / 1000)} s`);
  const headline = all[0];
  const final = {
    bench: 'http-platform',
    route: `GET ${headline.route}`,
    express_rps: headline.express_rps,
    fastify_rps: headline.fastify_rps,
    ratio: headline.ratio,
    db: headline.db,
    express_p99_ms: headline.express_p99_ms,
    fastify_p99_ms: headline.fastify_p99_ms,
    ratio_range: headline.ratio_range,
    ratio_median_pair: headline.ratio_median_pair,
    express_cpu_ms_per_req: headline.express_cpu_ms_per_req,
    fastify_cpu_ms_per_req: headline.fastify_cpu_ms_per_req,
    cpu_ratio: headline.cpu_ratio,
    non2xx: headline.express_non2xx + headline.fastify_non2xx,
    connections: CONNECTIONS,
    duration_s: DURATION,
    rounds_per_adapter: PAIRS,
    cores: availableParallelism(),
    date: new Date().toISOString(),
    others: all.slice(1).map((r) => ({
      db: r.db,
      route: `GET ${r.route}`,
      express_rps: r.express_rps,
      fastify_rps: r.fastify_rps,
      ratio: r.ratio,
      cpu_ratio: r.cpu_ratio,
    })),
  };
  await cleanup();
  out(JSON.stringify(final));
}

const deadline = setTimeout(
  () => void fail(new Error(`did not finish within ${BUDGET_MS / 1000} s`)),
  BUDGET_MS,
);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => void fail(new Error(`interrupted by ${signal}`)));
}
main().then(
  () => clearTimeout(deadline),
  (error) => void fail(error),
);
