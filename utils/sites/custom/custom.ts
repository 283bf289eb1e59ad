import { MatchPattern } from '@webext-core/match-patterns';
import { t } from '../../model/i18n';
import type { CustomSite, Settings } from '../../model/schema';
import { customSiteAdapter } from './adapter';
import { adapterAmong, adapters } from '../index';
import type { SiteAdapter } from '../types';

export { readAfter, seenAs } from './adapter';

/**
 * Custom sites: a site the user adds in options, described as data (its address pattern and
 * where the person is named) and turned here into an adapter like the built-in ones. Its
 * content script is registered by the background once the user has granted its host.
 */

/**
 * `pattern`: the pages watched. `origin`: the host permission asked for, the whole host
 * (browsers grant hosts, not paths). `home`: where Leave goes with no history to go back to.
 */
export type SitePattern = { ok: true; pattern: string; origin: string; home: string } | { ok: false; error: string };

const HOST = /^(\*\.)?([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

/**
 * What the user typed for a site's address, as a match pattern for its pages:
 * `forum.example.com` → `https://forum.example.com/*`, `example.com/members/` →
 * `https://example.com/members/*`, `*.example.com` for every subdomain. A single site only:
 * never every site, and never a built-in site's host (those have their own adapters).
 */
export function sitePattern(typed: string): SitePattern {
  const text = typed.trim();
  if (!text) return { ok: false, error: t('site_address_empty') };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text) && !/^(https?|\*):\/\//i.test(text)) {
    return { ok: false, error: t('site_address_scheme') };
  }
  const parts = /^(?:(https?|\*):\/\/)?([^/?#\s]+)(\/[^?#\s]*)?$/i.exec(text);
  if (!parts) return { ok: false, error: t('site_address_invalid', { text }) };
  const scheme = (parts[1] ?? 'https').toLowerCase();
  const host = parts[2]!.toLowerCase();
  if (host.includes(':')) return { ok: false, error: t('site_address_port') };
  if (!HOST.test(host)) {
    return { ok: false, error: t('site_address_not_one', { host }) };
  }
  const builtIn = builtInOverlap(host);
  if (builtIn) return { ok: false, error: t('site_address_built_in', { site: builtIn.name }) };
  const path = parts[3] ?? '/';
  const pattern = `${scheme}://${host}${path.endsWith('*') ? path : `${path}*`}`;
  try {
    new MatchPattern(pattern);
  } catch {
    return { ok: false, error: t('site_address_unwatchable', { text }) };
  }
  return {
    ok: true,
    pattern,
    origin: `${scheme}://${host}/*`,
    home: `${scheme === 'http' ? 'http' : 'https'}://${host.replace(/^\*\./, '')}/`,
  };
}

/** The built-in adapter whose hosts this host (or, for `*.`, any of its subdomains) covers. */
function builtInOverlap(host: string): SiteAdapter | undefined {
  const domain = host.replace(/^\*\./, '');
  const covers = (builtInHost: string) =>
    builtInHost === domain || (host.startsWith('*.') && builtInHost.endsWith(`.${domain}`));
  return adapters.find((adapter) =>
    adapter.matches.some((match) => covers(new URL(match.replace('/*', '/')).hostname)),
  );
}

/**
 * A CSS selector the user typed, or why it cannot be used. Checked against an empty
 * fragment: the selector is parsed, not run against any page.
 */
export function selectorProblem(selector: string): string | null {
  const trimmed = selector.trim();
  if (!trimmed) return t('site_selector_empty');
  try {
    document.createDocumentFragment().querySelector(trimmed);
    return null;
  } catch {
    return t('site_selector_invalid', { selector: trimmed });
  }
}




/** The adapter for a custom site, or null when its stored pattern is no longer one Clean Break accepts. */
export function customAdapter(site: CustomSite): SiteAdapter | null {
  const checked = sitePattern(site.pattern);
  return checked.ok ? customSiteAdapter({ ...site, pattern: checked.pattern, home: checked.home }) : null;
}

/** The host permission a custom site needs, or null when its stored pattern no longer parses. */
export function siteOrigin(site: CustomSite): string | null {
  const checked = sitePattern(site.pattern);
  return checked.ok ? checked.origin : null;
}

/** The user's custom sites as adapters (those whose pattern still parses). */
export function customAdapters(settings: Settings): SiteAdapter[] {
  return settings.customSites.flatMap((site) => customAdapter(site) ?? []);
}

/** The custom site whose pattern includes this URL, as an adapter. */
export function customAdapterForUrl(settings: Settings, url: string | URL): SiteAdapter | undefined {
  return adapterAmong(customAdapters(settings), url);
}

/** A new custom site's id: stable for the site's life, unique among the user's sites. */
export function newCustomSiteId(): string {
  return `custom-${crypto.randomUUID()}`;
}
