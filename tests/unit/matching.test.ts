import { readFileSync } from 'node:fs';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { adapterById } from '@/utils/sites';
import { compileWatchIndex } from '@/utils/model/matching';
import type { Person } from '@/utils/model/schema';

const sam: Person = {
  id: 'p1',
  alias: 'S',
  addedAt: 0,
  identifiers: [
    { kind: 'handle', value: '@Sam.Lee', site: 'instagram' },
    { kind: 'name', value: 'Zoë Sam', site: '*' },
    { kind: 'phone', value: '+44 7700 900123', site: 'whatsapp' },
  ],
};

describe('the watch index', () => {
  it('matches a handle on its own site only', () => {
    const ig = compileWatchIndex([sam], 'instagram');
    expect(ig.match({ kind: 'profile', identifiers: [{ kind: 'handle', value: 'sam.lee' }] })?.person).toBe(sam);
    const x = compileWatchIndex([sam], 'x');
    expect(x.match({ kind: 'profile', identifiers: [{ kind: 'handle', value: 'sam.lee' }] })).toBeNull();
  });

  it('matches names whole, on every site when tied to all', () => {
    const index = compileWatchIndex([sam], 'whatsapp');
    expect(index.match({ kind: 'thread', identifiers: [{ kind: 'name', value: '🌸 ZOE sam ' }] })?.person).toBe(sam);
    expect(index.match({ kind: 'thread', identifiers: [{ kind: 'name', value: 'Zoë Samantha' }] })).toBeNull();
    expect(index.match({ kind: 'thread', identifiers: [{ kind: 'name', value: 'Zoë' }] })).toBeNull();
    expect(index.match({ kind: 'thread', identifiers: [{ kind: 'phone', value: '447700900123' }] })?.person).toBe(sam);
  });

  it('is empty on a site where nobody is watched', () => {
    expect(compileWatchIndex([sam], 'x').empty).toBe(false); // the name is watched everywhere
    expect(compileWatchIndex([{ ...sam, identifiers: [sam.identifiers[0]!] }], 'x').empty).toBe(true);
    expect(compileWatchIndex([], 'instagram').empty).toBe(true);
  });

  it('does not match a different kind with the same text', () => {
    const index = compileWatchIndex([sam], 'instagram');
    expect(index.match({ kind: 'thread', identifiers: [{ kind: 'name', value: 'sam.lee' }] })).toBeNull();
  });
});

describe('what matched', () => {
  it('names the identifier seen on the page', () => {
    const index = compileWatchIndex([sam], 'instagram');
    const sighting = { kind: 'compose' as const, identifiers: [{ kind: 'handle' as const, value: 'other' }, { kind: 'handle' as const, value: 'SAM.LEE' }] };
    expect(index.match(sighting)).toEqual({ person: sam, seen: { kind: 'handle', value: 'SAM.LEE' } });
  });
});

describe('names on profiles (issue 13)', () => {
  const sighting = (kind: 'profile' | 'thread' | 'compose', value: string) => ({ kind, identifiers: [{ kind: 'name' as const, value }] });
  const person = (identifiers: Person['identifiers']): Person => ({ id: 'p2', alias: 'S', addedAt: 0, identifiers });

  it('matches a name in a conversation, never on a profile, when it is tied to every site', () => {
    const index = compileWatchIndex([sam], 'facebook');
    expect(index.match(sighting('thread', 'Zoë Sam'))?.person).toBe(sam);
    expect(index.match(sighting('compose', 'Zoë Sam'))?.person).toBe(sam);
    expect(index.match(sighting('profile', 'Zoë Sam'))).toBeNull();
  });

  it('does not match another person\'s profile with the same name where the person has an id there', () => {
    const withId = person([
      { kind: 'accountId', value: '100012345678901', site: 'facebook' },
      { kind: 'name', value: 'Sam Lee', site: 'facebook' },
    ]);
    const index = compileWatchIndex([withId], 'facebook');
    // The profile page of someone else (id 100098765432109) named Sam Lee: its URL gives the id, its header the name.
    expect(index.match({ kind: 'profile', identifiers: [{ kind: 'accountId', value: '100098765432109' }] })).toBeNull();
    expect(index.match(sighting('profile', 'Sam Lee'))).toBeNull();
    expect(index.match({ kind: 'profile', identifiers: [{ kind: 'accountId', value: '100012345678901' }] })?.person).toBe(withId);
    expect(index.match(sighting('thread', 'Sam Lee'))?.person).toBe(withId);
  });

  it('matches a name on a profile only where the user tied it to that site and gave no handle or id there', () => {
    const nameOnly = person([{ kind: 'name', value: 'Sam Lee', site: 'facebook' }]);
    expect(compileWatchIndex([nameOnly], 'facebook').match(sighting('profile', 'sam lee'))?.person).toBe(nameOnly);
    const withHandle = person([
      { kind: 'name', value: 'Sam Lee', site: 'facebook' },
      { kind: 'handle', value: 'sam.lee.52', site: 'facebook' },
    ]);
    expect(compileWatchIndex([withHandle], 'facebook').match(sighting('profile', 'Sam Lee'))).toBeNull();
  });
});

describe('names on Facebook pages, through the adapter (issue 13)', () => {
  const facebook = adapterById('facebook')!;
  const read = (file: string, url: string) => {
    const window = new Window({ url, settings: { disableJavaScriptEvaluation: true, disableCSSFileLoading: true } });
    window.document.write(readFileSync(`tests/fixtures/facebook/${file}`, 'utf8'));
    const doc = window.document as unknown as Document;
    const fromUrl = facebook.fromUrl(new URL(url));
    return [...(fromUrl ? [fromUrl] : []), ...(facebook.fromPage?.(doc, new URL(url)) ?? [])];
  };
  // Watched by their account id on Facebook and by the name their chats carry, on every site.
  const sam: Person = {
    id: 'p-sam',
    alias: 'S.',
    addedAt: 0,
    identifiers: [
      { kind: 'accountId', value: '100012345678901', site: 'facebook' },
      { kind: 'name', value: 'Sam Lee', site: '*' },
    ],
  };
  const index = compileWatchIndex([sam], 'facebook');
  const matched = (file: string, url: string) => read(file, url).map((sighting) => index.match(sighting)?.person.id ?? null);

  it('another person\'s profile with the same name and another id is not them', () => {
    expect(matched('profile.html', 'https://www.facebook.com/profile.php?id=100098765432109')).toEqual([null, null]);
  });

  it('their own profile is theirs by its id', () => {
    expect(matched('profile.html', 'https://www.facebook.com/profile.php?id=100012345678901')).toContain('p-sam');
  });

  it('a conversation named with their name is theirs', () => {
    expect(matched('thread.html', 'https://www.facebook.com/messages/t/100012345678901/')).toContain('p-sam');
    const byName = read('thread.html', 'https://www.facebook.com/messages/e2ee/t/7712345678901234/');
    expect(byName.some((sighting) => sighting.identifiers.some((i) => i.kind === 'name') && index.match(sighting))).toBe(true);
  });
});
