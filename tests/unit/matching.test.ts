import { describe, expect, it } from 'vitest';
import { compileWatchIndex } from '@/utils/matching';
import type { Person } from '@/utils/schema';

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
