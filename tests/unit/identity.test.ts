import { describe, expect, it } from 'vitest';
import { coverageHints, guessIdentifierKind, identifiersFromInput, normalizeIdentifier, normalizeName, parseLinkText } from '@/utils/model/identity';
import type { Identifier } from '@/utils/model/schema';

describe('normalising', () => {
  it('compares handles without @, case or trailing slash', () => {
    expect(normalizeIdentifier('handle', ' @Sam.Lee/ ')).toBe('sam.lee');
  });
  it('compares names without case, accents, emoji or extra spaces', () => {
    expect(normalizeName('  Zoë  Ångström 🌸 ')).toBe('zoe angstrom');
    expect(normalizeName('❤️Sam❤️')).toBe('sam');
    expect(normalizeName('Sam 👩🏽‍💻 Lee')).toBe('sam lee');
  });
  it('compares phones by digits and e-mails case-insensitively', () => {
    expect(normalizeIdentifier('phone', '+44 (0)7700-900 123')).toBe('4407700900123');
    expect(normalizeIdentifier('email', ' Sam.Lee@Example.COM ')).toBe('sam.lee@example.com');
    expect(normalizeIdentifier('email', 'mailto:sam@example.com')).toBe('sam@example.com');
  });
  it('keeps opaque ids as they are', () => {
    expect(normalizeIdentifier('accountId', ' ACoAAB12xyz ')).toBe('ACoAAB12xyz');
  });
});

describe('reading what the user typed', () => {
  it('guesses the kind of a typed identifier', () => {
    expect(guessIdentifierKind('sam@example.com')).toBe('email');
    expect(guessIdentifierKind('+1 555 010 9999')).toBe('phone');
    expect(guessIdentifierKind('@sam.lee')).toBe('handle');
    expect(guessIdentifierKind('sam_lee')).toBe('handle');
    expect(guessIdentifierKind('Sam Lee')).toBe('name');
  });

  it('recognises links with or without a scheme', () => {
    expect(parseLinkText('instagram.com/sam.lee/')?.hostname).toBe('instagram.com');
    expect(parseLinkText('https://www.instagram.com/sam.lee/?hl=en')?.pathname).toBe('/sam.lee/');
    expect(parseLinkText('sam.lee')).toBeNull();
    expect(parseLinkText('javascript:alert(1)')).toBeNull();
    expect(parseLinkText('Sam Lee')).toBeNull();
  });

  it('turns a pasted Instagram link into the username on Instagram', () => {
    expect(identifiersFromInput('https://www.instagram.com/name/?hl=en', '*', 'auto')).toEqual({
      ok: true,
      from: 'Instagram',
      identifiers: [{ kind: 'handle', value: 'name', site: 'instagram' }],
    });
  });

  it('takes a typed handle with or without @ for the chosen site', () => {
    for (const typed of ['name', '@name', '  @name ']) {
      expect(identifiersFromInput(typed, 'instagram', 'auto')).toEqual({
        ok: true,
        from: null,
        identifiers: [{ kind: 'handle', value: 'name', site: 'instagram' }],
      });
    }
  });

  it('explains links it cannot use', () => {
    const unknown = identifiersFromInput('https://example.org/someone', 'instagram', 'auto');
    expect(unknown).toEqual({ ok: false, error: expect.stringContaining('example.org') });
    const notAProfile = identifiersFromInput('https://www.instagram.com/explore/', 'instagram', 'auto');
    expect(notAProfile).toEqual({ ok: false, error: expect.stringContaining('not a profile') });
    expect(identifiersFromInput('   ', 'instagram', 'auto').ok).toBe(false);
    expect(identifiersFromInput('🌸', 'instagram', 'name').ok).toBe(false);
  });
});

describe('adding identifiers to a person', () => {
  it('adds only what they did not have, and says what that was', async () => {
    const { withIdentifiers } = await import('@/utils/model/identity');
    const person = { id: 'p', alias: 'S', addedAt: 0, identifiers: [{ kind: 'handle' as const, value: 'sam', site: 'instagram' }] };
    const result = withIdentifiers(person, [
      { kind: 'handle', value: 'sam', site: 'instagram' },
      { kind: 'handle', value: 'sam', site: 'x' },
    ]);
    expect(result.added).toEqual([{ kind: 'handle', value: 'sam', site: 'x' }]);
    expect(result.person.identifiers).toHaveLength(2);
    expect(person.identifiers).toHaveLength(1);
  });
});

describe('what a person’s identifiers leave blind', () => {
  const person = (...identifiers: Identifier[]) => ({ id: 'p', alias: 'S.', identifiers, addedAt: 1 });
  const phone = (site: string): Identifier => ({ kind: 'phone', value: '+44 7700 900456', site });
  const name = (site: string): Identifier => ({ kind: 'name', value: 'Sam Lee', site });
  const on = { disabledSites: [] };
  it('a number for WhatsApp and no name there: say to add the name they are saved under', () => {
    expect(coverageHints(person(phone('whatsapp')), on)).toEqual(['whatsappName']);
    expect(coverageHints(person(phone('*')), on)).toEqual(['whatsappName']);
    expect(coverageHints(person(phone('*'), name('instagram')), on)).toEqual(['whatsappName']);
  });
  it('nothing to say with a name for WhatsApp, without a number there, or with WhatsApp off', () => {
    expect(coverageHints(person(phone('whatsapp'), name('whatsapp')), on)).toEqual([]);
    expect(coverageHints(person(phone('*'), name('*')), on)).toEqual([]);
    expect(coverageHints(person(phone('telegram')), on)).toEqual([]);
    expect(coverageHints(person(), on)).toEqual([]);
    expect(coverageHints(person(phone('whatsapp')), { disabledSites: ['whatsapp'] })).toEqual([]);
  });
});
