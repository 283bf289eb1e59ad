import { countUnread } from '../model/health';
import { serialized } from './log';
import type { requests } from '../protocol/requests';
import { sameIdentifier } from '../model/normalize';
import type { Settings } from '../model/schema';
import { appliesOn } from '../model/schema-values';
import { updateSettings } from './settings-writer';
import { healthItem, loadHealth } from '../store/storage';
import { localTimeZone } from '../model/summary';
import type { z } from '../model/zod';

export type LearnThread = z.infer<typeof requests.learnThread>;

/**
 * A conversation recognised from the page, remembered by its address: the settings with the id
 * its address carries (the conversation's, or on Telegram the partner's account id) added to the
 * person as a learned identifier on that site, or null when there
 * is nothing to add (the person is gone, or someone already has that id there). Pure.
 */
export function withLearnedThread(settings: Settings, { personId, site, conversation }: LearnThread): Settings | null {
  const person = settings.people.find((p) => p.id === personId);
  if (!person) return null;
  const learned = { kind: conversation.kind, value: conversation.value.trim(), site, learned: true };
  const known = settings.people.some((p) =>
    p.identifiers.some((identifier) => appliesOn(identifier, site) && sameIdentifier(identifier, learned)),
  );
  if (known || person.identifiers.length >= 1000) return null;
  return {
    ...settings,
    people: settings.people.map((p) => (p.id === personId ? { ...p, identifiers: [...p.identifiers, learned] } : p)),
  };
}

/**
 * The background: adds a learned conversation id to the stored settings, through the settings'
 * writer (utils/background/settings-writer.ts), to the settings as they are now, so no change a page saved meanwhile is
 * written over. Settings that could not be read are left alone.
 */
export function learnThread(request: LearnThread): Promise<boolean> {
  return updateSettings((settings) => withLearnedThread(settings, request));
}

/** The background: one more chat on `site` whose partner could not be read, counted for today. */
export function noteUnreadThread(site: string, now = Date.now(), timeZone = localTimeZone()): Promise<void> {
  return serialized(async () => {
    const loaded = await loadHealth(true);
    // Counts that could not be read are not written over.
    if (!loaded.readable) return;
    await healthItem.setValue(countUnread(loaded.value, site, now, timeZone));
  });
}
