// Every bundle of a built extension, minified and gzipped: each content script, the background,
// and each page with the chunks it loads. Read by the size check (tests/e2e/bundle-size.spec.ts)
// and by `npm run bench`.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * Issue 12: the script any one site loads. 80 KiB minified is the product's promise
 * (../shared/PRODUCT.md); the gzipped guard is a little above what the largest (Facebook's) weighs
 * with the screen's defences against a hostile page (issue 23: its own host and top layer, no
 * page event ending the script), so that a regression still fails.
 */
export const CONTENT_SCRIPT_LIMIT = { bytes: 80 * 1024, gzipBytes: 29 * 1024 };

/**
 * Issue 12: the background and each page (with the chunks it loads), minified, a little above
 * what they weigh since the schemas moved to zod/mini, the pages name sites without the adapters
 * and count days without date-fns's parse and format, so that a regression (classic zod back,
 * every adapter in the popup) fails; the background, options and welcome, which carry the adapters,
 * have room for them to grow a little. A page added to the build needs its limit here.
 */
export const BUNDLE_LIMITS = {
  background: 272 * 1024,
  attempts: 216 * 1024,
  journal: 210 * 1024,
  options: 296 * 1024,
  popup: 226 * 1024,
  preview: 92 * 1024,
  pause: 40 * 1024,
  welcome: 132 * 1024,
};

const sizeOf = (dir, files) => {
  const contents = files.map((file) => readFileSync(path.join(dir, file)));
  return {
    files,
    bytes: contents.reduce((sum, content) => sum + content.length, 0),
    gzipBytes: contents.reduce((sum, content) => sum + gzipSync(content, { level: 9 }).length, 0),
  };
};

/** The module scripts a page loads: its entry and the chunks it preloads (Vite's output). */
function pageScripts(html) {
  const sources = [...html.matchAll(/<script[^>]*\ssrc="\/?([^"]+\.js)"/g), ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="\/?([^"]+\.js)"/g)];
  return [...new Set(sources.map((match) => match[1]))];
}

/**
 * `[{ name, kind, files, bytes, gzipBytes }]` for the build in `dir` (e.g. .output/chrome-mv3).
 * Content scripts: every file in content-scripts/ (one per built-in site, and the custom sites'
 * one the background registers at runtime), named by file.
 */
export function bundleSizes(dir) {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  const bundles = [];
  const scriptsDir = path.join(dir, 'content-scripts');
  const scripts = existsSync(scriptsDir) ? readdirSync(scriptsDir).filter((file) => file.endsWith('.js')).sort() : [];
  for (const file of scripts) bundles.push({ name: file.replace(/\.js$/, ''), kind: 'content script', ...sizeOf(dir, [`content-scripts/${file}`]) });
  const background = manifest.background?.service_worker ? [manifest.background.service_worker] : (manifest.background?.scripts ?? []);
  if (background.length) bundles.push({ name: 'background', kind: 'background', ...sizeOf(dir, background) });
  for (const page of readdirSync(dir).filter((file) => file.endsWith('.html')).sort()) {
    bundles.push({ name: page.replace(/\.html$/, ''), kind: 'page', ...sizeOf(dir, pageScripts(readFileSync(path.join(dir, page), 'utf8'))) });
  }
  return bundles;
}

/** What is over the limit, as sentences; none when every content script is within it. */
export function overLimit(bundles, limit = CONTENT_SCRIPT_LIMIT) {
  const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
  return bundles
    .filter((bundle) => bundle.kind === 'content script')
    .flatMap((bundle) => [
      ...(bundle.bytes > limit.bytes ? [`${bundle.name}: ${kib(bundle.bytes)} minified, over ${kib(limit.bytes)}`] : []),
      ...(bundle.gzipBytes > limit.gzipBytes ? [`${bundle.name}: ${kib(bundle.gzipBytes)} gzipped, over ${kib(limit.gzipBytes)}`] : []),
    ]);
}

/** What of the background and the pages is over its limit, or has none, as sentences; none when all are within. */
export function overBundleLimits(bundles, limits = BUNDLE_LIMITS) {
  const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
  return bundles
    .filter((bundle) => bundle.kind !== 'content script')
    .flatMap((bundle) => {
      const limit = Object.hasOwn(limits, bundle.name) ? limits[bundle.name] : undefined;
      if (limit === undefined) return [`${bundle.name}: no limit set (scripts/bundle-sizes.mjs BUNDLE_LIMITS)`];
      return bundle.bytes > limit ? [`${bundle.name}: ${kib(bundle.bytes)} minified, over ${kib(limit)}`] : [];
    });
}

/**
 * Which zod a bundle's code carries, by the names zod gives its schema classes (kept as strings
 * through minifying): classic zod's (`ZodObject`), zod/mini's (`ZodMiniObject`), only zod's core
 * (`$ZodType`), or none. Classic zod is 89 KiB of a bundle, mini 35 (issue 12).
 */
export function zodIn(code) {
  const named = (name) => new RegExp(`[\`'"]${name.replace('$', '\\$')}[\`'"]`).test(code);
  return {
    classic: named('ZodObject') || named('ZodType'),
    mini: named('ZodMiniObject') || named('ZodMiniType'),
    core: named('$ZodType'),
  };
}

/** zodIn over the files of one bundle of the build in `dir`. */
export function bundleZod(dir, bundle) {
  return zodIn(bundle.files.map((file) => readFileSync(path.join(dir, file), 'utf8')).join('\n'));
}
