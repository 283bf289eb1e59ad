import { describe, expect, it } from 'vitest';
import { clearingHeld, importOutcome } from '@/components/options/DataSettings';
import { defaultSettings } from '@/utils/model/defaults';
import type { Settings } from '@/utils/model/schema';
import { sampleBackup } from './support/backup-sample';

const here: Settings = {
  ...defaultSettings(),
  people: [{ id: 'p-jo', alias: 'Jo', identifiers: [], addedAt: 1 }],
  lockHours: 24,
};
const appliesAt = new Date(2026, 11, 3, 9, 30).getTime();
// As the browser's UI language writes it (the fake browser's is British English), in the user's zone.
const dateShown = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', hour: 'numeric', minute: '2-digit' }).format(appliesAt);

describe('what the page says after an import', () => {
  const backup = sampleBackup();

  it('applied, merged: who is watched, what was added, and that added sites need their permission', () => {
    expect(importOutcome({ status: 'applied', attempts: 4, journal: 1, replacedLog: false }, backup, here, 0)).toEqual({
      text: 'Imported: 3 people from the file are watched. 4 attempts and 1 journal entry were added to the log and the journal. Sites you added yourself need your permission in this browser: allow each one under Sites.',
      error: false,
    });
  });

  it('applied, replaced: the file’s rows make up the log', () => {
    const noSites = { ...backup, settings: { ...backup.settings, customSites: [] } };
    expect(importOutcome({ status: 'applied', attempts: 1, journal: 0, replacedLog: true }, noSites, here, 0)?.text).toBe(
      'Imported: 3 people from the file are watched. 1 attempt and 0 journal entries now make up the log and the journal.',
    );
  });

  it('held by the lock: what it takes away and when it applies', () => {
    const pending = { id: 'c1', change: { type: 'replaceSettings' as const, settings: backup.settings }, requestedAt: 0, appliesAt };
    const said = importOutcome({ status: 'pending', pending, attempts: 5, journal: 3, replacedLog: false }, backup, here, 0);
    expect(said?.error).toBe(false);
    expect(said?.text).toContain('5 attempts and 3 journal entries were added to the log and the journal. Your import takes protection away (stop watching Jo; turn off TikTok; shorten the lock from 24 hours to Off), so its settings will apply on');
    expect(said?.text).toContain(dateShown);
  });

  it('refused: the background’s message, as an error', () => {
    expect(importOutcome({ status: 'refused', message: 'The settings could not be saved (x), so nothing was imported: the log is as it was.' }, backup, here, 0)).toEqual({
      text: 'The settings could not be saved (x), so nothing was imported: the log is as it was.',
      error: true,
    });
  });

  it('clearing the log held by the lock says until when', () => {
    expect(clearingHeld({ id: 'c2', change: { type: 'clearLog' }, requestedAt: 0, appliesAt })).toBe(
      `Clearing the log is pending until ${dateShown}: the protection lock holds it. It is listed under Protection, where you can cancel it.`,
    );
  });
});
