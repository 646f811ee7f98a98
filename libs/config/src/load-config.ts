import { type AppConfig, type DatabaseDriver, parseConfig } from './config.schema.js';

let cached: AppConfig | undefined;

/** The process's configuration, read from the environment once. The only reader of `process.env`. */
export function loadConfig(): AppConfig {
  cached ??= parseConfig(process.env);
  return cached;
}

/**
 * The database driver, known before any module is built: column types are chosen when entity
 * classes are declared (the same approach n8n takes for its SQLite/PostgreSQL entities).
 */
export function databaseDriver(): DatabaseDriver {
  return process.env.DATABASE_URL ? 'postgres' : 'sqlite';
}
