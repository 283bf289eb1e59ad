import { describe, expect, it } from 'vitest';
import { MatchPattern } from '@webext-core/match-patterns';
import { adapterById } from '@/utils/sites';

// Through the registry: WXT's auto-import gives every adapter with a `veilPatterns(` method an
// import of utils/veil, which imports the registry; importing the adapter file first would
// start that cycle from the wrong end.
const x = adapterById('x')!;

describe('the X veil', () => {
  const veiledBy = (kind: 'handle' | 'accountId' | 'name', value: string) => {
    const patterns = (x.veilPatterns?.({ kind, value }) ?? []).map((p) => new MatchPattern(p));
    return (url: string) => patterns.some((p) => p.includes(url));
  };

  it('covers the profile and its tabs on x.com and twitter.com, as typed and in lower case, and nothing else', () => {
    const veiled = veiledBy('handle', '@Sam_Lee');
    expect(veiled('https://x.com/Sam_Lee')).toBe(true);
    expect(veiled('https://x.com/sam_lee')).toBe(true);
    expect(veiled('https://x.com/sam_lee/media')).toBe(true);
    expect(veiled('https://twitter.com/sam_lee?lang=en')).toBe(true);
    expect(veiled('https://x.com/sam_lee2')).toBe(false);
    expect(veiled('https://x.com/home')).toBe(false);
    expect(veiled('https://x.com/messages')).toBe(false);
  });

  it('covers /i/user/<id> for an account id; nothing for names or app paths', () => {
    expect(veiledBy('accountId', '1234567890')('https://x.com/i/user/1234567890')).toBe(true);
    expect(x.veilPatterns?.({ kind: 'name', value: 'Sam Lee' })).toEqual([]);
    expect(x.veilPatterns?.({ kind: 'handle', value: 'explore' })).toEqual([]);
    expect(x.veilPatterns?.({ kind: 'handle', value: 'sam lee' })).toEqual([]);
  });
});
