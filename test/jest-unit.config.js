import { base } from './jest-base.js';

/** @type {import('jest').Config} */
export default {
  ...base,
  displayName: 'unit',
  testMatch: [
    '<rootDir>/apps/**/*.spec.ts',
    '<rootDir>/libs/**/*.spec.ts',
    '<rootDir>/test/unit/**/*.spec.ts',
  ],
};
