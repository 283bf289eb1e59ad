/*
 * A site's profile addresses, declared as data: "/<under>/<prefix><name>", its tabs
 * "/<under>/<prefix><name>/<tab>", and any deeper page that still shows the person (`below`).
 * Pure; each adapter whose profiles live at such addresses declares its rule and reads with it.
 * Every site's content script carries its own copy: keep it small.
 */

/** Which names can be a person's on the site. */
export interface NameRule {
  /** The site's rule for names: a RegExp, or anything with its `test`. */
  name: { test(name: string): boolean };
  /** The site's own pages where a name would be, never a person's: lower case (names are compared so). */
  reserved?: readonly string[];
}

export interface ProfileRule extends NameRule {
  /** The segment before the name, any one of these ('user', 'u'); none when the name comes first. */
  under?: readonly string[];
  /** What the name's segment starts with ('@'); not part of the name. */
  prefix?: string;
  /** Sub-pages that still show the profile: lower case. */
  tabs?: readonly string[];
  /** Tabs are compared in lower case (the site's addresses ignore case); else as written. */
  tabsAnyCase?: boolean;
  /** Deeper pages that still show the person (their posts), by the segments after the name. */
  below?(rest: readonly string[]): boolean;
}

export interface ProfilePath {
  readonly rule: ProfileRule;
  /** Whether this can be a person's name here (`profileName`). */
  named(name: string): boolean;
  /** The name a profile address names (the profile, one of its tabs, a page below it), else null. */
  read(url: URL): string | null;
}

/** Whether a value can be a person's name here: it follows the site's rule and is none of its own pages. */
export const profileName =
  ({ name, reserved = [] }: NameRule) =>
  (value: string): boolean =>
    name.test(value) && !reserved.includes(value.toLowerCase());

export function profilePath(rule: ProfileRule): ProfilePath {
  const { under, prefix = '', tabs = [], tabsAnyCase, below } = rule;
  const named = profileName(rule);
  return {
    rule,
    named,
    read({ pathname }) {
      const parts = pathname.split('/').filter(Boolean);
      if (under && !under.includes(parts.shift()!)) return null;
      const [segment = '', tab, ...more] = parts;
      const value = segment.slice(prefix.length);
      if (!segment.startsWith(prefix) || !named(value)) return null;
      return !tab || (!more.length && tabs.includes(tabsAnyCase ? tab.toLowerCase() : tab)) || below?.(parts.slice(1)) ? value : null;
    },
  };
}
