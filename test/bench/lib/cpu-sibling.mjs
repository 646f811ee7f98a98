// How much work on one CPU slows a process on another CPU of this machine, below anything the
// operating system's scheduler decides: the same fixed JavaScript work (objects allocated,
// serialised and dropped, as a request handler does) pinned to the last CPU, timed alone and while
// a busy process runs pinned to CPU 0 in the idle scheduling class at nice 19 (as the worker's
// render process runs). The two never share a CPU, so any slowdown is the hardware's or the
// hypervisor's (virtual CPUs on the threads of one physical core, shared caches and memory
// bandwidth): a floor under what priorities can achieve for an api sharing the machine with
// background work.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';

const WORK = `
const t0 = performance.now();
let keep = 0;
for (let r = 0; r < 40; r++) {
  const rows = [];
  for (let i = 0; i < 20000; i++) rows.push({ id: i, title: 'session ' + i, city: 'Łódź' });
  keep += JSON.stringify(rows).length;
}
process.stdout.write(String(performance.now() - t0) + ' ' + keep);
`;
const SPIN = `
let keep = [];
for (;;) {
  const rows = [];
  for (let i = 0; i < 20000; i++) rows.push({ id: i, s: 'x' + i });
  keep.push(rows);
  if (keep.length > 50) keep = [];
}
`;

const TASKSET = '/usr/bin/taskset';
const CHRT = '/usr/bin/chrt';
const NICE = '/usr/bin/nice';

function timed(cpu) {
  return new Promise((resolve, reject) => {
    const child = spawn(TASKSET, ['-c', String(cpu), process.execPath, '-e', WORK], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(Number(out.split(' ')[0])) : reject(new Error(`work exited ${code}`)),
    );
  });
}

/**
 * Median over `pairs` of (time with CPU 0 busy / time alone) for the work on the last CPU; null
 * where there is one CPU or no taskset/chrt to pin with. Also the raw times, for the report.
 */
export async function siblingSlowdown(pairs = 5) {
  const cpus = availableParallelism();
  if (cpus < 2 || ![TASKSET, CHRT, NICE].every((p) => existsSync(p))) return null;
  const last = cpus - 1;
  await timed(last); // warm the file cache and the CPU
  const alone = [];
  const busy = [];
  for (let k = 0; k < pairs; k++) {
    alone.push(await timed(last));
    const spinner = spawn(
      TASKSET,
      ['-c', '0', CHRT, '--idle', '0', NICE, '-n', '19', process.execPath, '-e', SPIN],
      { stdio: 'ignore' },
    );
    try {
      await new Promise((r) => setTimeout(r, 200));
      busy.push(await timed(last));
    } finally {
      spinner.kill('SIGKILL');
    }
  }
  const ratios = busy.map((b, i) => b / alone[i]).sort((a, b) => a - b);
  const round = (n) => Math.round(n * 1000) / 1000;
  return {
    ratio: round(ratios[Math.floor(ratios.length / 2)]),
    aloneMs: alone.map(Math.round),
    busyMs: busy.map(Math.round),
  };
}
