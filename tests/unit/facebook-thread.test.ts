import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { sightingsOf, threadReading } from '@/entrypoints/watch.content/readers';
import { compileWatchIndex } from '@/utils/model/matching';
import type { Person } from '@/utils/model/schema';
import { adapterById } from '@/utils/sites';
import type { Sighting } from '@/utils/sites/types';

// Through the registry, not the adapter files: see tests/unit/social-veils.test.ts.
const facebook = adapterById('facebook')!;
const messenger = adapterById('messenger')!;

/*
 * A Facebook or Messenger thread page read by its structure alone (issue 13: no reader may depend
 * on an English label): the chat list's row for the open thread (its link aria-current="page" and
 * to this thread's address) and the header's link to the partner's profile. The markup here is
 * that of the Spanish fixtures (tests/fixtures/facebook/thread-es.html, whose comment cites each
 * source), with no label at all, and varied one part at a time.
 */
function threadPage({ rowHref = '/messages/e2ee/t/7712345678901234/', rowCurrent = true, header = ['/100012345678901/'] } = {}) {
  document.documentElement.lang = 'es';
  document.body.innerHTML = `
    <div role="navigation"><div role="grid">
      <div role="row"><div role="gridcell"><a href="${rowHref}" role="link"${rowCurrent ? ' aria-current="page"' : ''}><img alt="" src="data:,"><span dir="auto">Sam Lee</span><span>Tú: vale</span></a></div></div>
      <div role="row"><div role="gridcell"><a href="/messages/e2ee/t/7798765432109876/" role="link"><span dir="auto">Jo Other</span></a></div></div>
    </div></div>
    <div role="main"><div data-pagelet="MWInboxDetail"><div role="main">
      <div data-pagelet="MWInboxDetail_MessageList_Header">${header.map((href) => `<a href="${href}" role="link"><h2 dir="auto">Sam Lee</h2></a>`).join('')}</div>
      <div role="log"><div role="row"><a href="/100098765432109/" role="link"><img alt="" src="data:,"></a><div role="gridcell"><div dir="auto">hola</div></div></div></div>
    </div></div></div>`;
}

const e2ee = 'https://www.facebook.com/messages/e2ee/t/7712345678901234/';
const read = (url: string, adapter = facebook): Sighting[] => adapter.fromPage!(document, new URL(url));
const named = (value: string): Sighting => ({ kind: 'thread', identifiers: [{ kind: 'name', value }] });
const account = (value: string): Sighting => ({ kind: 'thread', identifiers: [{ kind: 'accountId', value }] });

describe('a Facebook thread page read by structure', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
  });

  it('names the open thread from its row and its header, with no label', () => {
    threadPage();
    expect(read(e2ee)).toEqual([named('Sam Lee'), account('100012345678901')]);
  });

  it.each([
    ['a row still marked current from the thread before (the address changes first)', { rowHref: '/messages/e2ee/t/7798765432109876/' }],
    ['a row for this thread not marked current', { rowCurrent: false }],
  ])('does not read %s (the header is still read)', (_, page) => {
    threadPage(page);
    expect(read(e2ee)).toEqual([account('100012345678901')]);
  });

  it.each([
    ['a vanity name', ['/sam.lee.52/'], { kind: 'handle', value: 'sam.lee.52' }],
    ['profile.php?id=', ['https://www.facebook.com/profile.php?id=100012345678901'], { kind: 'accountId', value: '100012345678901' }],
    ['the same profile twice (avatar and title)', ['/100012345678901/', 'https://www.facebook.com/100012345678901'], { kind: 'accountId', value: '100012345678901' }],
  ])('reads the header link by %s', (_, header, identifier) => {
    threadPage({ header });
    expect(read(e2ee)).toEqual([named('Sam Lee'), { kind: 'thread', identifiers: [identifier] }]);
  });

  it.each([
    ['two profiles (no one person)', ['/100012345678901/', '/100098765432109/']],
    ['a link off Facebook', ['https://example.com/100012345678901/']],
    ['a link to a Facebook page that is no profile', ['/groups/123456789012345/', '/messages/t/7712345678901234/']],
  ])('reads no partner from a header linking to %s', (_, header) => {
    threadPage({ header });
    expect(read(e2ee)).toEqual([named('Sam Lee')]);
  });

  it('reads neither the row nor the header off a thread page: over the feed only a chat pop-up’s labels count', () => {
    threadPage();
    document.body.insertAdjacentHTML('beforeend', '<div data-pagelet="ChatTab"><div role="textbox" contenteditable="true" aria-label="Write to Jo Other"></div></div>');
    expect(read('https://www.facebook.com/')).toEqual([named('Jo Other')]);
  });

  it('on messenger.com, reads the rail row for /e2ee/t/<id>/ and a header link to facebook.com; a relative header link is messenger.com’s, no profile', () => {
    threadPage({ rowHref: '/e2ee/t/7712345678901234/', header: ['https://www.facebook.com/100012345678901/'] });
    expect(read('https://www.messenger.com/e2ee/t/7712345678901234/', messenger)).toEqual([named('Sam Lee'), account('100012345678901')]);
    threadPage({ rowHref: '/t/7712345678901234/', header: ['/100012345678901/'] });
    expect(read('https://www.messenger.com/t/7712345678901234/', messenger)).toEqual([named('Sam Lee')]);
  });
});

describe('what the shell reads of a Spanish encrypted thread', () => {
  const THREAD_ID = '7712345678901234';
  const byName: Person = { id: 'p-sam', alias: 'S.', identifiers: [{ kind: 'name', value: 'Sam Lee', site: 'facebook' }], addedAt: 1 };
  const byId: Person = { id: 'p-sam', alias: 'S.', identifiers: [{ kind: 'accountId', value: '100012345678901', site: 'facebook' }], addedAt: 1 };

  function readingOf(fixture: string, url: string, person: Person) {
    document.documentElement.innerHTML = readFileSync(`tests/fixtures/${fixture}`, 'utf8').replace(/^[\s\S]*?<html[^>]*>/, '').replace(/<\/html>\s*$/, '');
    const address = new URL(url);
    return threadReading(compileWatchIndex([person], 'facebook'), address, sightingsOf(facebook, address));
  }

  it.each([
    ['by name', byName],
    ['by account id', byId],
  ])('their thread, watched %s: recognised from the page, with the id the address carries to learn', (_, person) => {
    expect(readingOf('facebook/thread-es.html', e2ee, person)).toMatchObject({
      url: e2ee,
      thread: true,
      conversation: { kind: 'conversationId', value: THREAD_ID },
      byAddress: null,
      byPage: 'p-sam',
      pageRead: true,
    });
  });

  it('someone else’s thread under their row: read, nobody watched', () => {
    const other = 'https://www.facebook.com/messages/e2ee/t/7798765432109876/';
    expect(readingOf('facebook/other-thread-es.html', other, byName)).toMatchObject({ byPage: null, byAddress: null, pageRead: true });
    expect(readingOf('facebook/other-thread-es.html', other, byId)).toMatchObject({ byPage: null, pageRead: true });
  });
});
