import { base } from './jest-base.js';

/**
 * Operations suites: whole processes on PostgreSQL and Redis (the cluster behind its proxy, the
 * soak, backup and restore). They need DATABASE_URL (an admin URL) and TEST_REDIS_URL.
 * @type {import('jest').Config}
 */
export default {
  ...base,
  displayName: 'ops',
  testMatch: ['<rootDir>/test/ops/**/*.ops-spec.ts'],
  testTimeout: 300_000,
};
