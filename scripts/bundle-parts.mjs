#!/usr/bin/env node
// What a built bundle is made of: each byte of the minified file attributed, through its source
// map (build with CB_SOURCEMAP=1), to the source it came from, grouped by package or project
// folder. Usage: node scripts/bundle-parts.mjs <file.js> [--files]
import { readFileSync } from 'node:fs';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = Object.fromEntries([...BASE64].map((c, i) => [c, i]));

/** One segment's fields from its base64 VLQ (source-map v3). */
function decodeSegment(text) {
  const fields = [];
  let value = 0;
  let shift = 0;
  for (const char of text) {
    const digit = DIGIT[char];
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return fields;
}

/** Bytes of `code` per source (null: bytes no source claims, such as the bundler's own glue). */
export function bytesBySource(code, map) {
  const lines = code.split('\n');
  const bytes = new Map();
  const add = (source, n) => bytes.set(source, (bytes.get(source) ?? 0) + n);
  let sourceIndex = 0;
  map.mappings.split(';').forEach((line, row) => {
    const text = lines[row] ?? '';
    let column = 0;
    const segments = line ? line.split(',').map(decodeSegment) : [];
    const starts = [];
    for (const fields of segments) {
      column += fields[0];
      if (fields.length > 1) sourceIndex += fields[1];
      // Only the source index is needed; the other relative fields do not change it.
      starts.push({ column, source: fields.length > 1 ? map.sources[sourceIndex] : null });
    }
    if (starts.length === 0 || starts[0].column > 0) add(null, Math.min(starts[0]?.column ?? text.length, text.length) + 1);
    starts.forEach((start, i) => {
      const end = i + 1 < starts.length ? starts[i + 1].column : text.length;
      add(start.source, Buffer.byteLength(text.slice(start.column, end)) + (i + 1 === starts.length ? 1 : 0));
    });
  });
  return bytes;
}

/** A source's part: its npm package, or its project folder (utils/sites/x.ts stays a file). */
export function partOf(source, byFile = false) {
  if (source === null) return '(bundler)';
  const inModules = source.match(/node_modules\/((?:@[^/]+\/)?[^/]+)(\/.*)?/);
  if (inModules) return byFile ? `${inModules[1]}${inModules[2] ?? ''}` : inModules[1];
  const own = source.replace(/^(\.\.\/)+/, '').replace(/^.*?\/(utils|components|entrypoints)\//, '$1/');
  if (byFile || own.startsWith('utils/sites/')) return own;
  return own.split('/').slice(0, 2).join('/');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  const byFile = process.argv.includes('--files');
  const code = readFileSync(file, 'utf8');
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8'));
  const parts = new Map();
  for (const [source, n] of bytesBySource(code, map)) parts.set(partOf(source, byFile), (parts.get(partOf(source, byFile)) ?? 0) + n);
  const total = Buffer.byteLength(code);
  console.log(`${file}: ${(total / 1024).toFixed(1)} KiB`);
  for (const [part, n] of [...parts].sort((a, b) => b[1] - a[1])) {
    console.log(`${(n / 1024).toFixed(1).padStart(7)} KiB ${((100 * n) / total).toFixed(1).padStart(5)} %  ${part}`);
  }
}
