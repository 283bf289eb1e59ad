import { afterEach, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { watchPage } from '@/entrypoints/watch.content/watch';
import { defaultSettings } from '@/utils/model/defaults';
import { instagram } from '@/utils/sites/instagram';
import { compileSiteWatch, watchIndexKey } from '@/utils/store/watch-index';

// The content script's shell over the fake browser's storage: how it hears its watch index.

const sam = { id: 'p-sam', alias: 'S.', addedAt: 1, identifiers: [{ kind: 'handle' as const, value: 'sam.lee', site: 'instagram' }] };
const indexFor = (people: (typeof sam)[]) => compileSiteWatch({ ...defaultSettings(), people }, [], 'instagram', true);
const key = watchIndexKey('instagram');
/** Puts happy-dom's window at `url`, as a full load would. */
const at = (url: string) => (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);
const screenUp = () => document.querySelector('[popover]') !== null;

// happy-dom has no popover API; the screen's host is kept in the top layer with it (guard.ts).
const proto = HTMLElement.prototype as unknown as Record<string, unknown>;
proto.showPopover ??= function showPopover() {};
proto.hidePopover ??= function hidePopover() {};

let ctx: ContentScriptContext | null = null;
afterEach(() => {
  ctx?.abort();
  ctx = null;
  document.querySelector('[popover]')?.remove();
});

it('a watch index written while the first read is on its way is heard: the page is paused', async () => {
  at('https://www.instagram.com/sam.lee/');
  await fakeBrowser.storage.session.set({ [key]: indexFor([]) });
  // The first read answers with what was stored when it was asked; the background's write (the
  // person just added) lands before that answer arrives.
  const get = fakeBrowser.storage.session.get.bind(fakeBrowser.storage.session);
  let reads = 0;
  vi.spyOn(fakeBrowser.storage.session, 'get').mockImplementation(async (keys) => {
    reads++;
    const snapshot = await get(keys as string);
    if (reads === 1) await fakeBrowser.storage.session.set({ [key]: indexFor([sam]) });
    return snapshot;
  });
  ctx = new ContentScriptContext('instagram');
  await watchPage(ctx, instagram);
  await vi.waitFor(() => expect(screenUp()).toBe(true));
});

it('with nobody watched and no change, the index is read, and read once more, and the page is not paused', async () => {
  at('https://www.instagram.com/sam.lee/');
  await fakeBrowser.storage.session.set({ [key]: indexFor([]) });
  const get = vi.spyOn(fakeBrowser.storage.session, 'get');
  ctx = new ContentScriptContext('instagram');
  await watchPage(ctx, instagram);
  // watchPage has looked at the page by the time it returns: nobody there.
  expect(screenUp()).toBe(false);
  await vi.waitFor(() => expect(get).toHaveBeenCalledTimes(2));
  // And a later write is heard as before.
  await fakeBrowser.storage.session.set({ [key]: indexFor([sam]) });
  await vi.waitFor(() => expect(screenUp()).toBe(true));
});
