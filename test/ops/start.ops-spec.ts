import type { EventSummary } from '@app/contracts';
import { DEMO_EVENT_SLUG } from '@app/persistence';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { tempDir } from '../support/environment.js';
import { freePort } from '../support/hub-process.js';

/**
 * The README's front door: `npm start` on the embedded default (SQLite, its own redis-server and
 * mail capture) serves the demo programme, and a terminal's Ctrl-C (SIGINT to the whole foreground
 * process group) stops the hub's processes before the services they use, leaving nothing behind.
 */
const root = resolve(import.meta.dirname, '../..');

/** Every process below `pid`, from /proc (Linux). */
function descendants(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    // Field 4 (ppid) follows the command name in parentheses, which may hold spaces.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
  }
  const found: number[] = [];
  const walk = (parent: number): void => {
    for (const child of parents.get(parent) ?? []) {
      found.push(child);
      walk(child);
    }
  };
  walk(pid);
  return found;
}

async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function ok(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

describe('npm start', () => {
  let start: ChildProcess | undefined;
  let output = '';

  afterAll(() => {
    // Only if the test failed before its Ctrl-C: stop the whole group.
    if (start?.pid && start.exitCode === null) process.kill(-start.pid, 'SIGKILL');
  });

  it('serves the demo programme, and Ctrl-C stops every process cleanly', async () => {
    const [port, livePort, workerPort, smtpPort, mailPort] = await Promise.all(
      Array.from({ length: 5 }, () => freePort()),
    );
    start = spawn(process.execPath, ['scripts/start.mjs'], {
      cwd: root,
      // A fresh machine's environment: no REDIS_URL, DATABASE_URL or SMTP_URL.
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/root',
        PORT: String(port),
        LIVE_PORT: String(livePort),
        WORKER_PORT: String(workerPort),
        MAIL_CAPTURE_SMTP_PORT: String(smtpPort),
        MAIL_CAPTURE_HTTP_PORT: String(mailPort),
        DATA_DIR: tempDir('icc-start-'),
      },
      // Its own process group, as a terminal's foreground job.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const pid = start.pid ?? 0;
    start.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    start.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = once(start, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;

    await waitFor(() => output.includes('ICC Hub is running'), 240_000, 'npm start');
    const base = `http://127.0.0.1:${port}`;
    expect((await fetch(`${base}/`)).status).toBe(200);
    const events = (await (await fetch(`${base}/api/events`)).json()) as EventSummary[];
    expect(events.map((e) => e.slug)).toContain(DEMO_EVENT_SLUG);
    await waitFor(() => ok(`http://127.0.0.1:${workerPort}/health/ready`), 60_000, 'the worker');
    await waitFor(() => ok(`http://127.0.0.1:${livePort}/health/ready`), 60_000, 'live');

    const processes = descendants(pid);
    const commands = processes
      .map((p) => {
        try {
          return readFileSync(`/proc/${p}/cmdline`, 'utf8').replace(/\0/g, ' ');
        } catch {
          return '';
        }
      })
      .join('\n');
    for (const part of ['redis-server', 'mail-capture', 'apps/api', 'apps/live', 'apps/worker']) {
      expect(commands).toContain(part);
    }

    const before = output.length;
    process.kill(-pid, 'SIGINT');
    const [code] = await Promise.race([
      exited,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('npm start did not stop within 20 s')), 20_000),
      ),
    ]);
    expect(code).toBe(0);
    expect(processes.filter((p) => existsSync(`/proc/${p}`))).toEqual([]);

    const shutdown = output.slice(before);
    for (const service of ['api', 'live', 'worker']) {
      expect(shutdown).toMatch(new RegExp(`"service":"${service}".*"msg":"shutdown complete"`));
    }
    // The hub's processes closed before Redis and the mail capture went away, and each got one
    // signal (a second one makes a process exit at once, without finishing its work).
    expect(shutdown).not.toMatch(/ECONNREFUSED|second signal|Unhandled/);
  });
});
