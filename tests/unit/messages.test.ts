import { describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { accept } from '@/utils/background/accept';
import { defaultSettings } from '@/utils/model/defaults';
import { requests } from '@/utils/protocol/requests';
import { classifySender } from '@/utils/protocol/senders';
import { sampleBackup } from './support/backup-sample';

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
    expect(requests.change.safeParse({ type: 'replaceSettings', settings: { people: 'everyone' } }).success).toBe(false);
    expect(requests.change.safeParse({ type: 'removePerson' }).success).toBe(false);
    expect(requests.change.safeParse({ type: 'deleteEverything' }).success).toBe(false);
  });
});

/**
 * The background's own check (utils/background/accept.ts, what every handler in background.ts calls first),
 * fed each request with a payload that parses, from senders shaped as Chromium hands them to
 * runtime.onMessage. Who may send what is written out here, request by request, not read from
 * allowedSenders: a request moved to the wrong list, or a new one left out, fails.
 */
describe('the background refuses each request from a sender it must not take it from', () => {
  const ownId = browser.runtime.id;
  const ownOrigin = browser.runtime.getURL('/').replace(/\/$/, '');
  const ref = { attemptId: 'a1', personId: 'p-sam', site: 'instagram', kind: 'profile', startedAt: 1_000 };
  const stop = { key: 'k1', site: 'instagram', personId: 'p-sam', url: 'https://www.instagram.com/sam.lee/' };
  // `both`: the attempt's own requests come from the content script on a site and from the pause
  // page a stopped address lands on (entrypoints/pause).
  const cases: Record<keyof typeof requests, { from: 'extension-page' | 'content-script' | 'both'; data: unknown }> = {
    attemptStarted: { from: 'both', data: ref },
    attemptResolved: { from: 'both', data: { ...ref, outcome: 'left', feeling: null, journalText: null } },
    attemptAbandoned: { from: 'both', data: ref },
    keepDraft: { from: 'content-script', data: { personId: 'p-sam', site: 'instagram', text: 'hello' } },
    change: { from: 'extension-page', data: { type: 'replaceSettings', settings: defaultSettings() } },
    importBackup: { from: 'extension-page', data: { mode: 'merge', backup: sampleBackup() } },
    cancelPending: { from: 'extension-page', data: { id: 'c1' } },
    applyPendingNow: { from: 'extension-page', data: { id: 'c1', code: 'K7QM2-XR4TD' } },
    setFriendCode: { from: 'extension-page', data: {} },
    checkCode: { from: 'both', data: { code: 'K7QM2-XR4TD' } },
    deleteJournalEntry: { from: 'extension-page', data: { id: 'j1' } },
    rebuildSummary: { from: 'extension-page', data: {} },
    readPage: { from: 'extension-page', data: {} },
    learnThread: { from: 'content-script', data: { personId: 'p-sam', site: 'instagram', conversation: { kind: 'conversationId', value: '340282366841710300949128171234567890' } } },
    unreadThread: { from: 'content-script', data: { site: 'instagram' } },
    turnedUp: { from: 'content-script', data: { site: 'bluesky', count: 3 } },
    setSync: { from: 'extension-page', data: { enabled: true } },
    publishWatch: { from: 'content-script', data: {} },
    openStop: { from: 'extension-page', data: stop },
    passStop: { from: 'extension-page', data: stop },
  };
  const tab = { id: 12, index: 0, windowId: 1, url: 'https://www.instagram.com/sam.lee/', active: true };
  const senders = {
    // The pause screen's content script on a watched site's page.
    contentScript: { id: ownId, url: 'https://www.instagram.com/sam.lee/', origin: 'https://www.instagram.com', tab, frameId: 0 },
    // The popup (no tab) and the options page (in a tab).
    popup: { id: ownId, url: `${ownOrigin}/popup.html`, origin: ownOrigin },
    optionsInTab: { id: ownId, url: `${ownOrigin}/options.html`, origin: ownOrigin, tab: { ...tab, url: `${ownOrigin}/options.html` } },
    // Our content script on a page whose address names our pages: a content script still.
    scriptOnAPageNamingOurs: { id: ownId, url: `https://evil.example/${ownOrigin}/options.html`, origin: 'https://evil.example', tab },
  };
  const strangers = {
    anotherExtensionsPage: { id: 'pqrstuvwxyzabcdefghijklmnopqrstu', url: 'chrome-extension://pqrstuvwxyzabcdefghijklmnopqrstu/popup.html', origin: 'chrome-extension://pqrstuvwxyzabcdefghijklmnopqrstu' },
    anotherExtensionClaimingOurPage: { id: 'pqrstuvwxyzabcdefghijklmnopqrstu', url: `${ownOrigin}/options.html`, origin: ownOrigin },
    anotherExtensionsContentScript: { id: 'pqrstuvwxyzabcdefghijklmnopqrstu', url: 'https://www.instagram.com/sam.lee/', origin: 'https://www.instagram.com', tab },
    noIdAtAll: { url: 'https://www.instagram.com/sam.lee/', tab },
    ourScriptInAnOpaqueFrame: { id: ownId, url: 'about:blank', origin: 'null', tab, frameId: 3 },
    ourScriptWithNoTab: { id: ownId, url: 'https://www.instagram.com/sam.lee/', origin: 'https://www.instagram.com' },
  };

  it('covers every request there is', () => {
    expect(Object.keys(cases).sort()).toEqual(Object.keys(requests).sort());
  });

  for (const [type, { from, data }] of Object.entries(cases) as [keyof typeof requests, (typeof cases)[keyof typeof requests]][]) {
    const names = { 'extension-page': 'the extension’s pages', 'content-script': 'its content script', both: 'its pages and content script' };
    it(`${type}: taken only from ${names[from]}`, () => {
      const pages = [senders.popup, senders.optionsInTab];
      const scripts = [senders.contentScript, senders.scriptOnAPageNamingOurs];
      const [allowed, refused] = from === 'extension-page' ? [pages, scripts] : from === 'content-script' ? [scripts, pages] : [[...pages, ...scripts], []];
      for (const sender of allowed) expect(() => accept(type, data, sender)).not.toThrow();
      for (const sender of refused) expect(() => accept(type, data, sender), JSON.stringify(sender)).toThrow(`${type} is not accepted from`);
      for (const [name, sender] of Object.entries(strangers)) {
        expect(() => accept(type, data, sender), name).toThrow(`${type} is not accepted from unknown`);
      }
    });
  }
});
