/**
 * ESM TypeScript through ts-jest; Nest 12 and TypeORM 1 ship as ES modules.
 * @type {import('jest').Config}
 */
export const base = {
  rootDir: '..',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^@app/(contracts|config|persistence|runtime|calendar|mailer|schedule|documents)$':
      '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.json' }],
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};
