import { MatchPattern } from '@webext-core/match-patterns';
import { ANY_SITE, type Settings } from './schema';
import { adapters } from './sites';
import type { SiteAdapter } from './sites/types';

export const VEIL_SCRIPT_ID = 'clean-break-veil';

/** The match patterns of every watched person's own pages, on the sites that are on (or on `only`). */
export function veilPatterns(settings: Settings, only: readonly SiteAdapter[] = adapters): string[] {
  const patterns = new Set<string>();
  for (const adapter of only) {
    if (!adapter.veilPatterns || settings.disabledSites.includes(adapter.id)) continue;
    for (const person of settings.people) {
      for (const identifier of person.identifiers) {
        if (identifier.site !== adapter.id && identifier.site !== ANY_SITE) continue;
        for (const pattern of adapter.veilPatterns(identifier)) patterns.add(pattern);
      }
    }
  }
  return [...patterns].sort();
}

/**
 * Whether the browser hides this URL's page under this veil pattern. Browsers match a
 * pattern's path against the path and the query (`/send*phone=*123*` hides
 * `/send?phone=447123`); @webext-core/match-patterns compares the path alone, so the path is
 * matched here. The content script must agree with the browser exactly: a page veiled
 * without its knowing would stay hidden.
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
