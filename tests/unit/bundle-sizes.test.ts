import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bundleSizes, CONTENT_SCRIPT_LIMIT, overLimit } from '../../scripts/bundle-sizes.mjs';

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

  it('names a content script over 80 KiB minified, or over 28 KiB gzipped; not one within both, nor a page', () => {
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
      expect.stringMatching(/^dense: [\d.]+ KiB gzipped, over 28\.0 KiB$/),
      'long: 81.0 KiB minified, over 80.0 KiB',
    ]);
  });
});
