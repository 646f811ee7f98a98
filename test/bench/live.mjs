// Live room fan-out of the hub's live process against a bare Socket.IO server, same run.
//
//   npm run build:server && node test/bench/live.mjs [--clients 5000] [--seconds 10] [--warmup 2]
//        [--workers 4] [--concurrency 25] [--rate 10] [--drain 5] [--no-two] [--budget S]
//        [--client lite|socket.io] [--profile DIR] [--dist DIR]
//   quick: node test/bench/live.mjs --clients 500 --seconds 5
//
// Starts what it needs in a temp directory: Redis on a free port, SQLite in DATA_DIR seeded with
// the built seed CLI (the ICC programme, published). A moderator (programme organiser, so it
// moderates every event) gets an API bearer token written as AuthService.issue writes one. The
// room is the first public session of the seed that the live process admits.
//
// Three runs, each with fresh client workers (child_process.fork of live-client.mjs; the clients
// are split over `--workers` processes, each client on its own WebSocket with Origin = the hub's
// PUBLIC_BASE_URL, connected and joined `--concurrency` at a time per worker), every client
// joining the same room:
//   baseline  test/bench/live-baseline-server.mjs: node:http + socket.io, in-memory adapter.
//   hub       one built live process (dist/apps/live/src/main.js, LOG_LEVEL=warn) on Redis.
//   hub ×2    two fresh live processes on the same Redis and database; clients alternate
//             between them, the moderator sockets (so every broadcast) are on the first.
// In each run the moderator sockets (in this process; two at 10/s, each sending at most 5/s, well
// under the per-socket flood limit) join the room, ask a fresh question, and then emit
// `question:moderate` {action:'edit'} in turn, `--rate` per second in all, with
// `tick <k> @ <send time ms>` in the body.
// The server broadcasts `question` to the room; each client computes receive time − send time
// (same machine clock) and marks tick k as delivered. Ticks of the first `--warmup` seconds are
// not counted; the `--seconds` after them are. After the last tick the run waits up to `--drain`
// s for every expected delivery.
//
// `--client lite` (default) speaks the Socket.IO wire protocol over a bare `ws` WebSocket (open,
// namespace connect, join with ack, ping/pong; every packet still JSON-decoded); `--client
// socket.io` uses socket.io-client, whose own per-message cost on a 2-core machine competes with
// the server for CPU and inflates both sides' latency.
//
// Reported per run: join rate and connect+join time, server CPU per join as the room fills (a
// per-join cost that grows with the room shows here), Redis traffic per join and per broadcast
// (INFO stats), latency p50/p90/p99/max, deliveries, duplicates, disconnects, moderator ack
// times and the size of what the moderators' room gets. CPU: utime+stime of each server process
// (/proc/<pid>/stat), the client workers and Redis, from the first measured tick until every
// delivery arrived (or the drain ran out). `--profile DIR` runs the live processes with
// --cpu-prof and prints where their CPU time went.
//
// cpu_per_delivery_ratio = (hub live CPU / deliveries) / (baseline server CPU / deliveries), of
// the single-process run. delivered = deliveries / expected over both hub runs (expected =
// --clients × measured ticks: a client that failed to join misses them all). Goals are printed
// as met / NOT met; the exit code is 1 only when the bench itself failed.
// Last line of stdout: one JSON object.
import { execFileSync, fork, spawn } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { benchRun, captureOutput, waitExit } from './lib/bench-run.mjs';
import { io } from 'socket.io-client';
import {
  ensureDebianPackages,
  freePort,
  PACKAGES,
  startRedis,
  stopChild,
} from '../../scripts/lib/services.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLIENT = fileURLToPath(new URL('./live-client.mjs', import.meta.url));
const BASELINE = fileURLToPath(new URL('./live-baseline-server.mjs', import.meta.url));

