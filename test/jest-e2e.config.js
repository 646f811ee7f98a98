import { base } from './jest-base.js';

/**
 * Runs against the database named by DATABASE_URL (PostgreSQL) or, when unset, SQLite.
 * @type {import('jest').Config}
 */
export default {
  ...base,
  displayName: process.env.DATABASE_URL ? 'e2e-postgres' : 'e2e-sqlite',
  testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
  testTimeout: 60_000,
};
