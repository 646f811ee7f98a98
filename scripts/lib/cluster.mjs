// The hub in its production shape on one machine: PostgreSQL, Redis, several api, live and worker
// processes, and nginx in front. Used by `npm run cluster`, the soak benchmark and the ops tests.
// Needs the built server (dist/) and, for the browser app, apps/web/dist. Node built-ins only.
import { spawn } from 'node:child_process';
import { chmodSync, createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { nginxConfig } from './nginx-config.mjs';
import { freePort, startPostgres, startRedis, stopChild, waitFor } from './services.mjs';
import { root } from './setup.mjs';

export const BUILT = {
  api: 'dist/apps/api/src/main.js',
  live: 'dist/apps/live/src/main.js',
  worker: 'dist/apps/worker/src/main.js',
  seed: 'dist/apps/api/src/cli/seed.js',
  mailCapture: 'dist/apps/mail-capture/src/main.js',
};

async function answers(url) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

/** Where a hub process on `port` says it is ready (every kind serves the same probe). */
function readyUrl(port) {
  return `http://127.0.0.1:${port}/health/ready`;
}

/**
 * Starts the cluster. Every option is optional:
 * - databaseUrl / redisUrl / smtpUrl: use these instead of starting PostgreSQL, Redis, mail capture;
 * - instances: processes of each kind (2);
 * - proxyPort: where nginx listens (a free port);
 * - dir: working directory for logs, the stores' data and nginx (required);
 * - logs: 'inherit' to show every process's output here, else each writes dir/logs/<name>.log;
 * - env: extra environment for the hub processes.
 */
export async function startCluster({
  dir,
  databaseUrl,
  redisUrl,
  smtpUrl,
  instances = 2,
  proxyPort,
  logs = 'files',
  env: extraEnv = {},
}) {
  mkdirSync(join(dir, 'logs'), { recursive: true });
  // nginx's worker processes run as an unprivileged user and must reach their temporary files.
  chmodSync(dir, 0o755);
  const stops = [];
  const cluster = { dir, processes: [], stores: {}, stop: () => stopAll() };

  async function stopAll() {
    await Promise.all(cluster.processes.map((p) => p.stop()));
    for (const stop of stops.reverse()) await stop();
  }

  try {
    if (!databaseUrl) {
      const postgres = await startPostgres({
        dir: join(dir, 'postgres'),
        port: await freePort(),
        durable: true,
      });
      stops.push(() => postgres.stop());
      databaseUrl = postgres.createDatabase('icc_hub');
      cluster.stores.postgres = postgres;
    }
    if (!redisUrl) {
      const redisDir = join(dir, 'redis');
      const port = await freePort();
      let redis = await startRedis({ dir: redisDir, port });
      cluster.stores.redis = {
        port,
        url: redis.url,
        /** Stops Redis (it writes its append-only file) and starts it again on the same port. */
        async restart() {
          await redis.stop();
          redis = await startRedis({ dir: redisDir, port });
        },
        stop: () => redis.stop(),
      };
      stops.push(() => redis.stop());
      redisUrl = redis.url;
    }
    proxyPort ??= await freePort();
    const publicBaseUrl = `http://127.0.0.1:${proxyPort}`;
    const base = {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      DATA_DIR: join(dir, 'data'),
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      PUBLIC_BASE_URL: publicBaseUrl,
      // Browsers reach the live processes through the proxy, on the same origin.
      LIVE_PUBLIC_URL: publicBaseUrl,
      TRUST_PROXY: 'true',
      LOG_LEVEL: 'info',
      ...extraEnv,
    };
    if (!smtpUrl) {
      const smtpPort = await freePort();
      const httpPort = await freePort();
      const capture = startProcess('mail-capture', BUILT.mailCapture, {
        ...base,
        MAIL_CAPTURE_SMTP_PORT: String(smtpPort),
        MAIL_CAPTURE_HTTP_PORT: String(httpPort),
      });
      stops.push(() => capture.stop());
      await waitFor(() => answers(`http://127.0.0.1:${httpPort}/api/messages/count`), {
        timeoutMs: 30_000,
        what: 'the mail capture server',
      });
      smtpUrl = `smtp://127.0.0.1:${smtpPort}`;
      cluster.mailUi = `http://127.0.0.1:${httpPort}`;
    }
    base.SMTP_URL = smtpUrl;
    cluster.env = base;

    const seed = await runToEnd('seed', BUILT.seed, base);
    if (seed !== 0) throw new Error(`migrating or seeding failed (see ${dir}/logs/seed.log)`);

    for (let i = 1; i <= instances; i += 1) {
      const ports = { api: await freePort(), live: await freePort(), worker: await freePort() };
      cluster.processes.push(
        hubProcess('api', i, BUILT.api, { ...base, PORT: String(ports.api) }, ports.api),
        hubProcess('live', i, BUILT.live, { ...base, LIVE_PORT: String(ports.live) }, ports.live),
        hubProcess(
          'worker',
          i,
          BUILT.worker,
          { ...base, WORKER_PORT: String(ports.worker) },
          ports.worker,
        ),
      );
    }
    await Promise.all(cluster.processes.map((p) => p.ready()));

    const proxyDir = join(dir, 'nginx');
    mkdirSync(proxyDir, { recursive: true });
    chmodSync(proxyDir, 0o755);
    const confFile = join(proxyDir, 'nginx.conf');
    const addresses = (kind) =>
      cluster.processes.filter((p) => p.kind === kind).map((p) => `127.0.0.1:${p.port}`);
    writeFileSync(
      confFile,
      nginxConfig({
        listen: proxyPort,
        api: addresses('api'),
        live: addresses('live'),
        prefix: proxyDir,
        workerProcesses: '1',
      }),
    );
    const proxy = startProcess('nginx', '/usr/sbin/nginx', {}, ['-p', proxyDir, '-c', confFile], {
      direct: true,
    });
    stops.push(() => proxy.stop());
    await waitFor(() => answers(`${publicBaseUrl}/health/live`), {
      timeoutMs: 30_000,
      what: 'nginx in front of the api',
    });
    cluster.url = publicBaseUrl;
    cluster.proxy = proxy;
    cluster.of = (kind) => cluster.processes.filter((p) => p.kind === kind);
    return cluster;
  } catch (error) {
    await stopAll();
    throw error;
  }

  /** A child process whose output goes to dir/logs/<name>.log (or here, with logs: 'inherit'). */
  function startProcess(name, file, env, args = [], { direct = false } = {}) {
    const command = direct ? file : process.execPath;
    const argv = direct ? args : [file, ...args];
    const child = spawn(command, argv, {
      cwd: root,
      env,
      stdio: logs === 'inherit' ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe'],
    });
    if (logs !== 'inherit') {
      const out = createWriteStream(join(dir, 'logs', `${name}.log`), { flags: 'a' });
      child.stdout.pipe(out, { end: false });
      child.stderr.pipe(out, { end: false });
    }
    return { child, stop: (signal) => stopChild(child, signal) };
  }

  function runToEnd(name, file, env) {
    const { child } = startProcess(name, file, env);
    return new Promise((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
  }

  /** One hub process that can be killed and started again on the same port. */
  function hubProcess(kind, index, file, env, port) {
    const name = `${kind}-${index}`;
    let current = startProcess(name, file, env);
    const handle = {
      kind,
      index,
      name,
      port,
      url: `http://127.0.0.1:${port}`,
      get pid() {
        return current.child.pid;
      },
      get alive() {
        return current.child.exitCode === null && current.child.signalCode === null;
      },
      ready: () =>
        waitFor(
          async () => {
            if (!handle.alive) throw new Error(`${name} exited during start (see its log)`);
            return answers(readyUrl(port));
          },
          { timeoutMs: 60_000, what: name },
        ),
      /** SIGKILL: no drain, no goodbye; what it held in flight is cut off. */
      async kill() {
        const exited = new Promise((resolve) => current.child.once('exit', resolve));
        current.child.kill('SIGKILL');
        await exited;
      },
      async start() {
        current = startProcess(name, file, env);
        await handle.ready();
      },
      stop: (signal) => current.stop(signal),
      /** Called when the running child exits (not for children started later). */
      onExit: (listener) => current.child.once('exit', listener),
    };
    return handle;
  }
}
