// `npm run db:backup -- [--out FILE]`: a pg_dump (custom format) of the hub's PostgreSQL
// database, DATABASE_URL, into a file only its owner can read. Node built-ins only: it runs
// without the app being built. See docs/operations.md, "Backup and restore".
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { connection, formatSummary, humanSize, pgTool, summary } from './lib/pg-tools.mjs';
import { root } from './lib/setup.mjs';

const USAGE = 'usage: npm run db:backup -- [--out FILE]   (with DATABASE_URL set)';

function fail(message) {
  process.stderr.write(`db:backup: ${message}\n`);
  process.exit(1);
}

function timestamp(now = new Date()) {
  // 2031-05-01T09:30:00.000Z -> 20310501T093000Z: sorts by time, safe in any file name.
  return `${now.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
}

async function main() {
  let values;
  try {
    ({ values } = parseArgs({
      options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    }));
  } catch (error) {
    fail(`${error.message}\n${USAGE}`);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (!process.env.DATABASE_URL) {
    fail(
      'DATABASE_URL is not set, so this hub keeps its data in SQLite, not PostgreSQL.\n' +
        'Back SQLite up by copying its file, DATA_DIR/icc-hub.sqlite (data/icc-hub.sqlite by default):\n' +
        '  with the hub stopped: cp data/icc-hub.sqlite backups/icc-hub.sqlite (and any -wal file beside it)\n' +
        '  or while it runs:     sqlite3 data/icc-hub.sqlite ".backup backups/icc-hub.sqlite"\n' +
        'and keep DATA_DIR/calendar-feed.key with it.',
    );
  }
  const conn = connection(process.env.DATABASE_URL);
  const out = resolve(values.out ?? resolve(root, 'backups', `icc-hub-${timestamp()}.dump`));
  mkdirSync(dirname(out), { recursive: true, mode: 0o700 });
  let fd;
  try {
    // Created 0600 before a byte is written: the dump holds names, addresses and documents.
    fd = openSync(out, 'wx', 0o600);
  } catch (error) {
    if (error.code === 'EEXIST') fail(`${out} exists already: choose another --out`);
    throw error;
  }

  let stderr = '';
  const code = await new Promise((done, reject) => {
    const child = spawn(
      pgTool('pg_dump'),
      ['--format=custom', '--no-owner', '--no-privileges', `--dbname=${conn.url}`],
      { env: conn.env, stdio: ['ignore', fd, 'pipe'] },
    );
    child.stderr.on('data', (chunk) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (exitCode, signal) => done(signal ? 1 : exitCode));
  }).finally(() => closeSync(fd));
  if (code !== 0) {
    rmSync(out, { force: true });
    fail(`pg_dump of ${conn.label} failed, no backup written:\n${stderr.trim()}`);
  }

  const size = statSync(out).size;
  let contents = '';
  try {
    contents = `\n  database now: ${formatSummary(summary(conn))}`;
  } catch {
    // The dump is what matters; a summary that cannot be read is left out.
  }
  process.stdout.write(
    `db:backup: ${conn.label} -> ${out} (${humanSize(size)}, mode 0600)${contents}\n` +
      `  restore into an empty database with: npm run db:restore -- --in ${out}\n`,
  );
}

main().catch((error) => fail(error instanceof Error ? error.message : String(error)));
