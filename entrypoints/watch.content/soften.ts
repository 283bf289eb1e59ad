import type { WatchIndex } from '@/utils/model/matching';
import type { Person } from '@/utils/model/schema';
import { t } from '@/utils/model/i18n';
import { sendMessage } from '@/utils/protocol/messaging';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Place } from '@/utils/sites/types';

/**
 * Softening (issue 24): a post, comment, story bubble, suggestion or inbox row of someone watched,
 * where it turns up by chance, is covered in place by a calm frosted cover ("From S.", See it), the
 * page's own item left as it is beneath (nothing deleted, no account action). Seeing it goes through
 * the pause screen (`onReveal`); Continue there uncovers that one item.
 *
 * Items are read as the page adds them, in the observer's callback, which runs before the browser
 * paints: an item of theirs is covered before its first frame, however the feed loads more. Whose an
 * item is comes from the item itself (`Place.author`), never from a link inside it.
 */

export interface Softener {
  /** Uncovers one item for good (Continue on the pause screen for it). */
  reveal(item: Element): void;
  /** Takes every cover away and stops (the index changed, the script ends). */
  stop(): void;
}

interface Options {
  places: readonly Place[];
  index: WatchIndex;
  /** They are let through on this site now (a Continue's snooze): their items are not covered meanwhile. */
  letThrough(personId: string): boolean;
  /** A trusted press on an item's "See it". */
  onReveal(item: Element, person: Person): void;
  /** An item of theirs was covered (counted as "turned up": nothing about it is kept). */
  onCovered(): void;
}

interface Cover {
  host: HTMLElement;
  person: Person;
  /** The item's own inline position before it was made a containing block, if it was. */
  position: string | null;
  /** The item's children made inert under the cover (no focus, no reading), to give back. */
  inert: Element[];
}

const CSS = `:host{all:initial!important}
.c{position:absolute;inset:0;display:flex;flex-wrap:wrap;align-items:center;justify-content:center;gap:6px 12px;padding:8px;box-sizing:border-box;
backdrop-filter:blur(24px) saturate(.5);-webkit-backdrop-filter:blur(24px) saturate(.5);background:rgba(244,241,236,.82);color:#2f2d2a;
font:15px/1.4 system-ui,sans-serif;border-radius:inherit;overflow:hidden}
button{font:inherit;padding:4px 14px;border-radius:999px;border:1px solid #8b8680;background:#fffdf9;color:#2f2d2a;cursor:pointer}
button:focus-visible{outline:3px solid #5b7db1;outline-offset:2px}
@media (prefers-color-scheme:dark){.c{background:rgba(38,37,35,.84);color:#ece8e1}button{background:#2f2d2a;color:#ece8e1;border-color:#8b8680}}`;

// The cover's own box, inline and !important: a page stylesheet cannot hide or move it.
const HOST_STYLE = 'all:initial!important;position:absolute!important;inset:0!important;z-index:2147483646!important;display:block!important';

// How often in one frame covers are put back before the softener stops answering the page's
// removals of them (a page removing them on every change would make two observers answer each other).
const REPAIRS_PER_FRAME = 50;

