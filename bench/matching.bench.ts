import { bench, describe } from 'vitest';
import { compileWatchIndex } from '@/utils/model/matching';
import type { Person } from '@/utils/model/schema';

// Detection must cost the same with 1 or 1,000 identifiers: the index is a map, built once
// per settings change.
function people(identifiers: number): Person[] {
  return [
    {
      id: 'p',
      alias: 'S',
      addedAt: 0,
      identifiers: Array.from({ length: identifiers }, (_, i) => ({
        kind: i % 2 ? ('name' as const) : ('handle' as const),
        value: i % 2 ? `Person Number ${i} 🌸` : `user.${i}`,
        site: i % 3 ? 'instagram' : '*',
      })),
    },
  ];
}

const sighting = { kind: 'thread' as const, identifiers: [{ kind: 'name' as const, value: 'Nobody Watched' }, { kind: 'handle' as const, value: 'not.watched' }] };

describe('match one sighting (a miss: the common case)', () => {
  for (const size of [1, 1000]) {
    const index = compileWatchIndex(people(size), 'instagram');
    bench(`${size} identifiers`, () => {
      index.match(sighting);
    });
  }
});

describe('compile the index (once per settings change)', () => {
  for (const size of [1, 1000]) {
    const list = people(size);
    bench(`${size} identifiers`, () => {
      compileWatchIndex(list, 'instagram');
    });
  }
});
