import { normalizeIdentifier } from './normalize';
import type { Person } from './schema';
import { appliesOn } from './schema-values';
import type { SeenIdentifier, Sighting } from '../sites/types';

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

// Identifiers that say which account a profile is: where a person has one on a site, a profile
// there is theirs by it, not by its name.
const ACCOUNT_KINDS = new Set<string>(['handle', 'accountId']);

/**
 * A display name identifies the person in a conversation (a chat header shows the name the user
 * saved, or the partner's own), not on a public profile, where many people share it. So on a
 * profile a name matches only where the user tied it to this site themselves and gave no handle or
 * account id here that would say it better (issue 13: another person's Facebook profile, with a
 * different id and the same name, paused).
 */
export function compileWatchIndex(people: readonly Person[], site: string): WatchIndex {
  const byKey = new Map<string, Person>();
  const profileNames = new Map<string, Person>();
  for (const person of people) {
    const here = person.identifiers.filter((identifier) => appliesOn(identifier, site));
    const hasAccountHere = here.some((identifier) => ACCOUNT_KINDS.has(identifier.kind));
    for (const identifier of here) {
      const value = normalizeIdentifier(identifier.kind, identifier.value);
      if (!value) continue;
      byKey.set(key(identifier.kind, value), person);
      if (identifier.kind === 'name' && identifier.site === site && !hasAccountHere) profileNames.set(value, person);
    }
  }
  return {
    site,
    empty: byKey.size === 0,
    match(sighting) {
      // A group's conversation is nobody's, whoever writes in it.
      if (sighting.group) return null;
      for (const seen of sighting.identifiers) {
        const value = normalizeIdentifier(seen.kind, seen.value);
        if (!value) continue;
        const person = sighting.kind === 'profile' && seen.kind === 'name' ? profileNames.get(value) : byKey.get(key(seen.kind, value));
        if (person) return { person, seen };
      }
      return null;
    },
  };
}
