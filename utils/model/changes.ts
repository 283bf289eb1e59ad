import { z } from './zod';
import { sameIdentifier } from './normalize';
import {
  CustomSite,
  Identifier,
  IdentifierKind,
  LockHours,
  QuestionList,
  Settings,
  SiteRef,
  StrictHours,
  SupportPerson,
} from './schema';

/**
 * What the pages ask of the settings: one specific change each (add a person, remove an
 * identifier, set the countdown …), applied by the background to the settings as they are
 * when it runs, so two pages saving at once lose nothing. The rules live here, pure:
 * `applyChange` says what a change does, `weakenings` what it takes away, and `decide` what
 * the protection lock lets through now and what must wait.
 */
const PersonId = z.string().check(z.minLength(1), z.maxLength(100));
const Alias = z.string().check(z.trim(), z.minLength(1), z.maxLength(80));

/** The fields of the pause a page sets together (its form). */
export const PauseValues = z.partial(
  z.object({
    countdownSeconds: Settings.shape.countdownSeconds,
    escalationSeconds: Settings.shape.escalationSeconds,
    countdownCapSeconds: Settings.shape.countdownCapSeconds,
    snoozeMinutes: Settings.shape.snoozeMinutes,
    typedPhrase: Settings.shape.typedPhrase,
    questions: Settings.shape.questions,
    incomingQuestions: QuestionList,
    reminders: Settings.shape.reminders,
    supportPerson: z.nullable(SupportPerson),
    continueNeedsCode: z.boolean(),
  }),
);
export type PauseValues = z.infer<typeof PauseValues>;

export const RecordValues = z.partial(z.object({ showBadge: z.boolean(), noContactSince: Settings.shape.noContactSince }));

export const Change = z.discriminatedUnion('type', [
  z.object({ type: z.literal('addPerson'), id: PersonId, alias: Alias, identifiers: z._default(z.array(Identifier).check(z.maxLength(1000)), []) }),
  z.object({ type: z.literal('renamePerson'), personId: PersonId, alias: Alias }),
  z.object({ type: z.literal('removePerson'), personId: PersonId }),
  z.object({ type: z.literal('addIdentifiers'), personId: PersonId, identifiers: z.array(Identifier).check(z.minLength(1), z.maxLength(1000)) }),
  z.object({
    type: z.literal('removeIdentifier'),
    personId: PersonId,
    identifier: z.object({ kind: IdentifierKind, value: z.string().check(z.minLength(1), z.maxLength(320)), site: SiteRef }),
  }),
  z.object({ type: z.literal('setSite'), site: SiteRef, enabled: z.boolean() }),
  z.object({ type: z.literal('addCustomSite'), site: CustomSite }),
  z.object({ type: z.literal('removeCustomSite'), siteId: SiteRef }),
  z.object({ type: z.literal('setPause'), values: PauseValues }),
  z.object({ type: z.literal('setRecord'), values: RecordValues }),
  z.object({ type: z.literal('setLock'), hours: LockHours }),
  z.object({ type: z.literal('setStrictHours'), strictHours: z.nullable(StrictHours) }),
  /** An import: the whole settings from a file. */
  z.object({ type: z.literal('replaceSettings'), settings: Settings }),
  /** Empty the attempt log (the journal stays). */
  z.object({ type: z.literal('clearLog') }),
  /** Stop asking for the friend's code. */
  z.object({ type: z.literal('removeFriendCode') }),
]);
export type Change = z.infer<typeof Change>;

/** One thing a change takes away from the protection, said in the pages' words (components/Pending.tsx). */
export type Weakening =
  | { what: 'person'; alias: string }
  | { what: 'identifier'; alias: string; kind: IdentifierKind; value: string; site: string; learned: boolean }
  | { what: 'site'; site: string }
  | { what: 'customSite'; name: string }
  | { what: 'countdown' | 'escalation' | 'cap' | 'snooze'; from: number; to: number }
  | { what: 'phrase' }
  | { what: 'continueCode' }
  | { what: 'lock'; from: number; to: number }
  | { what: 'strictHours'; off: boolean }
  | { what: 'log' }
  | { what: 'friendCode' };

