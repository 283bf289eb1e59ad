import { ANY_SITE, type Settings } from './schema';
import { adapters } from './sites';

export const VEIL_SCRIPT_ID = 'clean-break-veil';

/** The match patterns of every watched person's own pages, on the sites that are on. */
export function veilPatterns(settings: Settings): string[] {
  const patterns = new Set<string>();
  for (const adapter of adapters) {
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
