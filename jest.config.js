/** Transpile-only ts-jest: type-checking is `npm run typecheck` (tsc), which is ~4x faster than per-file checks. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  modulePathIgnorePatterns: ['<rootDir>/build/', '<rootDir>/dist/', '<rootDir>/.build/'],
  testTimeout: 120000,
};