export const PendingChange = z.object({
  id: z.string().check(z.minLength(1)),
  change: Change,
  requestedAt: z.int().check(z.nonnegative()),
  /** Never earlier than this, by the wall clock (the date the user is shown). */
  appliesAt: z.int().check(z.nonnegative()),
  /**
   * And not before the time the extension has seen pass reaches this (utils/model/lock-clock.ts).
   * Missing on changes held before it was counted: those apply by the wall clock, as then.
   */
  seenDue: z.optional(z.int().check(z.nonnegative())),
});
export type PendingChange = z.infer<typeof PendingChange>;

export type ChangeResult =
  | { status: 'applied' }
  | { status: 'pending'; pending: PendingChange }
  | { status: 'refused'; message: string };

const sameSlot = (a: Identifier, b: Pick<Identifier, 'kind' | 'value' | 'site'>) => a.site === b.site && sameIdentifier(a, b);

function mergeIdentifiers(known: readonly Identifier[], added: readonly Identifier[]): Identifier[] {
  const next = [...known];
  for (const identifier of added) if (!next.some((k) => sameSlot(k, identifier))) next.push(identifier);
  return next.slice(0, 1000);
}

/** The settings after a change, as pure data. Changes to things that are gone change nothing. */
export function applyToSettings(settings: Settings, change: Change, now: number): Settings {
  const people = (map: (person: Settings['people'][number]) => Settings['people'][number] | null) => ({
    ...settings,
    people: settings.people.flatMap((person) => map(person) ?? []),
  });
  switch (change.type) {
    case 'addPerson':
      if (settings.people.some((person) => person.id === change.id) || settings.people.length >= 200) return settings;
      return {
        ...settings,
        people: [
          ...settings.people,
          { id: change.id, alias: change.alias, identifiers: mergeIdentifiers([], change.identifiers), addedAt: now },
        ],
      };
    case 'renamePerson':
      return people((person) => (person.id === change.personId ? { ...person, alias: change.alias } : person));
    case 'removePerson':
      return people((person) => (person.id === change.personId ? null : person));
    case 'addIdentifiers':
      return people((person) =>
        person.id === change.personId ? { ...person, identifiers: mergeIdentifiers(person.identifiers, change.identifiers) } : person,
      );
    case 'removeIdentifier':
      return people((person) =>
        person.id === change.personId
          ? { ...person, identifiers: person.identifiers.filter((identifier) => !sameSlot(identifier, change.identifier)) }
          : person,
      );
    case 'setSite': {
      const others = settings.disabledSites.filter((site) => site !== change.site);
      return { ...settings, disabledSites: change.enabled ? others : [...others, change.site] };
    }
    case 'addCustomSite':
      if (settings.customSites.some((site) => site.id === change.site.id) || settings.customSites.length >= 50) return settings;
      return { ...settings, customSites: [...settings.customSites, change.site] };
    case 'removeCustomSite':
      return {
        ...settings,
        customSites: settings.customSites.filter((site) => site.id !== change.siteId),
        disabledSites: settings.disabledSites.filter((site) => site !== change.siteId),
        // Identifiers tied to a site that no longer exists would watch nothing.
        people: settings.people.map((person) => ({
          ...person,
          identifiers: person.identifiers.filter((identifier) => identifier.site !== change.siteId),
        })),
      };
    case 'setPause':
      return { ...settings, ...definedOnly(change.values) };
    case 'setRecord':
      return { ...settings, ...definedOnly(change.values) };
    case 'setLock':
      return { ...settings, lockHours: change.hours };
    case 'setStrictHours':
      return { ...settings, strictHours: change.strictHours };
    case 'replaceSettings':
      return change.settings;
    case 'clearLog':
    case 'removeFriendCode':
      return settings;
  }
}

function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}

