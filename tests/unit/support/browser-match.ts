import { MatchPattern } from '@webext-core/match-patterns';

/**
 * Whether the browser hides this URL's page under this veil pattern, so tests can hold each
 * adapter's veil patterns to the URLs it reads. Browsers match a pattern's path against the
 * path and the query (`/send*phone=*123*` hides `/send?phone=447123`; checked in Chromium);
 * @webext-core/match-patterns compares the path alone, so the path is matched here.
 */
export function veilCovers(pattern: string, url: URL): boolean {
  const slash = pattern.indexOf('/', pattern.indexOf('://') + 3);
  if (slash < 0 || !new MatchPattern(`${pattern.slice(0, slash)}/*`).includes(url)) return false;
  const path = pattern
    .slice(slash)
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${path}$`).test(`${url.pathname}${url.search}`);
}
