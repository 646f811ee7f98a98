// The PostgreSQL client programs (pg_dump, pg_restore, psql) for db:backup and db:restore, and
// connection details that keep the password out of argument lists and output. Node built-ins only.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { postgresBinDir } from './services.mjs';

/**
 * The newest installed client (it dumps and restores older servers too): Debian's
 * /usr/lib/postgresql/<major>/bin, a server install first, else client-only packages, else PATH.
 */
export function pgTool(name) {
  const server = postgresBinDir();
  if (server && existsSync(join(server, name))) return join(server, name);
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const newest = readdirSync(root)
      .filter((v) => existsSync(join(root, v, 'bin', name)))
      .sort((a, b) => Number(b) - Number(a))[0];
    if (newest) return join(root, newest, 'bin', name);
  }
  if (spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0) return name;
  throw new Error(
    `${name} not found: install the PostgreSQL client (\`sudo apt-get install postgresql-client\` ` +
      `on Debian/Ubuntu), at least the major version of the server`,
  );
}

/**
 * A libpq connection from a postgres:// URL: the URL without its password (for --dbname), the
 * environment carrying the password (PGPASSWORD, never on a command line), and a printable label.
 */
export function connection(rawUrl) {
  let url;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new Error('the database URL is not a URL (expected postgres://user:password@host/db)');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new Error(
      `the database URL must start with postgres:// (it starts with ${url.protocol}//)`,
    );
  }
  const password = url.password ? decodeURIComponent(url.password) : undefined;
  url.password = '';
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!database) throw new Error('the database URL names no database (postgres://…/<database>)');
  const env = { ...process.env };
  if (password !== undefined) env.PGPASSWORD = password;
  return {
    url: url.toString(),
    env,
    database,
    label: `${database} on ${url.hostname || 'localhost'}:${url.port || '5432'}`,
  };
}

/** Runs one query with psql; rows of tab-separated fields. Throws with psql's own message. */
export function psql(conn, sql) {
  const result = spawnSync(
    pgTool('psql'),
    ['--no-psqlrc', '-X', '-v', 'ON_ERROR_STOP=1', '-qAt', '-F', '\t', '-d', conn.url, '-c', sql],
    { env: conn.env, encoding: 'utf8' },
  );
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error((result.stderr || 'psql failed').trim());
  return result.stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.split('\t'));
}

/** The tables the summary counts: the programme, people, their seats, mail and documents. */
export const KEY_TABLES = [
  'events',
  'sessions',
  'accounts',
  'registrations',
  'outgoing_mails',
  'key_learning_files',
];

/**
 * Rows of the key tables that exist, the number of tables in `public` and the last migration,
 * in one snapshot. Undefined fields for a database the hub never migrated.
 */
export function summary(conn) {
  const [[tables]] = psql(conn, `SELECT count(*) FROM pg_tables WHERE schemaname = 'public'`);
  const present = new Set(
    psql(conn, `SELECT tablename FROM pg_tables WHERE schemaname = 'public'`).map(([t]) => t),
  );
  const counted = KEY_TABLES.filter((t) => present.has(t));
  const counts = counted.length
    ? psql(conn, `SELECT ${counted.map((t) => `(SELECT count(*) FROM "${t}")`).join(', ')}`)[0]
    : [];
  const lastMigration = present.has('migrations')
    ? psql(conn, 'SELECT name FROM migrations ORDER BY "timestamp" DESC, id DESC LIMIT 1')[0]?.[0]
    : undefined;
  return {
    tables: Number(tables),
    rows: Object.fromEntries(counted.map((t, i) => [t, Number(counts[i])])),
    lastMigration,
  };
}

export function formatSummary({ tables, rows, lastMigration }) {
  const counts = Object.entries(rows)
    .map(([table, n]) => `${table} ${n}`)
    .join(', ');
  return (
    `${tables} table${tables === 1 ? '' : 's'}${counts ? ` (${counts})` : ''}` +
    (lastMigration ? `, last migration ${lastMigration}` : '')
  );
}

export function humanSize(bytes) {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}
