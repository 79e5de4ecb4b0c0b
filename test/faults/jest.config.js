// Jest for the fault-injection suite (npm run test:faults): real server processes, run one suite at a time.
const base = require('../../jest.config.js');

module.exports = {
  ...base,
  rootDir: require('node:path').join(__dirname, '..', '..'),
  testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  globalSetup: '<rootDir>/test/faults/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/faults/support/global-teardown.ts',
  testTimeout: 240000,
};
