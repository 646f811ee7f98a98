// `npm start`: the whole hub on the embedded default. Installs what is missing, builds, starts a
// local Redis (unless REDIS_URL is set), migrates and seeds the ICC programme, then runs the api
// (which serves the web app), the live process and a worker until Ctrl-C.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import {
  ensureDebianPackages,
  freePort,
  isPortFree,
  log,
  PACKAGES,
  startRedis,
  stopChild,
  waitFor,
} from './lib/services.mjs';
import { ensureDependencies, npmRun, root } from './lib/setup.mjs';

const port = process.env.PORT ?? '3000';
const livePort = process.env.LIVE_PORT ?? '3001';
const dataDir = resolve(root, process.env.DATA_DIR ?? 'data');
const children = [];
// Stopped after the hub's processes, so that those can finish their work and close cleanly.
const services = [];
let stopping = false;

function runNode(name, file, env, list = children) {
  const child = spawn(process.execPath, [file], {
    cwd: root,
    env,
    stdio: 'inherit',
    // Ctrl-C reaches this script only, which stops the hub's processes, then the services.
    detached: true,
  });
  child.once('exit', (code, signal) => {
    if (!stopping) {
      log(`${name} stopped unexpectedly (${signal ?? `exit ${code}`}); shutting the hub down`);
      void shutdown(1);
    }
  });
  list.push(child);
  return child;
}

/** The usual port when it is free, another free one otherwise. */
async function portOr(preferred) {
  return (await isPortFree(preferred)) ? preferred : freePort();
}

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  log('stopping…');
  await Promise.all(children.map((child) => stopChild(child)));
  await Promise.all(services.map((child) => stopChild(child)));
  process.exit(code);
}

async function main() {
  ensureDependencies();
  log('building server and web app');
  npmRun('build', { quiet: true });

  const env = { ...process.env, PORT: port, LIVE_PORT: livePort, DATA_DIR: dataDir };
  if (!env.REDIS_URL) {
    ensureDebianPackages([PACKAGES.redis], {
      why: 'queues and live rooms (or set REDIS_URL to a running Redis)',
    });
    const redis = await startRedis({
      dir: resolve(dataDir, 'redis'),
      port: await freePort(),
      detached: true,
    });
    services.push(redis.child);
    env.REDIS_URL = redis.url;
    log(`started redis-server at ${redis.url} (AOF in ${resolve(dataDir, 'redis')})`);
  }

  let mailUi;
  if (!env.SMTP_URL) {
    // The embedded default sends real SMTP to a local capture server, readable in a browser.
    env.MAIL_CAPTURE_SMTP_PORT ??= String(await portOr(1025));
    env.MAIL_CAPTURE_HTTP_PORT ??= String(await portOr(8025));
    runNode('mail capture', 'dist/apps/mail-capture/src/main.js', env, services);
    env.SMTP_URL = `smtp://127.0.0.1:${env.MAIL_CAPTURE_SMTP_PORT}`;
    mailUi = `http://127.0.0.1:${env.MAIL_CAPTURE_HTTP_PORT}`;
    await waitFor(
      async () => {
        try {
          return (await fetch(`${mailUi}/api/messages/count`)).ok;
        } catch {
          return false;
        }
      },
      { timeoutMs: 30_000, what: 'the mail capture server' },
    );
  }

  const seed = spawn(process.execPath, ['dist/apps/api/src/cli/seed.js'], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  const seedCode = await new Promise((r) => seed.once('exit', r));
  if (seedCode !== 0) throw new Error('migrating or seeding the database failed (see above)');

  runNode('api', 'dist/apps/api/src/main.js', env);
  runNode('live', 'dist/apps/live/src/main.js', env);
  runNode('worker', 'dist/apps/worker/src/main.js', env);

  const base = env.PUBLIC_BASE_URL ?? `http://localhost:${port}`;
  await waitFor(
    async () => {
      try {
        return (await fetch(`http://127.0.0.1:${port}/health`)).ok;
      } catch {
        return false;
      }
    },
    { timeoutMs: 60_000, what: 'the api' },
  );
  process.stdout.write(
    `\n  ICC Hub is running: ${base}\n` +
      `  API docs:           ${base}/api/docs\n` +
      `  Live (Socket.IO):   port ${livePort}, namespace /live\n` +
      (mailUi ? `  Mail sent by hub:   ${mailUi} (this machine only)\n` : '') +
      `  Database:           ${env.DATABASE_URL ? 'PostgreSQL' : `SQLite in ${dataDir}`}\n` +
      `  Stop with Ctrl-C.\n\n`,
  );
}

// Detached children do not get the terminal's signals: never leave one behind.
process.on('exit', () => {
  for (const child of [...children, ...services]) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
});
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
process.on('SIGHUP', () => void shutdown(0));
main().catch((error) => {
  process.stderr.write(`npm start: ${error instanceof Error ? error.message : String(error)}\n`);
  void shutdown(1);
});
