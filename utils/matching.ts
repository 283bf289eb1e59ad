import { normalizeIdentifier } from './normalize';
import { ANY_SITE, type Person } from './schema';
import type { SeenIdentifier, Sighting } from './sites/types';

export interface WatchMatch {
  person: Person;
  /** The identifier on the page that matched (a compose window's Leave removes it). */
  seen: SeenIdentifier;
}

/**
 * The watched list compiled for one site: a map from normalised identifier to person, built
 * once per settings change, so a lookup costs the same with 1 or 1,000 identifiers.
 */
export interface WatchIndex {
  site: string;
  /** Nobody is watched on this site: the content script does nothing here. */
  empty: boolean;
  match(sighting: Sighting): WatchMatch | null;
}

const key = (kind: string, value: string) => `${kind}\u0000${value}`;

export function compileWatchIndex(people: readonly Person[], site: string): WatchIndex {
  const byKey = new Map<string, Person>();
  for (const person of people) {
    for (const identifier of person.identifiers) {
      if (identifier.site !== site && identifier.site !== ANY_SITE) continue;
      const value = normalizeIdentifier(identifier.kind, identifier.value);
      if (value) byKey.set(key(identifier.kind, value), person);
    }
  }
  return {
    site,
    empty: byKey.size === 0,
    match(sighting) {
      for (const seen of sighting.identifiers) {
        const value = normalizeIdentifier(seen.kind, seen.value);
        const person = value ? byKey.get(key(seen.kind, value)) : undefined;
        if (person) return { person, seen };
      }
      return null;
    },
  };
}
