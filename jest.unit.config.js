/**
 * The pure rules' tests alone (`npm run test:unit`): no database, no global setup, milliseconds.
 * The full suite (jest.config.js) runs them too.
 */
const base = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testMatch: ['**/*.unit.test.ts'],
  globalSetup: undefined,
  globalTeardown: undefined,
  maxWorkers: '50%',
};
