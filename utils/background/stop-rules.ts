import { browser, type Browser } from 'wxt/browser';
import { ANY_SITE, type Person, type Settings, type Snooze } from '../model/schema';
import { compileWatchIndex } from '../model/matching';
import { adapters } from '../sites';
import { escapeRegex, matchPatternRegex } from '../sites/lib/patterns';
import type { SiteAdapter } from '../sites/types';
import { loadSettings, loadSnoozes, stopKeyItem } from '../store/storage';
import { serialQueue } from './queue';
import { grantedCustomSites } from './registration';
import { snoozeAtLeast } from './log';
import type { StopRef } from '../protocol/requests';
import type { StopReading } from '../protocol/replies';

/**
 * Stopped before the request (issue 23, point 1). A full load of an address that names a watched
 * person (the addresses the veil covers, `veilPatterns`: a profile, an Instagram story, a learned
 * thread, a LinkedIn profile, a custom site's person page) never reaches the site: a
 * `declarativeNetRequest` rule redirects that main frame to the extension's own pause page
 * (entrypoints/pause), which shows the same screen and records the same attempt. Continue lets
 * exactly that navigation through once: a session rule for that tab and address, taken away once
 * the tab has loaded (and by a minute at most). In-app navigations are not requests for a page and
 * stay with the content script (docs/protection.md).
 *
 * The rules are this module's own (every dynamic rule is one of them): compiled here from the
 * settings and the snoozes (someone let through is not redirected until the snooze ends, an alarm
 * set for then), and written again on every change of either, of a custom site's grant, and at
 * every start of the worker.
 */

export const STOP_PAGE = '/pause.html';
/** Rebuilds the rules when the next snooze ends. */
export const STOP_ALARM = 'stop-rules';
const REDIRECT_PRIORITY = 1;
const LET_THROUGH_PRIORITY = 2;
/** How long a let-through waits for its navigation at most. */
const LET_THROUGH_MS = 60_000;

type Rule = Browser.declarativeNetRequest.Rule;

export interface StopTarget {
  site: string;
  personId: string;
  /** Regular expressions over the whole address, each anchored (matchPatternRegex). */
  regexes: string[];
  /**
   * Only as written (a custom site). Built-in sites' names ignore case, so `instagram.com/SAM`
   * typed is stopped as `instagram.com/sam` is: their rules do.
   */
  caseSensitive: boolean;
}

/**
 * Whose addresses are stopped, and which (pure): every watched person on every site that is on
 * (built in, or a custom site whose host is granted), except while they are let through there.
 */
export function stopTargets(settings: Settings, snoozes: readonly Snooze[], now: number, sites: readonly SiteAdapter[] = adapters): StopTarget[] {
  const targets: StopTarget[] = [];
  for (const adapter of sites) {
    if (!adapter.veilPatterns || settings.disabledSites.includes(adapter.id)) continue;
    for (const person of settings.people) {
      if (snoozes.some((s) => s.personId === person.id && s.site === adapter.id && s.until > now)) continue;
      const patterns = person.identifiers
        .filter((identifier) => identifier.site === adapter.id || identifier.site === ANY_SITE)
        .flatMap((identifier) => adapter.veilPatterns!(identifier));
      const regexes = [...new Set(patterns.map(matchPatternRegex).filter((regex) => regex !== null))].sort();
      if (regexes.length > 0) targets.push({ site: adapter.id, personId: person.id, regexes, caseSensitive: adapter.caseSensitive === true });
    }
  }
  return targets;
}

/** One regular expression for several (each anchored): `^(?:a|b)$`. */
export function oneOf(regexes: readonly string[]): string {
  if (regexes.length === 1) return regexes[0]!;
  return `^(?:${regexes.map((regex) => regex.slice(1, -1)).join('|')})$`;
}

/**
 * The redirect for one target's addresses. The pause page learns the address from its fragment
 * (`\0`, the whole address matched), whom from its query, and `k`, a key only these rules and
 * the background know: a page that opens the pause page itself (it is web-accessible, so a
 * redirect from any site's link can land there) cannot give it, and is shown nothing.
 */
export function redirectRule(id: number, regex: string, target: StopTarget, key: string, pageUrl: string): Rule {
  const query = new URLSearchParams({ k: key, s: target.site, p: target.personId });
  return {
    id,
    priority: REDIRECT_PRIORITY,
    condition: { regexFilter: regex, isUrlFilterCaseSensitive: target.caseSensitive, resourceTypes: ['main_frame'] },
    action: { type: 'redirect', redirect: { regexSubstitution: `${pageUrl}?${query}#\\0` } },
  };
}

const dnr = () => browser.declarativeNetRequest;

async function supported(regex: string, isCaseSensitive: boolean): Promise<boolean> {
  const result = await dnr().isRegexSupported({ regex, isCaseSensitive });
  return result.isSupported;
}

