/** Jest: TypeScript through ts-jest (type checking is done once by `tsc --noEmit`). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
    '^.+\\.(sql|html)$': '<rootDir>/tools/jest-text-transform.js',
  },
  moduleFileExtensions: ['ts', 'js', 'cjs', 'json', 'sql', 'html'],
  testTimeout: 60000,
  maxWorkers: 2,
};
