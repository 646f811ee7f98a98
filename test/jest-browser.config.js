import { base } from './jest-base.js';

/** @type {import('jest').Config} */
export default {
  ...base,
  displayName: 'browser',
  testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
  testTimeout: 90_000,
};
