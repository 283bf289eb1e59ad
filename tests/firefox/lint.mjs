#!/usr/bin/env node
// web-ext lint (Mozilla's addons-linter) on the Firefox build: fails on any error, lists the
// warnings. Lints <CB_OUT_DIR or .output>/firefox-mv2, or CB_FIREFOX_EXT.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { EXT, ROOT } from './support/paths.mjs';

if (!existsSync(path.join(EXT, 'manifest.json'))) {
  console.error(`no Firefox build at ${EXT}: run \`npx wxt build -b firefox\` first`);
  process.exit(1);
}
const lint = spawnSync('npx', ['--no-install', 'web-ext', 'lint', '--source-dir', EXT, '--output', 'json', '--no-input'], {
  encoding: 'utf8',
  cwd: ROOT,
});
let report;
try {
  report = JSON.parse(lint.stdout.slice(lint.stdout.indexOf('{')));
} catch {
  console.error(`web-ext lint gave no report (exit ${lint.status})\n${lint.stdout}\n${lint.stderr}`);
  process.exit(1);
}
for (const kind of ['errors', 'warnings', 'notices']) {
  for (const m of report[kind]) console.log(`${kind.slice(0, -1)} ${m.code}${m.file ? ` (${m.file})` : ''}: ${m.message}`);
}
const { errors, warnings, notices } = report.summary;
console.log(`web-ext lint ${EXT}: ${errors} errors, ${warnings} warnings, ${notices} notices`);
process.exit(errors === 0 ? 0 : 1);
