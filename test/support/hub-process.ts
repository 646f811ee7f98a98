import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { hubEnvironment } from './environment.js';

const root = resolve(import.meta.dirname, '../..');
export const BUILT = {
  api: resolve(root, 'dist/apps/api/src/main.js'),
  worker: resolve(root, 'dist/apps/worker/src/main.js'),
  live: resolve(root, 'dist/apps/live/src/main.js'),
  seed: resolve(root, 'dist/apps/api/src/cli/seed.js'),
};

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

export interface RunningProcess {
  child: ChildProcess;
  output(): string;
  /** Sends a signal and resolves with the exit code (null when killed by a signal). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function runBuilt(file: string, env: Record<string, string>): RunningProcess {
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
  const child = spawn(process.execPath, [file], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  return {
    child,
    output: () => output,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const [code] = await exited;
      return code;
    },
  };
}

export async function runToEnd(
  file: string,
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const running = runBuilt(file, env);
  const [code] = (await once(running.child, 'exit')) as [number | null];
  return { code, output: running.output() };
}

async function waitForHealth(baseUrl: string, running: RunningProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (running.child.exitCode !== null) {
      throw new Error(`api exited during start:\n${running.output()}`);
    }
    try {
      const response = await fetch(`${baseUrl}/health`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`api did not become healthy:\n${running.output()}`);
}

export interface Hub {
  baseUrl: string;
  env: Record<string, string>;
  api: RunningProcess;
  worker?: RunningProcess;
  stop(): Promise<void>;
}

/** The built hub as `npm start` runs it: seed, then api (and optionally a worker). */
export async function startHub(
  opts: { env?: Record<string, string>; worker?: boolean } = {},
): Promise<Hub> {
  const port = await freePort();
  const env = await hubEnvironment({
    PORT: String(port),
    LOG_LEVEL: 'info',
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    ...opts.env,
  });
  const seeded = await runToEnd(BUILT.seed, env);
  if (seeded.code !== 0) throw new Error(`seed failed:\n${seeded.output}`);
  const api = runBuilt(BUILT.api, env);
  const worker = opts.worker ? runBuilt(BUILT.worker, env) : undefined;
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHealth(baseUrl, api);
  return {
    baseUrl,
    env,
    api,
    worker,
    async stop() {
      await Promise.all([api.stop(), worker?.stop()]);
    },
  };
}

export interface Live {
  /** Where Socket.IO clients connect (the namespace is added by the client). */
  url: string;
  process: RunningProcess;
}

/** A built live process on an already migrated database (`env` of a hub or a test app). */
export async function startLive(env: Record<string, string>): Promise<Live> {
  const port = await freePort();
  const running = runBuilt(BUILT.live, { ...env, LIVE_PORT: String(port) });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (running.child.exitCode !== null) {
      throw new Error(`live exited during start:\n${running.output()}`);
    }
    try {
      // Any answer (this one is refused: it has no Origin) means Socket.IO is listening.
      await fetch(`http://127.0.0.1:${port}/socket.io/?EIO=4&transport=polling`);
      return { url: `http://127.0.0.1:${port}`, process: running };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await running.stop();
  throw new Error(`live did not start:\n${running.output()}`);
}
