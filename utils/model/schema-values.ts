import type { MessageKey } from './i18n';

/**
 * Plain values the schemas (utils/model/schema.ts) are built from, importable without zod: the
 * content scripts carry no schema library (issue 12: zod was 38 % of their bundle), and what
 * they need of the schemas is these values and the types.
 */

/** `*` means every site; otherwise a site adapter's id (or a custom site's id). */
export const ANY_SITE = '*';

/** Whether an identifier tied to `identifier.site` is one to look for on `site`: its own, or every site. */
export const appliesOn = (identifier: { site: string }, site: string) => identifier.site === site || identifier.site === ANY_SITE;

export const FEELINGS = ['lonely', 'angry', 'curious', 'bored', 'missing-them', 'had-a-drink', 'other'] as const;
export type Feeling = (typeof FEELINGS)[number];

/** How each feeling is named to the person (on the pause screen, the dashboard and the history): its message. */
export const FEELING_LABEL: Record<Feeling, MessageKey> = {
  lonely: 'feeling_lonely',
  angry: 'feeling_angry',
  curious: 'feeling_curious',
  bored: 'feeling_bored',
  'missing-them': 'feeling_missing_them',
  'had-a-drink': 'feeling_had_a_drink',
  other: 'feeling_other',
};
