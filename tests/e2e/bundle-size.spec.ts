import { expect, test } from '@playwright/test';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BUNDLE_LIMITS, bundleSizes, bundleZod, CONTENT_SCRIPT_LIMIT, overBundleLimits, overLimit } from '../../scripts/bundle-sizes.mjs';
import { extensionPath } from './support/extension';

// The build this suite loads (tests/run-all.mjs and `npm run test:e2e` build it first): the
// script any one site loads stays within 80 KiB minified and 29 KiB gzipped (issue 12).
test('every site’s content script is within 80 KiB minified and 29 KiB gzipped, and each site loads its own only', () => {
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

// The background and the pages shrank with the content scripts (issue 12): zod/mini instead of
// classic zod, site names instead of the adapters. Each stays within a limit a little above what
// it weighs now (BUNDLE_LIMITS), and none carries classic zod.
test('the background and every page are within their limits, carry zod/mini and not classic zod; content scripts carry no zod', () => {
  const bundles = bundleSizes(extensionPath);
  expect(bundles.filter((bundle) => bundle.kind !== 'content script').map((bundle) => bundle.name).sort()).toEqual(Object.keys(BUNDLE_LIMITS).sort());
  expect(overBundleLimits(bundles)).toEqual([]);
  for (const bundle of bundles) {
    const zod = bundleZod(extensionPath, bundle);
    // The pause page (entrypoints/pause) validates nothing itself: it asks the background, which checks what it sends.
    if (bundle.kind === 'content script' || bundle.name === 'pause') expect(zod, bundle.name).toEqual({ classic: false, mini: false, core: false });
    // Every other page and the background validate something (settings, a request, a backup): mini must be found.
    else expect(zod, bundle.name).toEqual({ classic: false, mini: true, core: true });
  }
});

/** The example URLs beside each adapter (`export const examples`), except any its own code also names. */
function exampleUrls(): string[] {
  const dir = path.resolve('utils/sites');
  return readdirSync(dir)
    .filter((file) => file.endsWith('.ts'))
    .flatMap((file) => {
      const text = readFileSync(path.join(dir, file), 'utf8');
      const at = text.indexOf('export const examples');
      if (at < 0) return [];
      const code = text.slice(0, at);
      return [...text.slice(at).matchAll(/url: '([^']+)'/g)].map((match) => match[1]!).filter((url) => !code.includes(url));
    });
}

test('no bundle carries the adapters’ example URLs', () => {
  const urls = exampleUrls();
  expect(urls.length).toBeGreaterThan(100);
  for (const bundle of bundleSizes(extensionPath)) {
    const code = bundle.files.map((file) => readFileSync(path.join(extensionPath, file), 'utf8')).join('\n');
    expect(urls.filter((url) => code.includes(url)), bundle.name).toEqual([]);
  }
});
