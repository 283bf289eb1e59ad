import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { onlyQuietChanges, type DomChange } from '@/entrypoints/watch.content/quiet';
import { adapters } from '@/utils/sites';

// A chat page in miniature: a header the reader reads, a message list it never reads inside
// (the quiet region), and a chat list beside them.
const PAGE = `
  <div id="side"><div id="rows"><div role="row">Sam Lee</div></div></div>
  <div id="panel"><div id="main">
    <header><span dir="auto">Jo Other</span></header>
    <div role="application" aria-label="Message list"><div role="row"><span class="text">ok!</span></div></div>
  </div></div>
  <div id="host"></div>`;
const QUIET = '#main [role="application"], [data-testid="conversation-panel-messages"]';

function page() {
  document.body.innerHTML = PAGE;
  const $ = (selector: string) => document.querySelector(selector)!;
  const list = $('#main [role="application"]');
  const row = list.querySelector('[role="row"]')!;
  const shadow = $('#host').attachShadow({ mode: 'open' });
  shadow.innerHTML = '<div role="application"><p>in a shadow root</p></div>';
  return {
    list,
    row,
    rowText: row.querySelector('.text')!.firstChild!,
    header: $('#main header'),
    headerText: $('#main header span').firstChild!,
    main: $('#main'),
    panel: $('#panel'),
    chatList: $('#rows'),
    shadow,
    shadowList: shadow.querySelector('[role="application"]')!,
  };
}
type Nodes = ReturnType<typeof page>;

describe('onlyQuietChanges: which batches of DOM changes cannot change who is shown', () => {
  const cases: [string, boolean, (n: Nodes) => DomChange[]][] = [
    ['rows appended to the message list (30 in one batch)', true, (n) => Array.from({ length: 30 }, () => ({ type: 'childList', target: n.list }))],
    ['a row’s own content changed', true, (n) => [{ type: 'childList', target: n.row }]],
    ['a message’s text edited', true, (n) => [{ type: 'characterData', target: n.rowText }]],
    ['an attribute of a row inside the list', true, (n) => [{ type: 'attributes', target: n.row }]],
    ['the message list’s own attribute (Facebook names the chat in its list’s label)', false, (n) => [{ type: 'attributes', target: n.list }]],
    ['the message list replaced or removed: a change to its parent (a chat opened)', false, (n) => [{ type: 'childList', target: n.main }]],
    ['the whole chat replaced (WhatsApp opens a chat by replacing #main)', false, (n) => [{ type: 'childList', target: n.panel }]],
    ['the header’s children changed', false, (n) => [{ type: 'childList', target: n.header }]],
    ['the header’s name text changed', false, (n) => [{ type: 'characterData', target: n.headerText }]],
    ['an attribute in the header (a subtitle’s title)', false, (n) => [{ type: 'attributes', target: n.header }]],
    ['a row of the chat list, outside every quiet region', false, (n) => [{ type: 'childList', target: n.chatList }]],
    ['rows into the list with one header change in the same batch', false, (n) => [{ type: 'childList', target: n.list }, { type: 'childList', target: n.list }, { type: 'attributes', target: n.header }]],
    ['the header change first, then rows', false, (n) => [{ type: 'characterData', target: n.headerText }, { type: 'childList', target: n.list }]],
    ['the document’s root element’s attributes', false, () => [{ type: 'attributes', target: document.documentElement }]],
    ['a shadow root’s own children (LinkedIn’s overlay, Reddit’s chat)', false, (n) => [{ type: 'childList', target: n.shadow }]],
    ['inside a shadow root, where the page’s quiet selectors do not reach', false, (n) => [{ type: 'childList', target: n.shadowList }]],
  ];

  it.each(cases)('%s → quiet: %s', (_, quiet, changes) => {
    expect(onlyQuietChanges(changes(page()), QUIET)).toBe(quiet);
  });

  it('finds each element’s answer once a batch', () => {
    const n = page();
    let walks = 0;
    const closest = n.list.closest.bind(n.list);
    n.list.closest = ((selector: string) => {
      walks += 1;
      return closest(selector);
    }) as typeof n.list.closest;
    expect(onlyQuietChanges(Array.from({ length: 30 }, () => ({ type: 'childList' as const, target: n.list })), QUIET)).toBe(true);
    expect(walks).toBe(1);
  });

  it('takes the records a MutationObserver reports', async () => {
    const n = page();
    const batches: boolean[] = [];
    const observer = new MutationObserver((records) => batches.push(onlyQuietChanges(records, QUIET)));
    observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
    for (let k = 0; k < 30; k++) n.list.append(Object.assign(document.createElement('div'), { textContent: `message ${k}` }));
    await new Promise((resolve) => setTimeout(resolve, 0));
    const newList = document.createElement('div');
    newList.setAttribute('role', 'application');
    n.main.replaceChildren(n.header, newList);
    await new Promise((resolve) => setTimeout(resolve, 0));
    observer.disconnect();
    expect(batches).toEqual([true, false]);
  });
});

function loadPage(site: string, file: string, url: string): Document {
  const window = new Window({ url, settings: { disableJavaScriptEvaluation: true, disableCSSFileLoading: true } });
  window.document.write(readFileSync(path.resolve('tests/fixtures', site, file), 'utf8'));
  return window.document as unknown as Document;
}

const withQuiet = adapters.filter((adapter) => adapter.quiet);

describe.each(withQuiet.map((adapter) => [adapter.id, adapter] as const))('%s: its quiet regions', (_, adapter) => {
  const cases = (JSON.parse(readFileSync(path.resolve('tests/fixtures', adapter.id, 'cases.json'), 'utf8')) as { file: string; url: string }[]);
  const quiet = adapter.quiet!.join(', ');
  // Every message row of every saved page of the site: rows from chats with the watched person,
  // with others and with groups (sender names, avatars, links).
  const rows = cases.flatMap(({ file, url }) => [...loadPage(adapter.id, file, url).querySelectorAll(quiet)].flatMap((region) => [...region.children].map((row) => row.outerHTML)));

  it('are found in its saved pages (the selectors name something)', () => {
    expect(rows.length).toBeGreaterThan(0);
  });

  it.each(cases.map((fixture) => [`${fixture.file} at ${fixture.url}`, fixture] as const))('%s: every saved row added to them changes nothing read', (_, { file, url }) => {
    const doc = loadPage(adapter.id, file, url);
    const before = adapter.fromPage!(doc, new URL(url));
    const regions = [...doc.querySelectorAll(quiet)];
    for (const region of regions) region.insertAdjacentHTML('beforeend', rows.join(''));
    expect(adapter.fromPage!(doc, new URL(url))).toEqual(before);
  });
});