/** The rules for these targets: one per target where its regexes fit in one, else one per regex; at most the browser's limit. */
export async function compileRules(targets: readonly StopTarget[], key: string, pageUrl: string): Promise<Rule[]> {
  const limit = dnr().MAX_NUMBER_OF_REGEX_RULES ?? 1000;
  const rules: Rule[] = [];
  for (const target of targets) {
    const joined = oneOf(target.regexes);
    const regexes = target.regexes.length > 1 && !(await supported(joined, target.caseSensitive)) ? target.regexes : [joined];
    for (const regex of regexes) {
      // Over the limit, the veil still hides the rest as their page loads (utils/background/veil.ts).
      if (rules.length >= limit - 50) return rules;
      if (regexes.length > 1 && !(await supported(regex, target.caseSensitive))) continue;
      rules.push(redirectRule(rules.length + 1, regex, target, key, pageUrl));
    }
  }
  return rules;
}

const inQueue = serialQueue();

/** The key in rules already written. */
export function keyOf(rules: readonly Rule[]): string | null {
  for (const rule of rules) {
    const substitution = rule.action.redirect?.regexSubstitution ?? '';
    const query = substitution.slice(substitution.indexOf('?') + 1, substitution.lastIndexOf('#'));
    const key = substitution.includes('?') ? new URLSearchParams(query).get('k') : null;
    if (key) return key;
  }
  return null;
}

/**
 * The rules' key: made once and kept (a pause page opened before a change of the rules still
 * checks). Lost from storage (cleared by hand), the one in the rules in force is kept again, so a
 * redirect already on its way still checks.
 */
async function stopKey(): Promise<string> {
  const kept = (await stopKeyItem.getValue()) ?? keyOf(await dnr().getDynamicRules());
  if (kept) {
    await stopKeyItem.setValue(kept);
    return kept;
  }
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  const key = btoa(String.fromCharCode(...bytes)).replace(/[+/=]/g, (c) => ({ '+': '-', '/': '_', '=': '' })[c]!);
  await stopKeyItem.setValue(key);
  return key;
}

/** The settings that cannot be read leave the rules as they are: unreadable is not "nobody watched". */
export function syncStopRules(): Promise<void> {
  return inQueue(async () => {
    const [settings, snoozes] = await Promise.all([loadSettings(), loadSnoozes()]);
    if (!settings.readable || !snoozes.readable) return;
    const now = Date.now();
    const sites = [...adapters, ...(await grantedCustomSites(settings.value))];
    const current = await dnr().getDynamicRules();
    const key = await stopKey();
    const rules = await compileRules(stopTargets(settings.value, snoozes.value, now, sites), key, browser.runtime.getURL(STOP_PAGE));
    if (JSON.stringify(comparable(current)) !== JSON.stringify(comparable(rules))) {
      await dnr().updateDynamicRules({ removeRuleIds: current.map((rule) => rule.id), addRules: rules });
    }
    const next = Math.min(...snoozes.value.map((s) => s.until).filter((until) => until > now));
    await browser.alarms.clear(STOP_ALARM);
    if (Number.isFinite(next)) await browser.alarms.create(STOP_ALARM, { when: next + 500 });
  });
}

/** What the browser gives back of a rule, in one order, to tell whether anything changed. */
function comparable(rules: readonly Rule[]) {
  return rules.map(({ id, priority, condition, action }) => ({
    id,
    priority,
    regex: condition.regexFilter,
    caseSensitive: condition.isUrlFilterCaseSensitive,
    to: action.redirect?.regexSubstitution,
  }));
}

/** Whether a key is the one in the rules (the pause page's proof that a rule sent it). */
export async function isStopKey(key: string): Promise<boolean> {
  return key !== '' && ((await stopKeyItem.getValue()) ?? keyOf(await dnr().getDynamicRules())) === key;
}

/**
 * Lets one navigation of one tab to one address through: a session rule above the redirects,
 * taken away when the tab has loaded, is closed, or after a minute.
 */
export async function letThrough(tabId: number, url: string): Promise<void> {
  const rules = await dnr().getSessionRules();
  const id = Math.max(0, ...rules.map((rule) => rule.id)) + 1;
  await dnr().updateSessionRules({
    removeRuleIds: rules.filter((rule) => rule.condition.tabIds?.includes(tabId)).map((rule) => rule.id),
    addRules: [
      {
        id,
        priority: LET_THROUGH_PRIORITY,
        condition: { regexFilter: `^${escapeRegex(url)}$`, isUrlFilterCaseSensitive: true, tabIds: [tabId], resourceTypes: ['main_frame'] },
        action: { type: 'allow' },
      },
    ],
  });
  let done = false;
  const remove = () => {
    if (done) return;
    done = true;
    browser.tabs.onUpdated.removeListener(onUpdated);
    browser.tabs.onRemoved.removeListener(onRemoved);
    void dnr().updateSessionRules({ removeRuleIds: [id] });
  };
  // Taken away once the navigation it lets through has loaded: a 'complete' before that navigation
  // started is the pause page's own (it may still be loading when an address opens at once).
  let started = false;
  const onUpdated = (updated: number, change: { status?: string }) => {
    if (updated !== tabId) return;
    if (change.status === 'loading') started = true;
    else if (change.status === 'complete' && started) remove();
  };
  const onRemoved = (removed: number) => {
    if (removed === tabId) remove();
  };
  browser.tabs.onUpdated.addListener(onUpdated);
  browser.tabs.onRemoved.addListener(onRemoved);
  setTimeout(remove, LET_THROUGH_MS);
}

