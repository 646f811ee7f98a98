// `npm run db:restore -- --in FILE [--database-url URL]`: loads a db:backup dump into an EMPTY
// PostgreSQL database (DATABASE_URL unless --database-url), in one transaction. It never
// restores over data. Node built-ins only. See docs/operations.md, "Backup and restore".
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { connection, formatSummary, pgTool, psql, summary } from './lib/pg-tools.mjs';

const USAGE =
  'usage: npm run db:restore -- --in FILE [--database-url postgres://…/fresh_db]   ' +
  '(default target: DATABASE_URL)';

function fail(message) {
  process.stderr.write(`db:restore: ${message}\n`);
  process.exit(1);
}

/** pg_dump's custom format starts with "PGDMP". */
function isCustomDump(file) {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(5);
    return readSync(fd, head, 0, 5, 0) === 5 && head.toString('latin1') === 'PGDMP';
  } finally {
    closeSync(fd);
  }
}

function main() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        in: { type: 'string' },
        'database-url': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    fail(`${error.message}\n${USAGE}`);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (!values.in) fail(`--in FILE is required\n${USAGE}`);
  const file = resolve(values.in);
  let size;
  try {
    size = statSync(file).size;
  } catch {
    fail(`${file} cannot be read`);
  }
  if (size === 0 || !isCustomDump(file)) {
    fail(`${file} is not a pg_dump custom-format file (npm run db:backup writes those)`);
  }
  const target = values['database-url'] ?? process.env.DATABASE_URL;
  if (!target) {
    fail(`no target database: set DATABASE_URL or pass --database-url\n${USAGE}`);
  }
  const conn = connection(target);

  let tables;
  try {
    [[tables]] = psql(
      conn,
      `SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace ` +
        `WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')`,
    );
  } catch (error) {
    fail(
      `cannot reach ${conn.label}: ${error.message}\n` +
        'Create an empty database first, e.g. `createdb icc_hub_restored` or ' +
        '`CREATE DATABASE icc_hub_restored;` in psql.',
    );
  }
  if (Number(tables) > 0) {
    fail(
      `${conn.label} is not empty (${tables} tables, views or sequences in schema public): ` +
        'nothing was changed.\n' +
        'Restore into a freshly created database (`createdb icc_hub_restored`), check it, then point ' +
        'DATABASE_URL at it. Restoring over live data is how data is lost, so there is no --force.',
    );
  }

  process.stdout.write(`db:restore: ${file} -> ${conn.label} (one transaction)…\n`);
  const restored = spawnSync(
    pgTool('pg_restore'),
    [
      '--no-owner',
      '--no-privileges',
      '--exit-on-error',
      '--single-transaction',
      `--dbname=${conn.url}`,
      file,
    ],
    { env: conn.env, encoding: 'utf8', stdio: ['ignore', 'inherit', 'pipe'] },
  );
  if (restored.error) fail(restored.error.message);
  if (restored.status !== 0) {
    fail(
      `pg_restore failed; the transaction was rolled back, ${conn.label} is unchanged:\n` +
        (restored.stderr ?? '').trim(),
    );
  }
  // pg_restore does not carry planner statistics; the first queries should not go without.
  psql(conn, 'ANALYZE');
  process.stdout.write(
    `db:restore: done: ${formatSummary(summary(conn))}\n` +
      '  Point DATABASE_URL at this database and start the hub: its migrations table came with ' +
      'the dump, so only migrations newer than the backup run.\n' +
      '  Restore the calendar feed key too (DATA_DIR/calendar-feed.key or CALENDAR_FEED_KEY).\n',
  );
}

try {
  main();
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