const { values: opts } = parseArgs({
  options: {
    clients: { type: 'string', default: '5000' },
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    workers: { type: 'string', default: '4' },
    concurrency: { type: 'string', default: '25' },
    rate: { type: 'string', default: '10' },
    drain: { type: 'string', default: '5' },
    client: { type: 'string', default: 'lite' },
    'no-two': { type: 'boolean', default: false },
    profile: { type: 'string' },
    budget: { type: 'string' },
    // A copy of the build elsewhere (with node_modules and package.json beside it), for runs
    // while someone else rebuilds dist/.
    dist: { type: 'string' },
  },
});
const DIST = opts.dist ? resolve(opts.dist) : join(ROOT, 'dist');
const LIVE = join(DIST, 'apps/live/src/main.js');
const SEED = join(DIST, 'apps/api/src/cli/seed.js');
const dist = (path) => pathToFileURL(join(DIST, path)).href;
const integer = (name, min) => {
  const n = Number(opts[name]);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer >= ${min}`);
  return n;
};
const CLIENTS = integer('clients', 1);
const SECONDS = integer('seconds', 1);
const WARMUP = integer('warmup', 0);
const WORKERS = Math.min(integer('workers', 1), CLIENTS);
const CONCURRENCY = integer('concurrency', 1);
const RATE = integer('rate', 1);
const DRAIN_S = integer('drain', 1);
const TWO = !opts['no-two'];
const PROFILE = opts.profile ? resolve(opts.profile) : undefined;
const CLIENT_IMPL = opts.client;
if (CLIENT_IMPL !== 'lite' && CLIENT_IMPL !== 'socket.io')
  throw new Error('--client must be lite or socket.io');
const PUBLIC_BASE_URL = 'https://hub.bench.example.eu';
const ORIGIN = new URL(PUBLIC_BASE_URL).origin;
const MODERATOR = { email: 'bench-live-moderator@hub.bench.example.eu', name: 'Bench Moderator' };
// Each moderator socket at most 5 edits/s: well under the per-socket flood limit (10/s).
const DRIVERS = Math.max(2, Math.ceil(RATE / 5));
const WARMUP_TICKS = WARMUP * RATE;
const MEASURED_TICKS = SECONDS * RATE;
const FILLER =
  'How will the city lab measure the impact of the pilots on emissions and air quality?';
const BUDGET_MS =
  (opts.budget ? Number(opts.budget) : 180 + 3 * (60 + CLIENTS / 20 + WARMUP + SECONDS)) * 1000;

const out = (line) => process.stdout.write(`${line}\n`);
const note = (line) => process.stderr.write(`[bench] ${line}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.timeOrigin + performance.now();
const round1 = (n) => (n === null || n === undefined ? null : Math.round(n * 10) / 10);
const round3 = (n) => (n === null || n === undefined ? null : Math.round(n * 1000) / 1000);

// ---------------------------------------------------------------- processes and cleanup

const bench = benchRun('live', note);
const { cleanups, cleanup, fail } = bench;

// ---------------------------------------------------------------- CPU from /proc

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU ms (user + system) a process has used so far; undefined when it is gone. */
function cpuMsOf(pid) {
  if (pid === process.pid) {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/** Starts a meter over named groups of pids; calling it gives CPU ms of each group since. */
function cpuMeter(groups) {
  const read = () =>
    Object.fromEntries(
      Object.entries(groups).map(([name, pids]) => [
        name,
        pids.reduce((sum, pid) => sum + (cpuMsOf(pid) ?? NaN), 0),
      ]),
    );
  const before = read();
  const t0 = performance.now();
  return () => {
    const after = read();
    const cpu = Object.fromEntries(
      Object.keys(groups).map((name) => [name, after[name] - before[name]]),
    );
    return { cpu, wallMs: performance.now() - t0 };
  };
}

// ---------------------------------------------------------------- servers

async function startLive(env, name) {
  const port = await freePort();
  const profile = PROFILE
    ? [
        '--cpu-prof',
        `--cpu-prof-dir=${PROFILE}`,
        `--cpu-prof-name=${name.replace(/\W+/g, '-')}.cpuprofile`,
      ]
    : [];
  const child = spawn(process.execPath, [...profile, LIVE], {
    cwd: ROOT,
    env: { ...env, LIVE_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = captureOutput(child);
  cleanups.push(() => stopChild(child, 'SIGTERM', 10_000));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited during start:\n${output()}`);
    try {
      // Any answer (this one is refused: no Origin) means Socket.IO is listening.
      await fetch(`${url}/socket.io/?EIO=4&transport=polling`);
      return { name, url, child, output };
    } catch {
      await sleep(100);
    }
  }
  throw new Error(`${name} did not start:\n${output()}`);
}

async function startBaseline(env) {
  const child = spawn(process.execPath, [BASELINE], {
    cwd: ROOT,
    env: { ...env, PORT: '0', BENCH_AUTHOR_NAME: MODERATOR.name },
    stdio: ['ignore', 'pipe', 'pipe'],
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
  return { name: 'baseline', url: `http://127.0.0.1:${port}`, child, output };
}

function logged(live) {
  const text = live.output();
  const lines = text.split('\n').filter((l) => l.trim());
  if (text.length >= 8000) lines.shift(); // cut at the front
  if (!lines.length) return;
  const counts = new Map();
  for (const line of lines) {
    let key = line.slice(0, 200);
    try {
      const entry = JSON.parse(line);
      key = `${entry.level >= 50 ? 'error' : 'warn'}: ${String(entry.msg).split('\n')[0].slice(0, 160)}`;
    } catch {
      // not pino
    }
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  note(
    `${live.name} logged ${lines.length} lines (last 8000 characters kept), by message:\n  ` +
      [...counts].map(([k, n]) => `${n} × ${k}`).join('\n  '),
  );
}

/** Self time of a live process's V8 CPU profile by package and by function. */
function profileOf(name) {
  const file = join(PROFILE, `${name.replace(/\W+/g, '-')}.cpuprofile`);
  if (!existsSync(file)) {
    note(`no CPU profile at ${file}`);
    return null;
  }
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const counts = new Map();
  for (const id of profile.samples) counts.set(id, (counts.get(id) ?? 0) + 1);
  const dt = (profile.endTime - profile.startTime) / 1000 / Math.max(1, profile.samples.length);
  const self = new Map();
  const byPackage = new Map();
  let total = 0;
  for (const node of profile.nodes) {
    const n = counts.get(node.id) ?? 0;
    if (!n) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)' || functionName === '(program)') continue;
    const ms = n * dt;
    total += ms;
    const where = url
      .replace(/^file:\/\//, '')
      .replace(ROOT, '')
      .replace(`${resolve(DIST, '..')}/`, '');
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
      .map(([label, ms]) => ({ name: label, ms: Math.round(ms), share: ms / total }));
  return {
    name,
    file,
    totalMs: Math.round(total),
    packages: top(byPackage, 10),
    functions: top(self, 15),
  };
}

// ---------------------------------------------------------------- client workers

function startWorkers(count) {
  return Promise.all(
    Array.from({ length: count }, (_, i) => {
      const child = fork(CLIENT, [], {
        cwd: ROOT,
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        // Heap for its share of clients; socket.io-client is a few tens of KB per client.
        execArgv: ['--max-old-space-size=2048'],
      });
      cleanups.push(() => stopChild(child, 'SIGKILL', 2_000));
      const worker = { i, child, listeners: new Set() };
      child.on('message', (message) => {
        for (const listener of worker.listeners) listener(message);
      });
      worker.next = (type, timeoutMs = 30_000) =>
        new Promise((resolve, reject) => {
          const timer = setTimeout(() => {
            worker.listeners.delete(listener);
            reject(new Error(`client worker ${i}: no ${type} within ${timeoutMs} ms`));
          }, timeoutMs);
          const listener = (message) => {
            if (message.type === 'error') {
              clearTimeout(timer);
              worker.listeners.delete(listener);
              reject(new Error(`client worker ${i}: ${message.error}`));
            } else if (message.type === type) {
              clearTimeout(timer);
              worker.listeners.delete(listener);
              resolve(message);
            }
          };
          worker.listeners.add(listener);
        });
      worker.send = (message) => child.send(message);
      const ready = worker.next('ready');
      child.once('exit', (code, signal) => {
        if (!worker.closing && !bench.cleaning)
          void fail(new Error(`client worker ${i} exited (${signal ?? code})`));
      });
      return ready.then(() => worker);
    }),
  );
}

async function closeWorkers(workers) {
  for (const w of workers) {
    w.closing = true;
    w.send({ type: 'close' });
  }
  await Promise.all(workers.map((w) => waitExit(w.child, 10_000).catch(() => w.child.kill())));
}

// ---------------------------------------------------------------- moderator sockets

function connectDriver(url, headers) {
  return new Promise((resolve, reject) => {
    const socket = io(`${url}/live`, {
      forceNew: true,
      transports: ['websocket'],
      reconnection: false,
      extraHeaders: { origin: ORIGIN, ...headers },
    });
    const timer = setTimeout(() => reject(new Error(`moderator socket: no connect`)), 30_000);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      reject(new Error(`moderator socket: ${error.message}`));
    });
  });
}

const quantile = (sorted, p) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : null;

/** Sends ticks 1..total, `RATE` per second, alternating between the moderator sockets. */
async function drive(drivers, questionId, total, onMeasuredStart) {
  const acks = { ok: 0, refused: {}, lost: 0, ms: [] };
  const pending = [];
  const interval = 1000 / RATE;
  const t0 = now() + 100;
  for (let k = 1; k <= total; k++) {
    const wait = t0 + (k - 1) * interval - now();
    if (wait > 0) await sleep(wait);
    if (k === WARMUP_TICKS + 1) onMeasuredStart();
    const sentAt = now();
    const body = `tick ${k} @ ${sentAt.toFixed(3)} ${FILLER}`;
    pending.push(
      drivers[k % drivers.length]
        .timeout(10_000)
        .emitWithAck('question:moderate', { questionId, action: 'edit', body })
        .then(
          (ack) => {
            if (ack?.ok) {
              acks.ok++;
              acks.ms.push(now() - sentAt);
            } else {
              const code = ack?.error?.code ?? JSON.stringify(ack);
              acks.refused[code] = (acks.refused[code] ?? 0) + 1;
            }
          },
          () => acks.lost++,
        ),
    );
  }
  return { acks, settled: Promise.all(pending) };
}

// ---------------------------------------------------------------- one run

async function run({ label, urls, driverUrl, driverHeaders, sessionId, clientId, serverPids }) {
  const expectedClients = CLIENTS;
  out(
    `\n${label}: ${expectedClients} clients over ${WORKERS} worker processes -> ${urls.length} server(s)`,
  );
  const workers = await startWorkers(WORKERS);
  const extraPids = {
    workers: workers.map((w) => w.child.pid),
    redis: redisPid(),
    bench: [process.pid],
  };

  // ---- connect and join, in lanes of CONCURRENCY per worker
  const joinMeter = cpuMeter({ ...serverPids, ...extraPids });
  const joinRedis = await redisNetBytes();
  const progress = workers.map(() => ({ joined: 0, failed: 0 }));
  for (const w of workers)
    w.listeners.add((m) => {
      if (m.type === 'progress' || m.type === 'joined') progress[w.i] = m;
    });
  const share = (i) => Math.floor(CLIENTS / WORKERS) + (i < CLIENTS % WORKERS ? 1 : 0);
  const joinStarted = performance.now();
  // Server CPU per join as the room fills: a cost that grows with the room shows up here.
  const serverCpu = () =>
    Object.values(serverPids)
      .flat()
      .reduce((s, pid) => s + (cpuMsOf(pid) ?? NaN), 0);
  let last = { joined: 0, cpu: serverCpu() };
  const ticker = setInterval(() => {
    const joined = progress.reduce((s, p) => s + p.joined, 0);
    const failed = progress.reduce((s, p) => s + p.failed, 0);
    const cpu = serverCpu();
    const perJoin = joined > last.joined ? (cpu - last.cpu) / (joined - last.joined) : null;
    out(
      `  joining: ${joined} joined, ${failed} failed after ` +
        `${((performance.now() - joinStarted) / 1000).toFixed(1)} s; server CPU ` +
        `${perJoin === null ? '-' : perJoin.toFixed(2)} ms per join over the last ${joined - last.joined}`,
    );
    last = { joined, cpu };
  }, 5000);
  const joinTimeout = 60_000 + CLIENTS * 100;
  let reports;
  try {
    reports = await Promise.all(
      workers.map((w) => {
        const done = w.next('joined', joinTimeout);
        w.send({
          type: 'connect',
          urls: urls.map((u) => `${u}/live`),
          offset: w.i,
          origin: ORIGIN,
          sessionId,
          count: share(w.i),
          concurrency: CONCURRENCY,
          timeoutMs: 30_000,
          impl: CLIENT_IMPL,
        });
        return done;
      }),
    );
  } finally {
    clearInterval(ticker);
  }
  const joinSeconds = (performance.now() - joinStarted) / 1000;
  const joinCpu = joinMeter();
  const joinRedisAfter = await redisNetBytes();
  const joined = reports.reduce((s, r) => s + r.joined, 0);
  const failed = reports.reduce((s, r) => s + r.failed, 0);
  const errors = {};
  for (const r of reports)
    for (const [e, n] of Object.entries(r.errors)) errors[e] = (errors[e] ?? 0) + n;
  out(
    `  joined ${joined}/${expectedClients} in ${joinSeconds.toFixed(1)} s ` +
      `(${Math.round(joined / joinSeconds)} joins/s; connect+join per client p50 ` +
      `${Math.max(...reports.map((r) => r.joinMs.p50))} ms, p99 ${Math.max(...reports.map((r) => r.joinMs.p99))} ms, ` +
      `max ${Math.max(...reports.map((r) => r.joinMs.max))} ms); CPU during joins: ${describeCpu(joinCpu.cpu)}; ` +
      describeRedis(joinRedis, joinRedisAfter, joined, 'join'),
  );
  if (failed) note(`${label}: ${failed} clients failed to join: ${JSON.stringify(errors)}`);
  if (joined === 0) throw new Error(`${label}: no client joined (${JSON.stringify(errors)})`);

  // ---- moderator sockets, the question
  const drivers = [];
  for (let d = 0; d < DRIVERS; d++) drivers.push(await connectDriver(driverUrl, driverHeaders));
  // What the moderators' own room gets per edit (the hub sends them a fuller view than the room).
  const moderatorView = { count: 0, firstBytes: 0, lastBytes: 0 };
  drivers[0].on('question:moderator', (q) => {
    const bytes = Buffer.byteLength(JSON.stringify(q));
    if (!moderatorView.count++) moderatorView.firstBytes = bytes;
    moderatorView.lastBytes = bytes;
  });
  for (const socket of drivers) {
    const ack = await socket.timeout(30_000).emitWithAck('join', { sessionId });
    if (!ack?.ok) throw new Error(`${label}: moderator join refused: ${JSON.stringify(ack)}`);
  }
  const asked = await drivers[0]
    .timeout(30_000)
    .emitWithAck('question:ask', { sessionId, body: `Bench question ${FILLER}`, clientId })
    .catch(() => {
      throw new Error(`${label}: no answer to question:ask (does the gateway handle it?)`);
    });
  if (!asked?.ok) throw new Error(`${label}: question:ask refused: ${JSON.stringify(asked)}`);
  const questionId = asked.question.id;
  // Presence announcements of the join storm settle first.
  await sleep(1000);

  // ---- ticks
  const from = WARMUP_TICKS + 1;
  const to = WARMUP_TICKS + MEASURED_TICKS;
  for (const w of workers) w.send({ type: 'measure', from, to });
  // A client that could not join misses every tick: expected counts every client asked for.
  const expected = CLIENTS * MEASURED_TICKS;
  let meter;
  let tickRedis = null;
  out(
    `  broadcasting: ${RATE}/s from ${DRIVERS} moderator sockets, ${WARMUP} s warm-up then ` +
      `${SECONDS} s measured (${MEASURED_TICKS} ticks × ${CLIENTS} clients = ${expected} deliveries expected` +
      `${joined < CLIENTS ? `; only ${joined} joined, so at most ${joined * MEASURED_TICKS} can arrive` : ''})`,
  );
  const driving = await drive(drivers, questionId, to, () => {
    meter = cpuMeter({ ...serverPids, ...extraPids });
    void redisNetBytes().then((r) => (tickRedis = r));
  });
  const lastSent = performance.now();
  let delivered = 0;
  const reachable = joined * MEASURED_TICKS;
  while (performance.now() - lastSent < DRAIN_S * 1000) {
    const statuses = await Promise.all(
      workers.map((w) => {
        const s = w.next('status', 10_000);
        w.send({ type: 'status' });
        return s;
      }),
    );
    delivered = statuses.reduce((s, m) => s + m.delivered, 0);
    if (delivered >= reachable) break;
    await sleep(100);
  }
  const { cpu, wallMs } = meter();
  const tickRedisAfter = await redisNetBytes();
  await driving.settled;
  const drainMs = performance.now() - lastSent;

  // ---- results
  const results = await Promise.all(
    workers.map((w) => {
      const r = w.next('report', 30_000);
      w.send({ type: 'report' });
      return r;
    }),
  );
  const histogram = new Map();
  let total = 0;
  for (const r of results)
    for (const [bucket, n] of r.histogram) {
      histogram.set(bucket, (histogram.get(bucket) ?? 0) + n);
      total += n;
    }
  const bucketMs = results[0].bucketMs;
  const buckets = [...histogram.keys()].sort((a, b) => a - b);
  const pct = (p) => {
    if (!total) return null;
    const rank = Math.ceil(p * total);
    let seen = 0;
    for (const b of buckets) {
      seen += histogram.get(b);
      if (seen >= rank) return b * bucketMs;
    }
    return buckets.at(-1) * bucketMs;
  };
  delivered = results.reduce((s, r) => s + r.delivered, 0);
  const duplicates = results.reduce((s, r) => s + r.duplicates, 0);
  const disconnects = {};
  for (const r of results)
    for (const [e, n] of Object.entries(r.disconnects)) disconnects[e] = (disconnects[e] ?? 0) + n;
  const stillConnected = results.reduce((s, r) => s + r.connected, 0);
  const ackMs = driving.acks.ms.sort((a, b) => a - b);
  const summary = {
    label,
    joined,
    failed,
    joinSeconds,
    expected,
    delivered,
    duplicates,
    p50: pct(0.5),
    p90: pct(0.9),
    p99: pct(0.99),
    max: Math.max(...results.map((r) => r.maxLatency)),
    cpu,
    wallMs,
    drainMs,
    acks: driving.acks,
    ackP50: quantile(ackMs, 0.5),
    ackP99: quantile(ackMs, 0.99),
    payloadBytes: results.find((r) => r.sampleBytes)?.sampleBytes ?? null,
    payloadKeys: results.find((r) => r.sampleKeys)?.sampleKeys ?? '',
  };
  out(
    `  delivered ${delivered}/${expected} (${((100 * delivered) / expected).toFixed(3)} %), ` +
      `${duplicates} duplicates, ${stillConnected} clients still connected` +
      `${Object.keys(disconnects).length ? `, disconnects ${JSON.stringify(disconnects)}` : ''}; ` +
      `latency p50 ${round1(summary.p50)} ms, p90 ${round1(summary.p90)} ms, p99 ${round1(summary.p99)} ms, ` +
      `max ${round1(summary.max)} ms; payload ${summary.payloadBytes} B`,
  );
  out(
    `  moderator acks: ${driving.acks.ok} ok, refused ${JSON.stringify(driving.acks.refused)}, ` +
      `${driving.acks.lost} unanswered; ack p50 ${round1(summary.ackP50)} ms, p99 ${round1(summary.ackP99)} ms` +
      (moderatorView.count
        ? `; the moderators' room got ${moderatorView.count} question:moderator events, ` +
          `${moderatorView.firstBytes} B first, ${moderatorView.lastBytes} B last`
        : ''),
  );
  out(
    `  CPU over ${(wallMs / 1000).toFixed(1)} s (measured ticks + ${(drainMs / 1000).toFixed(1)} s drain): ` +
      `${describeCpu(cpu)}; per 1000 deliveries: ` +
      Object.entries(cpu)
        .map(([name, ms]) => `${name} ${round1((1000 * ms) / Math.max(1, delivered))} ms`)
        .join(', ') +
      `; ${describeRedis(tickRedis, tickRedisAfter, MEASURED_TICKS, 'broadcast')}`,
  );

  for (const socket of drivers) socket.disconnect();
  await closeWorkers(workers);
  await sleep(1000); // let the servers see the disconnects
  return summary;
}

function describeCpu(cpu) {
  return Object.entries(cpu)
    .map(([name, ms]) => `${name} ${Math.round(ms)} ms`)
    .join(', ');
}

let redisChild;
let redisPort;
const redisPid = () => (redisChild ? [redisChild.pid] : []);

/** Redis's network byte counters (INFO stats), for what the adapter moves through it. */
function redisNetBytes() {
  return new Promise((resolve) => {
    if (!redisPort) return resolve(null);
    const socket = connect({ port: redisPort, host: '127.0.0.1' });
    let data = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(null);
    }, 5000);
    socket.once('connect', () => socket.write('INFO stats\r\n'));
    socket.on('data', (chunk) => {
      data += chunk.toString();
      const header = /^\$(\d+)\r\n/.exec(data);
      if (!header || data.length < header[0].length + Number(header[1])) return;
      clearTimeout(timer);
      socket.destroy();
      const field = (name) => Number(new RegExp(`${name}:(\\d+)`).exec(data)?.[1] ?? NaN);
      resolve({ in: field('total_net_input_bytes'), out: field('total_net_output_bytes') });
    });
    socket.once('error', () => {
      clearTimeout(timer);
      resolve(null);
    });
  });
}

const mb = (bytes) => (bytes / 1_048_576).toFixed(1);
function describeRedis(before, after, per, perName) {
  if (!before || !after) return 'Redis traffic unknown';
  const total = after.in - before.in + (after.out - before.out);
  return (
    `Redis traffic ${mb(after.in - before.in)} MB in, ${mb(after.out - before.out)} MB out` +
    (per ? ` (${Math.round(total / per / 1024)} KB per ${perName})` : '')
  );
}

// ---------------------------------------------------------------- main

async function main() {
  for (const file of [LIVE, SEED, join(DIST, 'libs/persistence/src/index.js')]) {
    if (!existsSync(file)) throw new Error(`${file} missing: run \`npm run build:server\` first`);
  }
  const started = performance.now();
  const tmp = mkdtempSync(join(tmpdir(), 'icc-bench-live-'));
  chmodSync(tmp, 0o755);
  cleanups.push(() => rmSync(tmp, { recursive: true, force: true }));
  if (PROFILE) mkdirSync(PROFILE, { recursive: true });

  ensureDebianPackages([PACKAGES.redis], { why: 'the live benchmark' });
  const redis = await startRedis({ dir: join(tmp, 'redis'), port: await freePort() });
  redisChild = redis.child;
  redisPort = redis.port;
  cleanups.push(() => redis.stop());

  const env = { ...process.env };
  delete env.DATABASE_URL; // SQLite in DATA_DIR
  Object.assign(env, {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATA_DIR: join(tmp, 'data'),
    REDIS_URL: redis.url,
    PUBLIC_BASE_URL,
  });
  const seed = spawn(process.execPath, [SEED], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cleanups.push(() => stopChild(seed));
  const seedOutput = captureOutput(seed);
  if ((await waitExit(seed, 120_000)) !== 0) throw new Error(`seed failed:\n${seedOutput()}`);
  note(seedOutput().trim().split('\n').slice(-3).join('\n'));

  // The moderator and its token, written as the hub writes them; the public sessions to try.
  delete process.env.DATABASE_URL;
  for (const name of ['DATA_DIR', 'REDIS_URL', 'PUBLIC_BASE_URL', 'NODE_ENV'])
    process.env[name] = env[name];
  const { parseConfig } = await import(dist('libs/config/src/index.js'));
  const persistence = await import(dist('libs/persistence/src/index.js'));
  const dataSource = await persistence.openDataSource(
    persistence.dataSourceOptions(parseConfig(env)),
  );
  const secret = randomBytes(32).toString('base64url');
  let candidates;
  try {
    await dataSource.transaction(async (manager) => {
      const account = await persistence.findOrCreateAccount(manager, MODERATOR.email, {
        name: MODERATOR.name,
      });
      await persistence.grantRole(manager, {
        actorId: null,
        accountId: account.id,
        eventId: null,
        role: 'organiser',
      });
      await manager.getRepository(persistence.AuthSessionEntity).save({
        accountId: account.id,
        kind: 'api',
        label: 'bench live',
        secretHash: createHash('sha256').update(secret, 'utf8').digest('hex'),
        csrfToken: randomBytes(32).toString('base64url'),
        expiresAt: new Date(Date.now() + 86_400_000),
      });
    });
    const events = await dataSource.getRepository(persistence.EventEntity).find();
    const sessions = await dataSource
      .getRepository(persistence.SessionEntity)
      .find({ where: { audience: 'public' } });
    const slugOf = new Map(events.map((e) => [e.id, e.slug]));
    // The ICC city lab first (the one the live e2e test uses), then any other public session.
    candidates = sessions
      .map((s) => ({ id: s.id, title: s.title, slug: slugOf.get(s.eventId) ?? '' }))
      .sort((a, b) => Number(b.slug.includes('city-lab')) - Number(a.slug.includes('city-lab')));
  } finally {
    await dataSource.destroy();
  }
  if (!candidates.length) throw new Error('the seed has no public session');
  const bearer = { authorization: `Bearer ${secret}` };

  out(
    `live benchmark ${new Date().toISOString()}: node ${process.version}, ${availableParallelism()} ` +
      `cores (${cpus()[0]?.model.trim()}), load average ${loadavg()
        .map((n) => n.toFixed(2))
        .join(
          ' ',
        )}; ${CLIENTS} clients, ${RATE} broadcasts/s, ${WARMUP} s warm-up + ${SECONDS} s ` +
      `measured per run; ${WORKERS} client worker processes`,
  );

  // ---- baseline
  const baseline = await startBaseline(env);
  const baselineSession = candidates[0];
  const baseRun = await run({
    label: 'baseline (node:http + socket.io, in-memory adapter)',
    urls: [baseline.url],
    driverUrl: baseline.url,
    driverHeaders: {},
    sessionId: baselineSession.id,
    clientId: randomUUID(),
    serverPids: { server: [baseline.child.pid] },
  });
  await stopChild(baseline.child, 'SIGTERM', 5_000);

  // ---- hub, one live process
  const liveA = await startLive(env, 'live A');
  const profiles = [];
  const watch = (live) =>
    live.child.once('exit', (code, signal) => {
      if (!live.stopping && !bench.cleaning)
        void fail(
          new Error(`${live.name} exited during the run (${signal ?? code})\n${live.output()}`),
        );
    });
  watch(liveA);
  // A public session of the published programme: the first the live process admits.
  let session;
  {
    const probe = await connectDriver(liveA.url, bearer);
    for (const candidate of candidates) {
      const ack = await probe.timeout(30_000).emitWithAck('join', { sessionId: candidate.id });
      if (ack?.ok) {
        session = candidate;
        break;
      }
    }
    probe.disconnect();
  }
  if (!session) throw new Error('the live process admits no public session of the seed');
  note(`room: session ${session.id} "${session.title}" of ${session.slug}`);
  const hubRun = await run({
    label: 'hub (one live process, Redis streams adapter)',
    urls: [liveA.url],
    driverUrl: liveA.url,
    driverHeaders: bearer,
    sessionId: session.id,
    // A fresh question per run: the hub keeps every edit, and its moderator view carries them all.
    clientId: randomUUID(),
    serverPids: { server: [liveA.child.pid] },
  });

  // ---- hub, two live processes (fresh ones: nothing left over from the single run)
  const stopLive = async (live) => {
    live.stopping = true;
    await stopChild(live.child, 'SIGTERM', 15_000);
    logged(live);
    if (PROFILE) profiles.push(profileOf(live.name));
  };
  await stopLive(liveA);
  let twoRun = null;
  if (TWO) {
    const [a, b] = [await startLive(env, 'live A2'), await startLive(env, 'live B2')];
    watch(a);
    watch(b);
    await sleep(2000); // the adapters see each other's heartbeat
    twoRun = await run({
      label: 'hub ×2 (two live processes on one Redis; broadcasts from live A2)',
      urls: [a.url, b.url],
      driverUrl: a.url,
      driverHeaders: bearer,
      sessionId: session.id,
      clientId: randomUUID(),
      serverPids: { liveA: [a.child.pid], liveB: [b.child.pid] },
    });
    await Promise.all([stopLive(a), stopLive(b)]);
  }
  for (const p of profiles.filter(Boolean)) {
    out(
      `\n${p.name} CPU profile ${p.file}: ${p.totalMs} ms of samples (not idle); self time by package:`,
    );
    for (const x of p.packages) out(`    ${(x.share * 100).toFixed(1).padStart(5)} %  ${x.name}`);
    out('  self time by function:');
    for (const x of p.functions) out(`    ${(x.share * 100).toFixed(1).padStart(5)} %  ${x.name}`);
  }
  const cpuPerDelivery = (r, names) =>
    names.reduce((s, n) => s + r.cpu[n], 0) / Math.max(1, r.delivered);
  const ratio = cpuPerDelivery(hubRun, ['server']) / cpuPerDelivery(baseRun, ['server']);
  const hubRuns = [hubRun, ...(twoRun ? [twoRun] : [])];
  const deliveredFraction =
    hubRuns.reduce((s, r) => s + r.delivered, 0) / hubRuns.reduce((s, r) => s + r.expected, 0);
  out(
    `\nsummary: p99 hub ${round1(hubRun.p99)} ms, baseline ${round1(baseRun.p99)} ms` +
      (twoRun
        ? `, hub ×2 ${round1(twoRun.p99)} ms (${round3(twoRun.p99 / hubRun.p99)}× single)`
        : '') +
      `; CPU ms per 1000 deliveries: hub ${round1(1000 * cpuPerDelivery(hubRun, ['server']))}, ` +
      `baseline ${round1(1000 * cpuPerDelivery(baseRun, ['server']))}` +
      (twoRun
        ? `, hub ×2 live A + B ${round1(1000 * cpuPerDelivery(twoRun, ['liveA', 'liveB']))}`
        : '') +
      ` (ratio ${round3(ratio)}); delivered ${(100 * deliveredFraction).toFixed(4)} % over the hub runs` +
      `; baseline delivered ${baseRun.delivered}/${baseRun.expected}`,
  );
  const goals = [
    ['every message delivered', deliveredFraction === 1],
    ['p99 <= 250 ms', hubRun.p99 !== null && hubRun.p99 <= 250],
    ['CPU ratio <= 1.3', ratio <= 1.3],
    ...(twoRun
      ? [['two-instance p99 <= 1.6× single', twoRun.p99 !== null && twoRun.p99 <= 1.6 * hubRun.p99]]
      : []),
  ];
  out(`goals: ${goals.map(([name, ok]) => `${name}: ${ok ? 'met' : 'NOT met'}`).join('; ')}`);
  out(
    `took ${Math.round((performance.now() - started) / 1000)} s, load average ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}`,
  );

  await cleanup();
  out(
    JSON.stringify({
      bench: 'live',
      clients: CLIENTS,
      p99_ms: round1(hubRun.p99),
      baseline_p99_ms: round1(baseRun.p99),
      cpu_per_delivery_ratio: round3(ratio),
      delivered: Math.floor(deliveredFraction * 1e6) / 1e6,
      two_instance_p99_ms: twoRun ? round1(twoRun.p99) : null,
    }),
  );
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
