import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AppConfig } from '@app/config';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities/index.js';
import { POSTGRES_MIGRATIONS } from './migrations/postgres/index.js';
import { SQLITE_MIGRATIONS } from './migrations/sqlite/index.js';

/** Only the database part of the configuration is read (the worker's render process has no more). */
export function dataSourceOptions(config: Pick<AppConfig, 'database'>): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    synchronize: false,
    migrationsRun: false,
    logging: false,
  } as const;
  if (config.database.driver === 'postgres') {
    return {
      ...common,
      type: 'postgres',
      url: config.database.url,
      migrations: POSTGRES_MIGRATIONS,
      extra: { max: config.database.poolSize },
    };
  }
  return {
    ...common,
    type: 'better-sqlite3',
    database: config.database.path,
    migrations: SQLITE_MIGRATIONS,
    enableWAL: true,
    // api and worker are separate processes on one file: wait for the other's write lock.
    timeout: 10_000,
  };
}

/** Any number of processes may start at once; one of them migrates while the others wait. */
const MIGRATION_LOCK_KEY = 4_224_2020;

export async function runMigrations(dataSource: DataSource): Promise<void> {
  if (dataSource.options.type !== 'postgres') {
    await dataSource.runMigrations({ transaction: 'each' });
    return;
  }
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    await runner.release();
  }
}

/** Connects and brings the schema up to date. */
export async function openDataSource(options: DataSourceOptions): Promise<DataSource> {
  if (options.type === 'better-sqlite3') {
    mkdirSync(dirname(options.database), { recursive: true });
  }
  const dataSource = await new DataSource(options).initialize();
  await runMigrations(dataSource);
  return dataSource;
}
