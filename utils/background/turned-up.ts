import { countTurnedUp } from '../model/turned-up';
import { localTimeZone } from '../model/summary';
import { loadTurnedUp, turnedUpItem } from '../store/storage';
import { serialized } from './log';

/** The background: `count` more of a watched person's items softened on `site`, counted for today. */
export function noteTurnedUp(site: string, count: number, now = Date.now(), timeZone = localTimeZone()): Promise<void> {
  return serialized(async () => {
    const loaded = await loadTurnedUp(true);
    // Counts that could not be read are not written over.
    if (!loaded.readable) return;
    await turnedUpItem.setValue(countTurnedUp(loaded.value, site, count, now, timeZone));
  });
}
