/** Transpile-only ts-jest: type-checking is `npm run typecheck` (tsc), which is ~4x faster than per-file checks. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
    // The CEL evaluator of validation/strict-schema.js is ESM-only: esbuild makes it CommonJS for jest.
    '/node_modules/@marcbachmann/cel-js/.+\\.js$': '<rootDir>/test/support/esm-to-cjs.js',
  },
  transformIgnorePatterns: ['/node_modules/(?!@marcbachmann/cel-js/)'],
  modulePathIgnorePatterns: ['<rootDir>/build/', '<rootDir>/dist/', '<rootDir>/.build/'],
  testTimeout: 120000,
  // Skipped tests by name after the summary (a missing tool is a visible skip; CI fails instead).
  reporters: ['default', '<rootDir>/test/support/skip-reporter.js'],
};
