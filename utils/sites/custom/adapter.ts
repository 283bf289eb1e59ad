import { guessIdentifierKind } from '../../model/normalize';
import type { CustomSite, IdentifierKind } from '../../model/schema';
import { asWrittenAndLower } from '../lib/patterns';
import type { SeenIdentifier, Sighting, SiteAdapter } from '../types';

/**
 * A custom site turned into an adapter like the built-in ones, from its checked description
 * alone: no registry of the built-in sites, no schema library, so the custom sites' content
 * script (entrypoints/watch.content) carries only this. Checking what the user typed is
 * utils/sites/custom/custom.ts's.
 */

/** A custom site whose pattern was checked: `pattern` and `home` as sitePattern made them. */
export type CheckedCustomSite = Pick<CustomSite, 'id' | 'name' | 'kind' | 'identify'> & { pattern: string; home: string };

/** Decodes a URL part; a malformed escape leaves it as it was. */
function decoded(part: string): string {
  try {
    return decodeURIComponent(part.replace(/\+/g, ' '));
  } catch {
    return part;
  }
}

/**
 * The person named in an address right after `after` (compared without case): the text up to
 * the next `/`, `?`, `&` or `#`. `/members/` reads `/members/sam.lee/posts` as `sam.lee`;
 * `user=` reads `?user=sam.lee&tab=2` the same.
 */
export function readAfter(url: URL, after: string): string | null {
  const address = `${url.pathname}${url.search}${url.hash}`;
  const needle = after.trim().toLowerCase();
  if (!needle) return null;
  const at = address.toLowerCase().indexOf(needle);
  if (at < 0) return null;
  const raw = /^[^/?&#]+/.exec(address.slice(at + needle.length))?.[0];
  const value = raw ? decoded(raw).trim() : '';
  return value || null;
}

/**
 * What a custom site shows of a person is free text: it is compared as a username and as a
 * name, and as an address or number when it looks like one.
 */
export function seenAs(text: string): SeenIdentifier[] {
  const value = text.trim().replace(/\s+/g, ' ').slice(0, 320);
  if (!value) return [];
  // What it looks like first: a pasted link keeps only the first reading of each value.
  const kinds = new Set<IdentifierKind>([guessIdentifierKind(value), 'handle', 'name']);
  return [...kinds].map((kind) => ({ kind, value }));
}

/** At most this many elements are read on a page: a selector that finds a whole list is not a header. */
const MAX_ELEMENTS = 20;

/** The adapter for a custom site whose pattern has been checked (utils/sites/custom/custom.ts). */
export function customSiteAdapter(site: CheckedCustomSite): SiteAdapter {
  const { identify } = site;
  const sighting = (text: string): Sighting | null => {
    const identifiers = seenAs(text);
    return identifiers.length ? { kind: site.kind, identifiers } : null;
  };
  const adapter: SiteAdapter = {
    id: site.id,
    name: site.name,
    matches: [site.pattern],
    home: site.home,
    caseSensitive: true,
    fromUrl(url) {
      if (identify.by !== 'url') return null;
      const value = readAfter(url, identify.after);
      return value ? sighting(value) : null;
    },
  };
  if (identify.by === 'element') {
    adapter.fromPage = (doc) => {
      let elements: NodeListOf<Element>;
      try {
        elements = doc.querySelectorAll(identify.selector);
      } catch {
        return [];
      }
      const sightings: Sighting[] = [];
      for (const element of [...elements].slice(0, MAX_ELEMENTS)) {
        const found = sighting(element.textContent ?? '');
        if (found) sightings.push(found);
      }
      return sightings;
    };
  } else if (identify.after.startsWith('/')) {
    // The person's own pages, hidden from their first frame: `/members/` → `…/*members/<name>*`.
    const [scheme, rest] = site.pattern.split('://') as [string, string];
    const host = rest.slice(0, rest.indexOf('/'));
    adapter.veilPatterns = (identifier) => {
      if (identifier.kind !== 'handle' || identifier.value.includes('*')) return [];
      return asWrittenAndLower(identifier.value).map(
        (value) => `${scheme}://${host}/*${identify.after.slice(1)}${encodeURIComponent(value)}*`,
      );
    };
  }
  return adapter;
}
