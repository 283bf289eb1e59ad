import { describe, expect, it } from 'vitest';
import { allowedSenders, classifySender, requests } from '@/utils/messages';

const id = 'abcdefghijklmnop';
const origin = `chrome-extension://${id}`;

describe('who may send what', () => {
  it('tells the extension’s pages from its content scripts and from strangers', () => {
    expect(classifySender({ id, url: `${origin}/options.html`, tab: { id: 4 } }, id, origin)).toBe('extension-page');
    expect(classifySender({ id, url: `${origin}/popup.html` }, id, origin)).toBe('extension-page');
    expect(classifySender({ id, url: 'https://www.instagram.com/x/', tab: { id: 4 } }, id, origin)).toBe('content-script');
    expect(classifySender({ id: 'another-extension', url: `${origin}/options.html` }, id, origin)).toBe('unknown');
    expect(classifySender({ id, url: 'https://www.instagram.com/x/' }, id, origin)).toBe('unknown');
  });

  it('accepts log and settings changes only from extension pages, attempts only from content scripts', () => {
    expect(allowedSenders.clearLog).toEqual(['extension-page']);
    expect(allowedSenders.saveSettings).toEqual(['extension-page']);
    expect(allowedSenders.attemptStarted).toEqual(['content-script']);
  });

  it('rejects malformed requests', () => {
    const ref = { attemptId: 'a', personId: 'p', site: 'instagram', kind: 'profile', startedAt: 1_000 };
    expect(requests.attemptStarted.safeParse(ref).success).toBe(true);
    expect(requests.attemptStarted.safeParse({ ...ref, personId: '' }).success).toBe(false);
    // The content script names the attempt and says when it started: neither may be missing.
    expect(requests.attemptStarted.safeParse({ ...ref, attemptId: undefined }).success).toBe(false);
    expect(requests.attemptStarted.safeParse({ ...ref, startedAt: -1 }).success).toBe(false);
    expect(requests.attemptResolved.safeParse({ ...ref, outcome: 'left', feeling: null, journalText: null }).success).toBe(true);
    expect(requests.attemptResolved.safeParse({ ...ref, outcome: 'deleted', feeling: null, journalText: null }).success).toBe(false);
    expect(requests.attemptAbandoned.safeParse({ attemptId: 'a' }).success).toBe(false);
    expect(requests.saveSettings.safeParse({ people: 'everyone' }).success).toBe(false);
  });
});
