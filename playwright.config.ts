import { defineConfig } from '@playwright/test';

// The extension is built once (tests/run-all.mjs, or `npm run build`) before this runs.
export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: process.env.PW_OUTPUT_DIR ?? 'test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: process.env.CI ? 2 : 2,
  // One retry in CI, where the 2 cores are shared with other jobs; tests/run-all.mjs names every
  // test that needed it, so a flaky test is seen and fixed, not hidden.
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.PW_JSON ? [['list'], ['json', { outputFile: process.env.PW_JSON }]] : 'list',
  use: { trace: 'retain-on-failure' },
});
