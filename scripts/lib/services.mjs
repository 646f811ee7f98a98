// Starts the real services the hub needs (Redis, PostgreSQL) as child processes on loopback.
// Used by `npm start`, `npm test` and the benchmarks; Node built-ins only, so it runs before `npm ci`.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

export function log(message) {
  process.stderr.write(`[icc-hub] ${message}\n`);
}

function commandExists(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/** Installs Debian packages that are missing, where we may; otherwise explains how to get them. */
export function ensureDebianPackages(wanted, { why }) {
  const missing = wanted.filter(({ check }) => !check());
  if (missing.length === 0) return;
  const names = missing.map((m) => m.pkg);
  if (!isRoot || !commandExists('apt-get') || process.env.ICC_NO_INSTALL === '1') {
    throw new Error(
      `${names.join(', ')} needed for ${why} but not installed: run \`sudo apt-get install ${names.join(' ')}\` ` +
        `(Debian/Ubuntu) or set the corresponding URL to a running server`,
    );
  }
  log(`installing ${names.join(', ')} with apt-get (for ${why})`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...names], {
    stdio: 'inherit',
    env,
  });
}

export const PACKAGES = {
  redis: { pkg: 'redis-server', check: () => commandExists('redis-server') },
  postgres: { pkg: 'postgresql', check: () => postgresBinDir() !== undefined },
  chromium: { pkg: 'chromium', check: () => existsSync('/usr/bin/chromium') },
  nginx: { pkg: 'nginx', check: () => existsSync('/usr/sbin/nginx') },
};

export function postgresBinDir() {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0], 'bin') : undefined;
}

/** A free TCP port on loopback. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export function isPortFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function canConnect(port) {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function waitFor(check, { timeoutMs, what }) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not become ready within ${timeoutMs} ms`);
}

function redisPing(port) {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    let data = '';
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      data += chunk.toString();
      if (data.includes('\r\n')) {
        socket.destroy();
        resolve(data.startsWith('+PONG'));
      }
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * redis-server on loopback with AOF on, data in `dir`. Resolves once it answers PING. `detached`
 * puts it in its own process group, so that a terminal's Ctrl-C does not stop it before the
 * processes that use it have closed (the caller stops it last).
 */
export async function startRedis({ dir, port, quiet = true, detached = false }) {
  mkdirSync(dir, { recursive: true });
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--appendonly',
    'yes',
    '--appendfsync',
    'everysec',
    '--save',
    '',
    '--maxmemory-policy',
    'noeviction',
    '--protected-mode',
    'yes',
  ];
  const child = spawn('redis-server', args, { stdio: quiet ? 'ignore' : 'inherit', detached });
  let exited = false;
  child.once('exit', () => (exited = true));
  await waitFor(async () => !exited && (await redisPing(port)), {
    timeoutMs: 15_000,
    what: 'redis-server',
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    child,
    stop: () => stopChild(child),
  };
}

/**
 * A throwaway PostgreSQL cluster in `dir` on loopback, trust auth, tuned for tests (no fsync).
 * As root it runs as the `postgres` system user, which PostgreSQL requires.
 */
export async function startPostgres({ dir, port, durable = false }) {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL is not installed');
  const asPostgres = isRoot ? ['runuser', '-u', 'postgres', '--'] : [];
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  if (isRoot) {
    const { uid, gid } = postgresIds();
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  const run = (cmd, args) => {
    const full = [...asPostgres, join(bin, cmd), ...args];
    execFileSync(full[0], full.slice(1), { stdio: ['ignore', 'ignore', 'inherit'] });
  };
  run('initdb', ['-D', dir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-locale']);
  const settings = [
    '-c',
    'listen_addresses=127.0.0.1',
    '-p',
    String(port),
    '-k',
    dir,
    '-c',
    'max_connections=300',
    ...(durable
      ? []
      : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
  ];
  const full = [...asPostgres, join(bin, 'postgres'), '-D', dir, ...settings];
  const child = spawn(full[0], full.slice(1), { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c) => (stderr = (stderr + c.toString()).slice(-4000)));
  let exited = false;
  child.once('exit', () => (exited = true));
  await waitFor(
    async () => {
      if (exited) throw new Error(`postgres exited during start: ${stderr}`);
      return (await canConnect(port)) && pgReady(bin, port);
    },
    { timeoutMs: 30_000, what: 'postgres' },
  );
  const psql = (sql, db = 'postgres') =>
    execFileSync(
      join(bin, 'psql'),
      [
        '-h',
        '127.0.0.1',
        '-p',
        String(port),
        '-U',
        'postgres',
        '-d',
        db,
        '-v',
        'ON_ERROR_STOP=1',
        '-qAtc',
        sql,
      ],
      {
        encoding: 'utf8',
      },
    );
  return {
    port,
    bin,
    child,
    psql,
    createDatabase(name) {
      psql(`CREATE DATABASE "${name}"`);
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    stop: () => stopChild(child),
  };
}

function pgReady(bin, port) {
  return (
    spawnSync(join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-q'], {
      stdio: 'ignore',
    }).status === 0
  );
}

function postgresIds() {
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

export function stopChild(child, signal = 'SIGTERM', timeoutMs = 10_000) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}
