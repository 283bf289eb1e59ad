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
export const BUNDLE_LIMITS: Record<string, number>;
export function overBundleLimits(bundles: readonly BundleSize[], limits?: Record<string, number>): string[];
export interface ZodIn {
  classic: boolean;
  mini: boolean;
  core: boolean;
}
export function zodIn(code: string): ZodIn;
export function bundleZod(dir: string, bundle: BundleSize): ZodIn;
