import { t, type MessageKey } from './i18n';
import { guessIdentifierKind, normalizeIdentifier } from './normalize';
import type { Identifier, IdentifierKind, Person, Settings } from './schema';
import { appliesOn } from './schema-values';
import { adapterForLink } from '../sites';
import type { SiteAdapter } from '../sites/types';

// Adapters compare as the matcher does without importing the registry back (identity → sites → adapter).
export { guessIdentifierKind, normalizeIdentifier, normalizeName } from './normalize';

/** Turns pasted text into a URL when it is a link, with or without its scheme. */
export function parseLinkText(text: string): URL | null {
  const trimmed = text.trim();
  if (!trimmed || /\s/.test(trimmed)) return null;
  const withScheme = /^https?:\/\//i.test(trimmed)
    ? trimmed
    : /^[a-z0-9-]+(\.[a-z0-9-]+)+\//i.test(trimmed)
      ? `https://${trimmed}`
      : null;
  if (!withScheme) return null;
  try {
    const url = new URL(withScheme);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

/** What each kind of identifier is called, in an error about one. */
const KIND_NAME: Record<IdentifierKind, MessageKey> = {
  handle: 'identifier_kind_handle',
  accountId: 'identifier_kind_account_id',
  conversationId: 'identifier_kind_conversation_id',
  name: 'identifier_kind_name',
  phone: 'identifier_kind_phone',
  email: 'identifier_kind_email',
};

export type ParsedIdentifiers =
  | { ok: true; identifiers: Identifier[]; from: string | null }
  | { ok: false; error: string };

/**
 * What the user typed or pasted in options, as identifiers: a link to a built-in or custom
 * site gives the identifiers its site reads from it (tied to that site); anything else is one identifier of
 * the kind chosen (or guessed) for the chosen site.
 */
export function identifiersFromInput(
  text: string,
  site: string,
  kind: IdentifierKind | 'auto',
  customSites: readonly SiteAdapter[] = [],
): ParsedIdentifiers {
  const trimmed = text.trim();
  if (!trimmed) return { ok: false, error: t('identity_empty') };
  const url = parseLinkText(trimmed);
  if (url) {
    const adapter = adapterForLink(url, customSites);
    if (!adapter) {
      return { ok: false, error: t('identity_unknown_site', { host: url.hostname }) };
    }
    const sighting = adapter.fromUrl(url);
    if (!sighting || sighting.identifiers.length === 0) {
      return { ok: false, error: t('identity_not_profile', { site: adapter.name }) };
    }
    // A value the site reads as several kinds (a custom site's free text) is kept once, as the first.
    const values = new Set<string>();
    const identifiers = sighting.identifiers.filter((seen) => !values.has(seen.value) && values.add(seen.value));
    return { ok: true, from: adapter.name, identifiers: identifiers.map((seen) => ({ ...seen, site: adapter.id })) };
  }
  const chosen = kind === 'auto' ? guessIdentifierKind(trimmed) : kind;
  const value = chosen === 'handle' ? trimmed.replace(/^@+/, '') : trimmed;
  if (!normalizeIdentifier(chosen, value)) return { ok: false, error: t('identity_unusable', { text: trimmed, kind: t(KIND_NAME[chosen]) }) };
  return { ok: true, from: null, identifiers: [{ kind: chosen, value, site }] };
}

/** The person with the identifiers they did not have yet, and which those were. */
export function withIdentifiers(person: Person, identifiers: readonly Identifier[]): { person: Person; added: Identifier[] } {
  const key = (i: Identifier) => `${i.site}|${i.kind}|${i.value}`;
  const known = new Set(person.identifiers.map(key));
  const added = identifiers.filter((i) => !known.has(key(i)));
  return { person: { ...person, identifiers: [...person.identifiers, ...added] }, added };
}

/**
 * Where the person's identifiers leave a site blind that a word from the user would cover. Pure.
 * `whatsappName`: a number for WhatsApp and no name there. WhatsApp Web heads a saved contact's
 * chat with the name the user saved them under, and since 2026 carries no number anywhere in the
 * page (a CRM extension's measurement of 2026-08-23, public index, find_string 'data-id="false_'):
 * only a click-to-chat link, or a chat with a number never saved, shows it.
 */
export type CoverageHint = 'whatsappName';

export function coverageHints(person: Person, settings: Pick<Settings, 'disabledSites'>): CoverageHint[] {
  const has = (kind: IdentifierKind, site: string) => person.identifiers.some((identifier) => identifier.kind === kind && appliesOn(identifier, site));
  if (settings.disabledSites.includes('whatsapp')) return [];
  return has('phone', 'whatsapp') && !has('name', 'whatsapp') ? ['whatsappName'] : [];
}
