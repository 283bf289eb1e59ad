#!/usr/bin/env node
// Runs every suite once: unit tests (vitest), one build of the extension, then the e2e tests
// (Playwright in Chromium). Prints each suite's counts and a last line "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const out = mkdtempSync(path.join(tmpdir(), 'clean-break-results-'));
const run = (command, args, env = {}) =>
  spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;
const readJson = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null);

const totals = [];

// Types first: strict TypeScript over the whole tree (WXT's generated types included).
const typecheck = run('npx', ['tsc', '--noEmit', '-p', '.']);
totals.push({ suite: 'typecheck', passed: typecheck === 0 ? 1 : 0, failed: typecheck === 0 ? 0 : 1 });

const vitestJson = path.join(out, 'vitest.json');
const vitestStatus = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
const vitest = readJson(vitestJson);
totals.push({
  suite: 'unit',
  passed: vitest?.numPassedTests ?? 0,
  failed: vitest ? vitest.numFailedTests + (vitestStatus !== 0 && vitest.numFailedTests === 0 ? 1 : 0) : 1,
});

const buildStatus = run('npx', ['wxt', 'build']);
if (buildStatus !== 0) {
  totals.push({ suite: 'build', passed: 0, failed: 1 });
} else {
  const playwrightJson = path.join(out, 'playwright.json');
  const e2eStatus = run('npx', ['playwright', 'test'], { PW_JSON: playwrightJson });
  const report = readJson(playwrightJson);
  const stats = report?.stats;
  const failed = stats ? stats.unexpected : 1;
  const flaky = [];
  const walk = (suite, titles) => {
    for (const child of suite.suites ?? []) walk(child, [...titles, child.title]);
    for (const spec of suite.specs ?? [])
      if (spec.tests.some((t) => t.status === 'flaky')) flaky.push([...titles, spec.title].filter(Boolean).join(' › '));
  };
  for (const suite of report?.suites ?? []) walk(suite, [suite.title]);
  for (const title of flaky) console.log(`e2e: flaky (failed, then passed on its retry): ${title}`);
  totals.push({
    suite: 'e2e',
    passed: stats ? stats.expected + stats.flaky : 0,
    failed: stats ? failed + (e2eStatus !== 0 && failed === 0 ? 1 : 0) : 1,
  });
}

// Firefox: one build of the Firefox extension, then the e2e suite in Debian's firefox-esr
// (puppeteer-core over WebDriver BiDi, tests/firefox/) and web-ext lint on that build.
if (run('npx', ['wxt', 'build', '-b', 'firefox']) !== 0) {
  totals.push({ suite: 'firefox build', passed: 0, failed: 1 });
} else {
  const firefoxJson = path.join(out, 'firefox.json');
  const firefoxStatus = run(process.execPath, ['tests/firefox/run.mjs'], { CB_FIREFOX_JSON: firefoxJson });
  const firefox = readJson(firefoxJson);
  totals.push({
    suite: 'firefox',
    passed: firefox?.passed ?? 0,
    failed: firefox ? firefox.failed + (firefoxStatus !== 0 && firefox.failed === 0 ? 1 : 0) : 1,
  });
  const lintStatus = run(process.execPath, ['tests/firefox/lint.mjs']);
  totals.push({ suite: 'lint', passed: lintStatus === 0 ? 1 : 0, failed: lintStatus === 0 ? 0 : 1 });
}

for (const { suite, passed, failed } of totals) console.log(`${suite}: ${passed} passed, ${failed} failed`);
const passed = totals.reduce((sum, t) => sum + t.passed, 0);
const failed = totals.reduce((sum, t) => sum + t.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
