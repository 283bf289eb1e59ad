import { ANY_SITE, type Settings } from '../model/schema';
import { adapters } from '../sites';
import type { SiteAdapter } from '../sites/types';

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
