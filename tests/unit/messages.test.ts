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
    expect(requests.attemptStarted.safeParse({ personId: 'p', site: 'instagram', kind: 'profile' }).success).toBe(true);
    expect(requests.attemptStarted.safeParse({ personId: '', site: 'instagram', kind: 'profile' }).success).toBe(false);
    expect(requests.attemptResolved.safeParse({ attemptId: 'a', outcome: 'deleted', feeling: null, journalText: null }).success).toBe(false);
    expect(requests.saveSettings.safeParse({ people: 'everyone' }).success).toBe(false);
  });
});