export function soften(options: Options): Softener {
  const { places, index } = options;
  const selector = places.map((place) => place.item).join(', ');
  const covers = new Map<Element, Cover>();
  const hosts = new WeakSet<Element>();
  // What is the same for every cover, made once: the words (per person), the stylesheet (parsed once
  // and shared, where the browser lets a content script share one), and whether a place's items
  // need to be made a containing block (read once per place: reading an item's computed style makes
  // the browser work out the page's styles there and then).
  const show = t('soften_show');
  const from = new Map<string, string>();
  const staticPlace = new Map<Place, boolean>();
  let sheet: CSSStyleSheet | null | undefined;
  const revealed = new WeakSet<Element>();
  let repairs = 0;
  let frame = 0;

  // Whom each text read off an item names, of the watched (a feed shows the same authors again and
  // again): kept for this index, a few thousand texts at most.
  const named = new Map<string, Person | null>();
  const personOf = (place: Place, read: string): Person | null => {
    const key = `${places.indexOf(place)}\u0000${read}`;
    let person = named.get(key);
    if (person === undefined) {
      const seen = place.author(read);
      person = seen ? (index.match({ kind: place.kind === 'inbox' ? 'thread' : 'profile', identifiers: Array.isArray(seen) ? seen : [seen] })?.person ?? null) : null;
      if (named.size >= 5000) named.clear();
      named.set(key, person);
    }
    return person;
  };

  /** Whose the item is, of the watched not let through now, and which place it is in. */
  const whose = (item: Element): { person: Person; place: Place } | null => {
    const place = places.find((p) => item.matches(p.item));
    const read = place?.read(item);
    const person = place && read ? personOf(place, read) : null;
    return person && !options.letThrough(person.id) ? { person, place: place! } : null;
  };

  const cover = (item: Element, person: Person, place: Place) => {
    const host = document.createElement('div');
    host.setAttribute('style', HOST_STYLE);
    const shadow = host.attachShadow({ mode: 'closed' });
    const box = document.createElement('div');
    box.className = 'c';
    const words = document.createElement('span');
    if (!from.has(person.id)) from.set(person.id, t('soften_from', { alias: person.alias }));
    words.textContent = from.get(person.id)!;
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = show;
    // Only the user's own press: a page's scripted click reveals nothing.
    button.addEventListener('click', (event) => {
      event.stopPropagation();
      event.preventDefault();
      if (event.isTrusted && covers.get(item)?.host === host) options.onReveal(item, person);
    });
    // Nothing pressed on the cover reaches the item's own handlers (opening the post), nor follows
    // the item's link (a chat row is an <a>: a click's default action would open the chat).
    for (const type of ['click', 'pointerdown', 'mousedown', 'pointerup', 'mouseup', 'auxclick']) {
      host.addEventListener(type, (event) => {
        event.stopPropagation();
        if (type === 'click' || type === 'auxclick') event.preventDefault();
      });
    }
    box.append(words, button);
    if (sheet === undefined) {
      try {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(CSS);
        shadow.adoptedStyleSheets = [sheet];
      } catch {
        sheet = null;
      }
    } else if (sheet) shadow.adoptedStyleSheets = [sheet];
    if (!sheet) {
      const style = document.createElement('style');
      style.textContent = CSS;
      shadow.append(style);
    }
    shadow.append(box);
    const inert = [...item.children].filter((child) => !(child as HTMLElement).inert);
    for (const child of inert) (child as HTMLElement).inert = true;
    let position: string | null = null;
    if (!staticPlace.has(place)) staticPlace.set(place, item instanceof HTMLElement && getComputedStyle(item).position === 'static');
    if (staticPlace.get(place) && item instanceof HTMLElement && !item.style.position) {
      position = item.style.position;
      item.style.position = 'relative';
    }
    item.append(host);
    hosts.add(host);
    covers.set(item, { host, person, position, inert });
    options.onCovered();
  };

  const uncover = (item: Element) => {
    const found = covers.get(item);
    if (!found) return;
    covers.delete(item);
    found.host.remove();
    for (const child of found.inert) (child as HTMLElement).inert = false;
    if (found.position !== null) (item as HTMLElement).style.position = found.position;
  };

  const check = (item: Element) => {
    if (revealed.has(item)) return;
    const theirs = whose(item);
    const found = covers.get(item);
    if (found && found.person.id !== theirs?.person.id) uncover(item);
    else if (found && found.host.parentNode !== item) item.append(found.host);
    if (theirs && !covers.has(item)) cover(item, theirs.person, theirs.place);
  };

  // An element the page added: an item itself (a post added whole: the common case, one call), or
  // a part of one (its author rendered later), or a part of the page holding items.
  const scan = (root: Element) => {
    const item = root.matches(selector) ? root : root.parentElement?.closest(selector);
    if (item) check(item);
    if (root.firstElementChild) for (const inner of root.querySelectorAll(selector)) check(inner);
  };

  // A cover the page took out is put back, a few dozen a frame at most.
  const repair = () => {
    for (const [item, found] of covers) {
      if (found.host.parentNode === item || !item.isConnected) continue;
      if (repairs >= REPAIRS_PER_FRAME) return;
      repairs += 1;
      if (!frame) frame = requestAnimationFrame(() => ((frame = 0), (repairs = 0)));
      item.append(found.host);
    }
  };

  const observer = new MutationObserver((records) => {
    let removed = false;
    for (const record of records) {
      if (record.type === 'attributes') {
        const item = (record.target as Element).closest(selector);
        if (item) check(item);
        continue;
      }
      for (const node of record.addedNodes) if (node.nodeType === 1 && !hosts.has(node as Element)) scan(node as Element);
      if (record.removedNodes.length > 0) removed = true;
    }
    // Covers taken off items still in the page are put back. An item the page took out keeps its
    // cover (and its children inert) while it is out: put back in the page (a list moving its rows)
    // it is still covered, and stop() still gives it back whole.
    if (removed) repair();
  });

  const attributeFilter = [...new Set(places.flatMap((place) => place.attributes ?? []))];
  observer.observe(document, { childList: true, subtree: true, ...(attributeFilter.length ? { attributes: true, attributeFilter } : {}) });
  if (document.documentElement) scan(document.documentElement);

  return {
    reveal(item) {
      revealed.add(item);
      uncover(item);
    },
    stop() {
      observer.disconnect();
      if (frame) cancelAnimationFrame(frame);
      for (const item of [...covers.keys()]) uncover(item);
    },
  };
}

/**
 * "Seen by chance": the items covered on this page, sent to the background as one count every few
 * seconds (`covered`), and at once as the page goes (`flush`). Only the number leaves the page.
 */
export function turnedUpCounter(ctx: ContentScriptContext, site: string): { covered(): void; flush(): void } {
  let count = 0;
  const flush = () => {
    const sent = Math.min(count, 1000);
    count = 0;
    if (sent > 0) void sendMessage('turnedUp', { site, count: sent }).catch(() => undefined);
  };
  return {
    covered() {
      if (count++ === 0) ctx.setTimeout(flush, 2000);
    },
    flush,
  };
}
