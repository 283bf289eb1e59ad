/**
 * `i18n.getMessage` as Chrome implements it, over a messages file: WXT's fake browser has none.
 * Names are case-insensitive; a message's `$name$` is its placeholder's content, in which `$1`…`$9`
 * are the substitutions and `$$` is a dollar sign; an unknown name is the empty string.
 */
export interface MessageEntry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

export function messageFrom(file: Record<string, MessageEntry>, name: string, substitutions?: string | string[]): string {
  const entry = Object.entries(file).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
  if (!entry) return '';
  const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  const fill = (text: string) => text.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
  const placeholders = Object.fromEntries(Object.entries(entry.placeholders ?? {}).map(([key, value]) => [key.toLowerCase(), value.content]));
  return entry.message.replace(/\$\$|\$([a-z0-9_@]+)\$/gi, (whole, key: string | undefined) => {
    if (key === undefined) return '$';
    const content = placeholders[key.toLowerCase()];
    return content === undefined ? whole : fill(content);
  });
}
