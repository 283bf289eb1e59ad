/** Match patterns for a page and everything under it: `<base>`, `<base>?…` and `<base>/…`. */
export function pageAndBelow(...bases: string[]): string[] {
  return bases.flatMap((base) => [base, `${base}?*`, `${base}/*`]);
}

/** A name as written and in lower case: sites link names in lower case, people may type them otherwise. */
export function asWrittenAndLower(value: string): string[] {
  return [...new Set([value, value.toLowerCase()])];
}

/**
 * Match patterns for `<base>` with `<name>=<value>` among its query parameters, in any order.
 * The browser matches a pattern's path against the path and the query (tests/unit/browser-match.ts); the
 * parameter starts the query or follows another one, and the value ends the query or another
 * parameter follows it, so `id=123` covers neither `fbid=123` nor `id=1234`.
 */
export function withParameter(base: string, name: string, value: string): string[] {
  return ['?', '&'].flatMap((before) => [`${base}*${before}${name}=${value}`, `${base}*${before}${name}=${value}&*`]);
}

// A plain e-mail address: only characters a link carries as they are (or `+` as %2B), so none
// can be misread in a pattern.
const ADDRESS = /^[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$/;

/**
 * An e-mail address as compose links carry it in their query: `@` as is or as %40, `+` as is or
 * as %2B, as written and in lower case. None when it is not a plain address.
 */
export function addressForms(value: string): string[] {
  const address = value.trim().replace(/^mailto:/i, '');
  if (!ADDRESS.test(address)) return [];
  const forms = asWrittenAndLower(address).flatMap((spelling) =>
    [spelling, spelling.replace(/\+/g, '%2B')].flatMap((form) => [form, form.replace('@', '%40')]),
  );
  return [...new Set(forms)];
}

/** Text as a regular expression that matches it and nothing else. */
export const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A match pattern as a regular expression over the whole address (scheme, host, path and query,
 * as browsers match patterns; never the fragment, which no request carries), anchored at both
 * ends, for `declarativeNetRequest`'s `regexFilter` (utils/background/stop-rules.ts). `*` in the
 * path is anything; `*.` before a host is any subdomain or none; `*` as the scheme is http or
 * https; a host carries no port. Null for anything that is not such a pattern.
 */
export function matchPatternRegex(pattern: string): string | null {
  const parts = /^(\*|https?):\/\/(\*|(?:\*\.)?[a-z0-9.-]+)(\/.*)$/i.exec(pattern);
  if (!parts) return null;
  const [, scheme, host, path] = parts as unknown as [string, string, string, string];
  const escape = escapeRegex;
  const hostRegex =
    host === '*' ? '[^/?#:]+' : host.startsWith('*.') ? `(?:[^/?#:]+\\.)?${escape(host.slice(2).toLowerCase())}` : escape(host.toLowerCase());
  const pathRegex = path.split('*').map(escape).join('.*');
  return `^${scheme === '*' ? 'https?' : escape(scheme.toLowerCase())}://${hostRegex}(?::[0-9]+)?${pathRegex}$`;
}
