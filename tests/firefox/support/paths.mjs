// Where the Firefox suite finds things (no test machinery here: run.mjs and lint.mjs import it too).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** The built Firefox extension: CB_FIREFOX_EXT, else <CB_OUT_DIR or .output>/firefox-mv2 (as wxt.config.ts puts it). */
export const EXT = process.env.CB_FIREFOX_EXT
  ? path.resolve(process.env.CB_FIREFOX_EXT)
  : path.resolve(ROOT, process.env.CB_OUT_DIR ?? '.output', 'firefox-mv2');
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const FIXTURES = path.join(ROOT, 'tests/fixtures');
