import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUNDLE_LIMITS, bundleSizes, CONTENT_SCRIPT_LIMIT, overBundleLimits, overLimit, zodIn } from '../../scripts/bundle-sizes.mjs';

// The size check itself (tests/e2e/bundle-size.spec.ts runs it on the real build), on a made-up build.
let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Text that gzip cannot shrink much: a pseudo-random run of letters. */
const noise = (bytes: number) => {
  let seed = 7;
  return Array.from({ length: bytes }, () => String.fromCharCode(97 + ((seed = (seed * 48271) % 2147483647) % 26))).join('');
};

function build(files: Record<string, string>) {
  dir = mkdtempSync(path.join(tmpdir(), 'clean-break-sizes-'));
  mkdirSync(path.join(dir, 'content-scripts'));
  mkdirSync(path.join(dir, 'chunks'));
  for (const [file, text] of Object.entries(files)) writeFileSync(path.join(dir, file), text);
  return dir;
}

describe('bundleSizes and overLimit', () => {
  it('measures each content script, the background, and each page with the chunks it loads', () => {
    const sizes = bundleSizes(
      build({
        'manifest.json': JSON.stringify({ background: { service_worker: 'background.js' } }),
        'background.js': 'b'.repeat(300),
        'content-scripts/instagram.js': 'i'.repeat(100),
        'popup.html': '<script type="module" crossorigin src="/chunks/popup-1.js"></script><link rel="modulepreload" crossorigin href="/chunks/shared-2.js">',
        'chunks/popup-1.js': 'p'.repeat(40),
        'chunks/shared-2.js': 's'.repeat(60),
      }),
    );
    expect(sizes.map(({ name, kind, bytes }) => ({ name, kind, bytes }))).toEqual([
      { name: 'instagram', kind: 'content script', bytes: 100 },
      { name: 'background', kind: 'background', bytes: 300 },
      { name: 'popup', kind: 'page', bytes: 100 },
    ]);
    expect(sizes[0]!.gzipBytes).toBeLessThan(100);
  });

  it('names a content script over 80 KiB minified, or over 29 KiB gzipped; not one within both, nor a page', () => {
    const sizes = bundleSizes(
      build({
        'manifest.json': '{}',
        'content-scripts/small.js': noise(10 * 1024),
        'content-scripts/long.js': 'a'.repeat(81 * 1024),
        'content-scripts/dense.js': noise(60 * 1024),
        'options.html': '<script type="module" src="/chunks/options.js"></script>',
        'chunks/options.js': noise(200 * 1024),
      }),
    );
    expect(overLimit(sizes, CONTENT_SCRIPT_LIMIT)).toEqual([
      expect.stringMatching(/^dense: [\d.]+ KiB gzipped, over 29\.0 KiB$/),
      'long: 81.0 KiB minified, over 80.0 KiB',
    ]);
  });

  it('names the background or a page over its limit, or with none; not one within it, nor a content script', () => {
    const sizes = bundleSizes(
      build({
        'manifest.json': JSON.stringify({ background: { service_worker: 'background.js' } }),
        'background.js': 'b'.repeat(3000),
        'content-scripts/x.js': 'x'.repeat(9000),
        'popup.html': '<script type="module" src="/chunks/popup.js"></script><link rel="modulepreload" href="/chunks/shared.js">',
        'chunks/popup.js': 'p'.repeat(1000),
        'chunks/shared.js': 's'.repeat(1100),
        'journal.html': '<script type="module" src="/chunks/journal.js"></script>',
        'chunks/journal.js': 'j'.repeat(100),
      }),
    );
    expect(overBundleLimits(sizes, { background: 3000, popup: 2048, x: 1 })).toEqual([
      'journal: no limit set (scripts/bundle-sizes.mjs BUNDLE_LIMITS)',
      'popup: 2.1 KiB minified, over 2.0 KiB',
    ]);
    expect(overBundleLimits(sizes, { background: 3000, popup: 2100, journal: 100 })).toEqual([]);
    expect(Object.keys(BUNDLE_LIMITS)).toContain('background');
  });
});

describe('zodIn', () => {
  it.each([
    ['classic zod, minified', 'var a=N(`$ZodType`,(e,t)=>{}),b=N(`ZodType`,(e,t)=>{}),c=N(`ZodObject`,1)', { classic: true, mini: false, core: true }],
    ['zod/mini, minified', 'var a=A(`$ZodType`,(e,t)=>{}),B=A(`ZodMiniType`,(e,t)=>{}),o=A("ZodMiniObject",1)', { classic: false, mini: true, core: true }],
    ['a word in a message only', 'console.log(`a ZodObject here`); let ZodType = 1', { classic: false, mini: false, core: false }],
    ['no zod', 'export const x = 1', { classic: false, mini: false, core: false }],
  ])('%s', (_, code, expected) => {
    expect(zodIn(code)).toEqual(expected);
  });
});
