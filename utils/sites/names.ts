/**
 * Each built-in site's name, as the pages show it: its adapter's `name` (utils/sites/<site>.ts)
 * comes from here, so the popup and the pages can name a site without loading the adapters.
 */
export const siteNames = {
  instagram: 'Instagram',
  facebook: 'Facebook',
  messenger: 'Messenger',
  whatsapp: 'WhatsApp Web',
  telegram: 'Telegram Web',
  x: 'X',
  linkedin: 'LinkedIn',
  discord: 'Discord',
  tiktok: 'TikTok',
  reddit: 'Reddit',
  threads: 'Threads',
  bluesky: 'Bluesky',
  snapchat: 'Snapchat',
  gmail: 'Gmail',
  outlook: 'Outlook',
} as const;

/** The built-in sites, each by its id and name, in the registry's order (utils/sites/index.ts): what the pages list. */
// Pure: left out of the bundles that do not use it (the content scripts).
export const builtInSites: readonly { id: string; name: string }[] = /* @__PURE__ */ Object.entries(siteNames).map(([id, name]) => ({ id, name }));

/** A built-in site's name, or undefined for any other id (a custom site's, or a removed one). */
export function builtInSiteName(id: string): string | undefined {
  return Object.hasOwn(siteNames, id) ? siteNames[id as keyof typeof siteNames] : undefined;
}
