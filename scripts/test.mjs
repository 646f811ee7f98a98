// `npm test`: installs what is missing, starts PostgreSQL and Redis on loopback, then runs format,
// lint, types, build, unit tests, the e2e suite on SQLite and on PostgreSQL, and the browser tests.
// Ends with the line `N passed, N failed` (tests plus the static checks).
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  ensureDebianPackages,
  freePort,
  log,
  PACKAGES,
  startPostgres,
  startRedis,
} from './lib/services.mjs';
import { ensureDependencies, root } from './lib/setup.mjs';

const STEP_TIMEOUT_MS = 10 * 60_000;
const runDir = join(root, '.test-run');
const only = process.argv.slice(2);

function run(command, args, env = {}, { capture = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      env: { ...process.env, ...env },
    });
    const output = [];
    if (capture) {
      child.stdout.on('data', (chunk) => output.push(chunk));
      child.stderr.on('data', (chunk) => output.push(chunk));
    }
    const timer = setTimeout(() => {
      log(`${command} ${args.join(' ')} ran over ${STEP_TIMEOUT_MS / 1000}s, stopping it`);
      child.kill('SIGKILL');
    }, STEP_TIMEOUT_MS);
    const done = (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, output: Buffer.concat(output).toString('utf8') });
    };
    // Captured output is complete at 'close', once the pipes have drained. A grandchild that
    // outlives a killed child (npx's tool) would hold them open: 'exit' plus a moment then does.
    child.once('exit', (code) => {
      if (!capture) return done(code);
      const drained = setTimeout(() => done(code), 5_000);
      child.once('close', () => {
        clearTimeout(drained);
        done(code);
      });
    });
  });
}

const results = [];

/**
 * The static checks do not depend on one another (the build writes only `dist/`), so they run in
 * two lanes at once, one per core; each step's output is printed whole when it ends.
 */
async function checks(lanes) {
  const outcomes = new Map();
  await Promise.all(
    lanes.map(async (lane) => {
      for (const [name, command, args] of lane) {
        if (only.length && !only.includes(name)) continue;
        const started = Date.now();
        const { code, output } = await run(command, args, {}, { capture: true });
        log(`── ${name} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
        if (output.trim()) process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
        outcomes.set(name, code);
      }
    }),
  );
  for (const [name] of lanes.flat()) {
    if (!outcomes.has(name)) continue;
    const code = outcomes.get(name);
    results.push({ name, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 });
  }
}

async function jest(name, config, env = {}) {
  if (only.length && !only.includes(name)) return;
  log(`── ${name}`);
  const report = join(runDir, `${name}.json`);
  rmSync(report, { force: true });
  const { code } = await run(
    process.execPath,
    [
      '--experimental-vm-modules',
      '--no-warnings=ExperimentalWarning',
      'node_modules/jest/bin/jest.js',
      '-c',
      config,
      '--runInBand',
      // The suites stop every process and client they start, but an adapter's blocking stream
      // read or a reconnecting client can outlive a suite by minutes; the results are complete
      // when Jest prints them, so it exits then instead of waiting.
      '--forceExit',
      '--json',
      `--outputFile=${report}`,
    ],
    env,
  );
  try {
    const summary = JSON.parse(readFileSync(report, 'utf8'));
    const failedSuites = summary.numRuntimeErrorTestSuites ?? 0;
    results.push({
      name,
      passed: summary.numPassedTests,
      failed: summary.numFailedTests + failedSuites,
    });
    if (summary.numTotalTests === 0) {
      log(`${name}: no test ran`);
      results.push({ name: `${name} (empty)`, passed: 0, failed: 1 });
    }
  } catch {
    results.push({ name, passed: 0, failed: 1 });
  }
  if (code !== 0 && results.at(-1).failed === 0) results.at(-1).failed = 1;
}

async function main() {
  ensureDependencies();
  ensureDebianPackages([PACKAGES.redis, PACKAGES.postgres, PACKAGES.chromium, PACKAGES.nginx], {
    why: 'the test suite',
  });
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });

  const redis = await startRedis({ dir: join(runDir, 'redis'), port: await freePort() });
  const postgres = await startPostgres({
    dir: join('/tmp', `icc-test-pg-${process.pid}`),
    port: await freePort(),
  });
  const adminUrl = `postgres://postgres@127.0.0.1:${postgres.port}/postgres`;
  log(`redis ${redis.url}, postgres on port ${postgres.port}`);
  const services = { TEST_REDIS_URL: redis.url };
  try {
    await checks([
      [['lint', 'npx', ['eslint', '--max-warnings', '0', '.']]],
      [
        ['format', 'npx', ['prettier', '--check', '--log-level', 'warn', '.']],
        ['typecheck', 'npm', ['run', '--silent', 'typecheck']],
        ['build', 'npm', ['run', '--silent', 'build']],
      ],
    ]);
    await jest('unit', 'test/jest-unit.config.js', services);
    await jest('e2e-sqlite', 'test/jest-e2e.config.js', { ...services, DATABASE_URL: '' });
    await jest('e2e-postgres', 'test/jest-e2e.config.js', { ...services, DATABASE_URL: adminUrl });
    await jest('browser', 'test/jest-browser.config.js', services);
    // Whole processes on PostgreSQL: the cluster behind nginx, the small soak, backup and restore.
    await jest('ops', 'test/jest-ops.config.js', { ...services, DATABASE_URL: adminUrl });
  } finally {
    await Promise.all([redis.stop(), postgres.stop()]);
    rmSync(join('/tmp', `icc-test-pg-${process.pid}`), { recursive: true, force: true });
  }

  const width = Math.max(...results.map((r) => r.name.length));
  process.stdout.write('\n');
  for (const r of results) {
    process.stdout.write(`${r.name.padEnd(width)}  ${r.passed} passed, ${r.failed} failed\n`);
  }
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
}

main().catch((error) => {
  process.stderr.write(`npm test: ${error instanceof Error ? error.message : String(error)}\n`);
  process.stdout.write('0 passed, 1 failed\n');
  process.exit(1);
});
