#!/usr/bin/env node
// The Firefox e2e suite: every tests/firefox/*.test.mjs (node's test runner), one file at a
// time, in Debian's Firefox ESR (see firefox.mjs). Prints each test, then "firefox: N passed, N failed";
// exits non-zero on any failure. With CB_FIREFOX_JSON=<file> it also writes {passed, failed}.
//
//   node tests/firefox/run.mjs            # tests the build in <CB_OUT_DIR or .output>/firefox-mv2
//   node tests/firefox/run.mjs --build    # builds it first (npx wxt build -b firefox)
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXT, FIREFOX } from './support/paths.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const finish = (passed, failed) => {
  console.log(`firefox: ${passed} passed, ${failed} failed`);
  if (process.env.CB_FIREFOX_JSON) writeFileSync(process.env.CB_FIREFOX_JSON, JSON.stringify({ passed, failed }));
  process.exit(failed === 0 ? 0 : 1);
};

if (process.argv.includes('--build')) {
  const built = spawnSync('npx', ['wxt', 'build', '-b', 'firefox'], { stdio: 'inherit', cwd: path.resolve(here, '../..') });
  if (built.status !== 0) {
    console.error('the Firefox build failed');
    finish(0, 1);
  }
}
if (!existsSync(FIREFOX)) {
  console.error(`no Firefox at ${FIREFOX} (apt-get install firefox-esr, or set FIREFOX_PATH)`);
  finish(0, 1);
}
if (!existsSync(path.join(EXT, 'manifest.json'))) {
  console.error(`no Firefox build at ${EXT}: run \`npx wxt build -b firefox\` (or pass --build)`);
  finish(0, 1);
}

const files = readdirSync(here)
  .filter((name) => name.endsWith('.test.mjs'))
  .sort()
  .map((name) => path.join(here, name));

let passed = 0;
let failed = 0;
const started = Date.now();
// The timeout is for a whole file, and all.test.mjs is every test in one Firefox (22 tests, about
// 100 s on 2 cores, more on a busy machine): a hung test still ends the run, not a slow machine.
const stream = run({ files, concurrency: 1, timeout: 480_000 });
// Suites (describe) report too: count only the tests. A file that fails to load counts as one failure.
stream.on('test:pass', (data) => {
  if (data.details?.type !== 'suite' && !data.skip && !data.todo) passed++;
});
stream.on('test:fail', (data) => {
  if (data.details?.type !== 'suite') failed++;
});
const report = stream.compose(new spec());
report.pipe(process.stdout);
report.on('end', () => {
  console.log(`firefox suite took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (passed + failed === 0) failed = 1; // nothing ran is a failure
  finish(passed, failed);
});
