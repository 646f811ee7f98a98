// What every benchmark needs around its measurements: cleaning up what it started (also when it
// fails half-way), waiting for child processes, keeping their output for error messages, and CPU
// time per process from /proc (Linux).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * The run's cleanups (pushed as things start, run newest first) and its failure path: the first
 * failure is reported, everything is stopped and the process exits 1.
 */
export function benchRun(name, note) {
  const cleanups = [];
  let cleaning;
  const cleanup = () => {
    cleaning ??= (async () => {
      for (const fn of cleanups.reverse()) {
        try {
          await fn();
        } catch (error) {
          note(`cleanup: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    })();
    return cleaning;
  };
  return {
    cleanups,
    cleanup,
    /** Whether cleaning up has begun (child processes exiting then are expected). */
    get cleaning() {
      return cleaning !== undefined;
    },
    async fail(error) {
      // Stopping things makes the work in hand fail too: the first reason is the one to tell.
      if (cleaning) return;
      process.exitCode = 1;
      process.stderr.write(`\n${name} benchmark FAILED: ${error?.stack ?? error}\n`);
      await cleanup();
      process.exit(1);
    },
  };
}

export function waitExit(child, timeoutMs) {
  return new Promise((resolve, reject) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
    const timer = setTimeout(() => reject(new Error('child did not exit in time')), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

/** Keeps the last 8,000 characters a child wrote, for the message when it fails. */
export function captureOutput(child) {
  let text = '';
  const keep = (c) => (text = (text + c.toString()).slice(-8000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => text;
}

/** Rejects with `what` after `ms`, or settles with `promise`. */
export function within(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** Every process's parent and CPU ticks so far (user + system, plus its waited-for children). */
export function processTable() {
  const table = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
      table.set(Number(entry), { ppid: Number(fields[1]), ticks });
    } catch {
      // gone meanwhile
    }
  }
  return table;
}

/** CPU time (ms) a process and its descendants (PostgreSQL's backends) have used so far. */
export function treeCpuMs(table, rootPid) {
  if (!table.has(rootPid)) return undefined;
  let ticks = 0;
  const todo = [rootPid];
  while (todo.length) {
    const pid = todo.pop();
    ticks += table.get(pid).ticks;
    for (const [child, { ppid }] of table) if (ppid === pid) todo.push(child);
  }
  return (ticks * 1000) / CLOCK_TICKS;
}

/** CPU time (ms) this process has used so far. */
export function selfCpuMs() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * Starts a meter over named pids (this process's own pid counts itself); calling the result
 * gives the CPU ms each used since then, undefined for a process that was not there.
 */
export function cpuMeter(pids) {
  const read = () => {
    const table = processTable();
    return Object.fromEntries(
      Object.entries(pids).map(([name, pid]) => [
        name,
        pid === process.pid ? selfCpuMs() : treeCpuMs(table, pid),
      ]),
    );
  };
  const before = read();
  return () => {
    const after = read();
    return Object.fromEntries(
      Object.keys(pids).map((name) => [
        name,
        before[name] === undefined || after[name] === undefined
          ? undefined
          : after[name] - before[name],
      ]),
    );
  };
}