/** At the worker's start: a let-through whose worker stopped before it was used is not left behind. */
export async function clearLetThroughs(): Promise<void> {
  const rules = await dnr().getSessionRules();
  if (rules.length > 0) await dnr().updateSessionRules({ removeRuleIds: rules.map((rule) => rule.id) });
}

/** Whom a stopping rule's request names, read from the settings: the person and their site, if both are still there. */
async function stopped(ref: StopRef): Promise<{ settings: Settings; snoozes: readonly Snooze[]; sites: SiteAdapter[]; person?: Person; adapter?: SiteAdapter }> {
  const [settings, snoozes] = await Promise.all([loadSettings(), loadSnoozes()]);
  const sites = [...adapters, ...(await grantedCustomSites(settings.value))];
  const person = settings.value.people.find((p) => p.id === ref.personId);
  const adapter = sites.find((site) => site.id === ref.site);
  return { settings: settings.value, snoozes: snoozes.value, sites, person, adapter };
}

/** Their address, as the content script would read it (not someone else's whom a wider pattern caught). */
const theirs = (found: { person?: Person; adapter?: SiteAdapter }, url: string): found is { person: Person; adapter: SiteAdapter } =>
  found.person !== undefined && found.adapter !== undefined && !namesSomeoneElse(found.adapter, found.person, new URL(url));

/**
 * The address, read as the content script reads it, names someone who is not them: a pattern
 * wider than a name (a custom site's `…/members/sam*` also matches `sam.leeroy`) sent someone
 * else's page here, and it opens. An address the reader cannot tell about stays stopped.
 */
export function namesSomeoneElse(adapter: SiteAdapter, person: Person, url: URL): boolean {
  const sighting = adapter.fromUrl(url);
  return sighting !== null && sighting.identifiers.length > 0 && compileWatchIndex([person], adapter.id).match(sighting) === null;
}

/** The pause page's question: what to show for the address a rule stopped. */
export async function readStop(ref: StopRef): Promise<StopReading> {
  if (!(await isStopKey(ref.key))) return { status: 'refused' };
  const found = await stopped(ref);
  const target = stopTargets(found.settings, found.snoozes, Date.now(), found.sites).find(
    (target) => target.site === ref.site && target.personId === ref.personId,
  );
  // Removed, switched off or let through since the redirect (the rules are being written again),
  // or someone else's address: it opens.
  if (!target || !target.regexes.some((regex) => new RegExp(regex, target.caseSensitive ? '' : 'i').test(ref.url)) || !theirs(found, ref.url)) return { status: 'pass' };
  const { person, adapter, settings } = found;
  const url = new URL(ref.url);
  const { questions, reminders, countdownSeconds, typedPhrase, supportPerson } = settings;
  return {
    status: 'screen',
    person: { id: person.id, alias: person.alias },
    kind: adapter.fromUrl(url)?.kind ?? 'profile',
    story: adapter.story?.(url) ?? false,
    screen: { questions, reminders, countdownSeconds, typedPhrase, supportPerson },
  };
}

/**
 * Continue on the pause page (or an address it found is not theirs): that navigation of that tab
 * goes through once, and after Continue the content script on the page it opens lets them through
 * too (at least a minute's snooze, as Continue gives on the page itself). False when no rule sent
 * the page there.
 */
export async function passStop(ref: StopRef, tabId: number): Promise<boolean> {
  if (!(await isStopKey(ref.key))) return false;
  // Their address (not someone else's, and they are still watched): let through on the page it
  // opens, as Continue there does (the snooze Continue wrote may already stop the rule applying).
  // Into their chat, the first send there asks once, as after Continue on the page (a minute to load it).
  const found = await stopped(ref);
  if (theirs(found, ref.url)) {
    await snoozeAtLeast(ref.personId, ref.site, 1, found.adapter.fromUrl(new URL(ref.url))?.kind === 'thread' ? 60_000 : undefined);
  }
  try {
    await letThrough(tabId, ref.url);
  } catch {
    // A rule the browser refuses (an address too long for one): the snooze above lifts their rule
    // once the rules are written again, now.
    await syncStopRules();
  }
  return true;
}