const MINUTES_A_DAY = 24 * 60;
const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** Whether `time` (minutes after midnight) is within the stricter hours. */
export function withinHours(hours: Pick<StrictHours, 'start' | 'end'>, minute: number): boolean {
  const start = minutesOf(hours.start);
  const end = minutesOf(hours.end);
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

function strictHoursWeaker(from: StrictHours | null, to: StrictHours | null): Weakening | null {
  if (!from) return null;
  if (!to) return { what: 'strictHours', off: true };
  const coversLess = Array.from({ length: MINUTES_A_DAY }, (_, minute) => minute).some(
    (minute) => withinHours(from, minute) && !withinHours(to, minute),
  );
  const weaker =
    coversLess ||
    to.countdownSeconds < from.countdownSeconds ||
    (from.require === 'code' && to.require === 'phrase') ||
    shorterPhrase(from.phrase, to.phrase);
  return weaker ? { what: 'strictHours', off: false } : null;
}

/**
 * A phrase to type is friction by its length: a shorter one (or none) asks less. Another phrase as
 * long or longer is a change of words, not of protection.
 */
const shorterPhrase = (from: string, to: string) => to.trim().length < from.trim().length;

/** Everything `next` takes away from the protection `current` gives; empty when nothing is. */
export function weakenings(current: Settings, next: Settings): Weakening[] {
  const found: Weakening[] = [];
  for (const person of current.people) {
    const after = next.people.find((p) => p.id === person.id);
    if (!after) {
      found.push({ what: 'person', alias: person.alias });
      continue;
    }
    for (const identifier of person.identifiers) {
      if (!after.identifiers.some((i) => sameSlot(i, identifier))) {
        found.push({
          what: 'identifier',
          alias: person.alias,
          kind: identifier.kind,
          value: identifier.value,
          site: identifier.site,
          learned: identifier.learned === true,
        });
      }
    }
  }
  for (const site of next.disabledSites) if (!current.disabledSites.includes(site)) found.push({ what: 'site', site });
  for (const site of current.customSites) {
    const after = next.customSites.find((s) => s.id === site.id);
    if (!after || JSON.stringify({ ...after, name: '' }) !== JSON.stringify({ ...site, name: '' })) {
      found.push({ what: 'customSite', name: site.name });
    }
  }
  const lower = (what: 'countdown' | 'escalation' | 'cap', from: number, to: number) => {
    if (to < from) found.push({ what, from, to });
  };
  lower('countdown', current.countdownSeconds, next.countdownSeconds);
  lower('escalation', current.escalationSeconds, next.escalationSeconds);
  lower('cap', current.countdownCapSeconds, next.countdownCapSeconds);
  if (next.snoozeMinutes > current.snoozeMinutes) found.push({ what: 'snooze', from: current.snoozeMinutes, to: next.snoozeMinutes });
  if (shorterPhrase(current.typedPhrase, next.typedPhrase)) found.push({ what: 'phrase' });
  if (current.continueNeedsCode && !next.continueNeedsCode) found.push({ what: 'continueCode' });
  if (next.lockHours < current.lockHours) found.push({ what: 'lock', from: current.lockHours, to: next.lockHours });
  const strict = strictHoursWeaker(current.strictHours, next.strictHours);
  if (strict) found.push(strict);
  return found;
}

/**
 * The parts of `next` that take protection away from `current`, as the changes a page would ask
 * for (sync: another browser's weakening goes through this browser's lock, utils/background/sync.ts).
 * Each applies alone to whatever the settings are when its time comes: a person removed, an
 * identifier removed, a site switched off, a custom site removed, the pause's weakened fields, the
 * lock, the stricter hours. A custom site changed in place is kept as it is here (no change says
 * "replace it"); it is among the weakenings but not among these.
 */
export function weakeningChanges(current: Settings, next: Settings): Change[] {
  const changes: Change[] = [];
  for (const person of current.people) {
    const after = next.people.find((p) => p.id === person.id);
    if (!after) {
      changes.push({ type: 'removePerson', personId: person.id });
      continue;
    }
    for (const identifier of person.identifiers) {
      if (after.identifiers.some((i) => sameSlot(i, identifier))) continue;
      const { kind, value, site } = identifier;
      changes.push({ type: 'removeIdentifier', personId: person.id, identifier: { kind, value, site } });
    }
  }
  for (const site of next.disabledSites) if (!current.disabledSites.includes(site)) changes.push({ type: 'setSite', site, enabled: false });
  for (const site of current.customSites) {
    if (!next.customSites.some((s) => s.id === site.id)) changes.push({ type: 'removeCustomSite', siteId: site.id });
  }
  const pause: PauseValues = {};
  if (next.countdownSeconds < current.countdownSeconds) pause.countdownSeconds = next.countdownSeconds;
  if (next.escalationSeconds < current.escalationSeconds) pause.escalationSeconds = next.escalationSeconds;
  if (next.countdownCapSeconds < current.countdownCapSeconds) pause.countdownCapSeconds = next.countdownCapSeconds;
  if (next.snoozeMinutes > current.snoozeMinutes) pause.snoozeMinutes = next.snoozeMinutes;
  if (shorterPhrase(current.typedPhrase, next.typedPhrase)) pause.typedPhrase = next.typedPhrase;
  if (current.continueNeedsCode && !next.continueNeedsCode) pause.continueNeedsCode = false;
  if (Object.keys(pause).length) changes.push({ type: 'setPause', values: pause });
  if (next.lockHours < current.lockHours) changes.push({ type: 'setLock', hours: next.lockHours });
  if (strictHoursWeaker(current.strictHours, next.strictHours)) changes.push({ type: 'setStrictHours', strictHours: next.strictHours });
  return changes;
}

/** What a change takes away, given the settings it would apply to. */
export function weakeningsOf(settings: Settings, change: Change, now: number): Weakening[] {
  if (change.type === 'clearLog') return [{ what: 'log' }];
  if (change.type === 'removeFriendCode') return [{ what: 'friendCode' }];
  return weakenings(settings, applyToSettings(settings, change, now));
}

export interface Decision {
  /** What applies now, if anything. */
  now: Change | null;
  /** What waits out the lock's cool-off, if anything. */
  later: Change | null;
}

/**
 * What the lock lets through. With the lock off everything applies now. With it on, a change
 * that takes nothing away applies now; one that does waits, whole, except the pause form,
 * whose strengthening fields apply now and only the weakening ones wait.
 */
export function decideChange(settings: Settings, change: Change, now: number): Decision {
  if (settings.lockHours === 0 || weakeningsOf(settings, change, now).length === 0) return { now: change, later: null };
  if (change.type !== 'setPause') return { now: null, later: change };
  const weakening: PauseValues = {};
  const rest: PauseValues = {};
  for (const [field, value] of Object.entries(change.values) as [keyof PauseValues, unknown][]) {
    const alone = { type: 'setPause' as const, values: { [field]: value } };
    const target = weakenings(settings, applyToSettings(settings, alone, now)).length ? weakening : rest;
    Object.assign(target, { [field]: value });
  }
  return {
    now: Object.keys(rest).length ? { type: 'setPause', values: rest } : null,
    later: { type: 'setPause', values: weakening },
  };
}

export const hoursToMs = (hours: number) => hours * 60 * 60 * 1000;

export interface ContinueRule {
  /** The countdown for this attempt, at least the stricter hours' when they apply. */
  countdownSeconds: number;
  /** A phrase that must be typed (the stricter hours'), else the settings' own. */
  phrase: string | null;
  needsCode: boolean;
  strict: boolean;
}

/** What Continue anyway asks for at `now`: the stricter hours, the friend's code. Pure. */
export function continueRule(settings: Settings, countdown: number, codeSet: boolean, now: number): ContinueRule {
  const local = new Date(now);
  const strict = settings.strictHours !== null && withinHours(settings.strictHours, local.getHours() * 60 + local.getMinutes());
  const hours = strict ? settings.strictHours : null;
  const codeAsked = settings.continueNeedsCode || hours?.require === 'code';
  return {
    countdownSeconds: Math.max(countdown, hours?.countdownSeconds ?? 0),
    // The stricter hours' phrase stands in for the code while no code is set.
    phrase: hours && (hours.require === 'phrase' || !codeSet) ? hours.phrase : null,
    needsCode: codeAsked && codeSet,
    strict,
  };
}
