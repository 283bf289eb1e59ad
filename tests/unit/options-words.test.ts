import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { describeWeakening, lockLabel } from '@/components/options/Protection';
import { codeRefusal } from '@/utils/model/code-refusal';
import { readLines } from '@/components/options/Welcome';
import { describeProblems, parseBackup, sizeProblem } from '@/utils/model/backup';
import type { Weakening } from '@/utils/model/changes';
import { defaultSettings } from '@/utils/model/defaults';
import english from '@/public/_locales/en/messages.json';
import type { Settings } from '@/utils/model/schema';
import { messageFrom, type MessageEntry } from './support/fake-i18n';

/** The options page's words, from the messages: English as it was written, and a translation's own order. */
const settings: Settings = {
  ...defaultSettings(),
  customSites: [{ id: 'custom-forum', name: 'Forum', pattern: 'https://forum.example.com/*', kind: 'profile', identify: { by: 'url', after: '/members/' }, addedAt: 1 }],
};

describe('what a held change takes away, in words', () => {
  const cases: [Weakening, string][] = [
    [{ what: 'person', alias: 'S.' }, 'Stop watching S.'],
    [{ what: 'identifier', alias: 'S.', kind: 'handle', value: 'sam.lee', site: 'instagram', learned: false }, 'Remove the username sam.lee of S. on Instagram'],
    [{ what: 'identifier', alias: 'S.', kind: 'email', value: 's@example.com', site: '*', learned: false }, 'Remove the e-mail s@example.com of S. on every site'],
    [{ what: 'identifier', alias: 'S.', kind: 'conversationId', value: '3402823', site: 'instagram', learned: true }, 'Remove the learned conversation 3402823 of S. on Instagram'],
    [{ what: 'site', site: 'custom-forum' }, 'Turn off Forum'],
    [{ what: 'customSite', name: 'Forum' }, 'Remove or change your site Forum'],
    [{ what: 'countdown', from: 15, to: 5 }, 'Shorten the countdown from 15 to 5 seconds'],
    [{ what: 'escalation', from: 10, to: 0 }, 'Add 0 instead of 10 seconds for each earlier attempt'],
    [{ what: 'cap', from: 1200, to: 60 }, 'Lower the longest countdown from 1,200 to 60 seconds'],
    [{ what: 'snooze', from: 5, to: 60 }, 'Let the same person through for 60 instead of 5 minutes after Continue'],
    [{ what: 'phrase' }, 'Ask for a shorter phrase before Continue, or none'],
    [{ what: 'continueCode' }, 'Stop asking for the friend’s code before Continue'],
    [{ what: 'lock', from: 168, to: 0 }, 'Shorten the lock from 7 days to Off'],
    // A lock length no choice names (a newer version's) is said in hours.
    [{ what: 'lock', from: 48, to: 1 }, 'Shorten the lock from 48 hours to 1 hour'],
    [{ what: 'strictHours', off: true }, 'Turn off the stricter hours'],
    [{ what: 'strictHours', off: false }, 'Make the stricter hours less strict'],
    [{ what: 'log' }, 'Clear the log of attempts'],
    [{ what: 'friendCode' }, 'Remove the friend’s code'],
  ];
  it.each(cases)('%j', (weakening, said) => {
    expect(describeWeakening(weakening, settings)).toBe(said);
  });

  it('every kind of weakening has its words', () => {
    const kinds = new Set(cases.map(([weakening]) => weakening.what));
    expect([...kinds].sort()).toEqual(['cap', 'continueCode', 'countdown', 'customSite', 'escalation', 'friendCode', 'identifier', 'lock', 'log', 'person', 'phrase', 'site', 'snooze', 'strictHours']);
  });
});

describe('the options page’s other words', () => {
  it('a wrong code says how long to wait, in the pause screen’s words', () => {
    const now = 1_000_000;
    expect(codeRefusal({ reason: 'none', retryAt: 0 }, now)).toBe('No friend’s code is set.');
    expect(codeRefusal({ reason: 'wrong', retryAt: now }, now)).toBe('That is not the code.');
    expect(codeRefusal({ reason: 'wrong', retryAt: now + 30_000 }, now)).toBe('That is not the code. You can try again in 30 seconds.');
    expect(codeRefusal({ reason: 'wait', retryAt: now + 1_000 }, now)).toBe('Too many wrong codes. You can try again in 1 second.');
    expect(codeRefusal({ reason: 'wait', retryAt: now + 600_000 }, now)).toBe('Too many wrong codes. You can try again in 10 minutes.');
  });

  it('the lock’s lengths', () => {
    expect([0, 1, 24, 72, 168, 2].map(lockLabel)).toEqual(['Off', '1 hour', '24 hours', '3 days', '7 days', '2 hours']);
  });

  it('the welcome form names the line of each problem', () => {
    expect(readLines('sam.lee\nhttps://www.instagram.com/explore/').problems).toEqual(['Line 2: That Instagram link is not a profile or a conversation.']);
  });

  it('sizes are written as the UI language writes numbers', () => {
    expect(sizeProblem(51 * 1024 * 1024)).toBe('The file is 51.0 MB; a Clean Break backup is at most 50.0 MB. Nothing was imported.');
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('de-DE');
    expect(sizeProblem(51 * 1024 * 1024)).toBe('The file is 51,0 MB; a Clean Break backup is at most 50,0 MB. Nothing was imported.');
  });
});

describe('a translation', () => {
  // A German file for a few of the refusals: its own word order; the places stay as data.
  const german: Record<string, MessageEntry> = {
    ...(english as Record<string, MessageEntry>),
    language: { message: 'de' },
    backup_cannot_import: { message: 'Diese Sicherung kann nicht importiert werden, nichts wurde geändert' },
    backup_problems: { message: '$lead$ – $problems$.', placeholders: { lead: { content: '$1' }, problems: { content: '$2' } } },
    backup_problem: { message: '$problem$ (bei $place$)', placeholders: { place: { content: '$1' }, problem: { content: '$2' } } },
    backup_missing_expected: { message: 'fehlt (erwartet: $expected$)', placeholders: { expected: { content: '$1' } } },
    backup_more_problems_one: { message: '$problems$; und noch $count$ Problem', placeholders: { count: { content: '$1' }, problems: { content: '$2' } } },
    backup_more_problems_other: { message: '$problems$; und noch $count$ Probleme', placeholders: { count: { content: '$1' }, problems: { content: '$2' } } },
  };
  const inGerman = () =>
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(((name: string, subs?: string[]) => messageFrom(german, name, subs)) as typeof fakeBrowser.i18n.getMessage);

  it('puts the place where its sentence does, and keeps the place as it is in the file', () => {
    inGerman();
    const text = JSON.stringify({ format: 'clean-break-backup', version: 1, exportedAt: '2026-12-02T00:00:00.000Z', settings: {}, attempts: [], journal: [] });
    const refused = parseBackup(text);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.message).toMatch(/^Diese Sicherung kann nicht importiert werden, nichts wurde geändert – fehlt \(erwartet: \w+\) \(bei settings\.\w+\)/);
  });

  it('counts the problems not listed in its own plural forms', () => {
    inGerman();
    const problems = Array.from({ length: 7 }, (_, index) => ({ path: ['attempts', index, 'id'], message: 'falsch' }));
    expect(describeProblems(problems)).toBe(
      'Diese Sicherung kann nicht importiert werden, nichts wurde geändert – falsch (bei attempts[0].id); falsch (bei attempts[1].id); falsch (bei attempts[2].id); falsch (bei attempts[3].id); falsch (bei attempts[4].id); und noch 2 Probleme.',
    );
  });
});
