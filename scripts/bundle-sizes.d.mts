export interface BundleSize {
  name: string;
  kind: 'content script' | 'background' | 'page';
  files: string[];
  bytes: number;
  gzipBytes: number;
}
export interface SizeLimit {
  bytes: number;
  gzipBytes: number;
}
export const CONTENT_SCRIPT_LIMIT: SizeLimit;
export function bundleSizes(dir: string): BundleSize[];
export function overLimit(bundles: readonly BundleSize[], limit?: SizeLimit): string[];
