import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { freePort } from './hub-process.js';

/**
 * What the test run provides (scripts/test.mjs starts the services): a Redis, and for the
 * PostgreSQL run a server whose admin URL lets each test file create a database of its own.
 */
export function testRedisUrl(): string {
  const url = process.env.TEST_REDIS_URL;
  if (!url) throw new Error('TEST_REDIS_URL is not set: run the suite with `npm test`');
  return url;
}

export function usingPostgres(): boolean {
  return Boolean(process.env.DATABASE_URL);
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `icc-${prefix}-`));
}

/** A fresh, empty database for one test file: nothing shared with other files or runs. */
export async function freshDatabaseUrl(): Promise<string | undefined> {
  const base = process.env.DATABASE_URL;
  if (!base) return undefined;
  const name = `icc_t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Environment for a hub under test: its own data dir and database, the run's Redis. */
export async function hubEnvironment(
  extra: Record<string, string> = {},
): Promise<Record<string, string>> {
  const databaseUrl = await freshDatabaseUrl();
  return {
    NODE_ENV: 'test',
    DATA_DIR: tempDir('data'),
    REDIS_URL: testRedisUrl(),
    // Nothing listens there: a test that sends mail brings its own SMTP server.
    SMTP_URL: 'smtp://127.0.0.1:9',
    LOG_LEVEL: 'silent',
    // A worker's probe server: a free port of its own, not the default another run may hold.
    WORKER_PORT: String(await freePort()),
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...extra,
  };
}
