import { expect, test } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { bundleSizes, CONTENT_SCRIPT_LIMIT, overLimit } from '../../scripts/bundle-sizes.mjs';
import { extensionPath } from './extension';

// The build this suite loads (tests/run-all.mjs and `npm run test:e2e` build it first): the
// script any one site loads stays within 80 KiB minified and 28 KiB gzipped (issue 12).
test('every site’s content script is within 80 KiB minified and 28 KiB gzipped, and each site loads its own only', () => {
  expect(existsSync(path.join(extensionPath, 'manifest.json')), `no build at ${extensionPath}`).toBe(true);
  const bundles = bundleSizes(extensionPath);
  const scripts = bundles.filter((bundle) => bundle.kind === 'content script');
  expect(scripts.length).toBeGreaterThan(1);
  expect(overLimit(bundles, CONTENT_SCRIPT_LIMIT)).toEqual([]);

  // Each manifest entry runs one script, whose matches are one site's: no page loads two.
  const manifest = JSON.parse(readFileSync(path.join(extensionPath, 'manifest.json'), 'utf8')) as {
    content_scripts: Array<{ matches: string[]; js: string[] }>;
  };
  for (const entry of manifest.content_scripts) expect(entry.js).toHaveLength(1);
  const hosts = manifest.content_scripts.flatMap((entry) => entry.matches);
  expect(new Set(hosts).size).toBe(hosts.length);
});
