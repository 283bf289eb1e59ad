import { MatchPattern } from '@webext-core/match-patterns';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { compileWatchIndex, type WatchIndex } from '@/utils/model/matching';
import type { PageReading } from '@/utils/protocol/requests';
import { onMessage, sendMessage, senderKind } from '@/utils/protocol/messaging';
import { customSiteAdapter, type CheckedCustomSite } from '@/utils/sites/custom/adapter';
import { seenKey, type SeenIdentifier, type SiteAdapter, type Sighting } from '@/utils/sites/types';
import {
  CUSTOM_SITES_KEY,
  isCustomSitesWatch,
  isSiteWatch,
  readStored,
  watchIndexKey,
  watchStored,
  type CustomSitesWatch,
  type SiteWatch,
} from '@/utils/store/watch-index';
import { BLANK_GRACE_MS, decide, initialState, report, SETTLE_MS, type Decided, type Found, type LearnedId, type Report, type ThreadReading } from './decide';
import { showPause, type PauseHandle } from './pause';
import { onlyQuietChanges } from './quiet';
import { armSendCheck, type SendCheckHandle } from './send-check';

interface Watched {
  /** This site's watch index; null when there is none to be had (nobody is watched meanwhile). */
  site: SiteWatch | null;
  index: WatchIndex;
}

/**
 * The custom sites' content script (registered by the background for the hosts the user
 * granted): picks the custom site whose pattern includes this page, and watches it.
 */
export async function watchCustomSite(ctx: ContentScriptContext): Promise<void> {
  const here = (site: CheckedCustomSite) => new MatchPattern(site.pattern).includes(location.href);
  // A list without this page's site may be older than the site (just added): asked for again.
  const stored = await loadIndex(CUSTOM_SITES_KEY, (value): value is CustomSitesWatch => isCustomSitesWatch(value) && value.sites.some(here));
  const site = stored?.sites.find(here);
  if (site) await watchPage(ctx, customSiteAdapter(site));
}

/**
 * Watches this page with its site's adapter (each site's content script carries its own): reads
 * the site's watch index (utils/store/watch-index.ts), and looks at the page whenever its address or
 * (for sites read from the DOM) its content changes. What to do about what it shows is decided
 * by `decide` (decide.ts); this shell looks, asks, and does it. With nobody watched on the site
 * it only listens for changes of its index.
 */
export async function watchPage(ctx: ContentScriptContext, adapter: SiteAdapter): Promise<void> {
  // The address the document was loaded at: its own scripts have not run yet.
  const loadedAt = new URL(location.href);
  const unveil = veilLifter();
  let watched = await loadWatched(adapter);
  let state = initialState(adapter.id);
  // The screen and the send check that are up, as the state says they should be.
  let pause: PauseHandle | null = null;
  let sendCheck: SendCheckHandle | null = null;
  /** The user pressed or typed in the page since the last screen went down (see `seenAt`). */
  let touchedSinceChoice = false;
  let page: FollowedPage | null = null;
  // Reading the open chat again once the page has been still for SETTLE_MS (the health signal).
  let settleTimer: number | null = null;
  const stopSettling = () => {
    if (settleTimer !== null) clearTimeout(settleTimer);
    settleTimer = null;
  };

  // A screen over a page that went blank is looked at again once the grace is over, whether or
  // not the page changes meanwhile: a chat the app really closed takes the screen down then.
  let blankTimer: number | null = null;
  const apply = ({ state: next, decision }: Decided) => {
    state = next;
    const blankSince = state.pausedOn?.blankSince ?? null;
    if (blankSince === null && blankTimer !== null) {
      clearTimeout(blankTimer);
      blankTimer = null;
    } else if (blankSince !== null && blankTimer === null) {
      blankTimer = ctx.setTimeout(() => {
        blankTimer = null;
        if (!watched.index.empty && !leaving()) look();
      }, blankSince + BLANK_GRACE_MS + 50 - Date.now());
    }
    switch (decision.do) {
      case 'show': {
        pause?.dismiss('navigated');
        touchedSinceChoice = false;
        const { found } = decision;
        // Leaving a compose window takes the person out of its recipients and keeps the draft.
        const compose = found.leavesInPlace ? adapter.leaveCompose : undefined;
        if (!watched.site) break;
        pause = showPause(ctx, {
          person: found.person,
          kind: found.kind,
          site: adapter.id,
          settings: watched.site.screen,
          leaveInPlace: compose ? () => compose(document, found.seen) : undefined,
          onDone(outcome) {
            pause = null;
            apply(decide(state, { type: 'chose', outcome, url: location.href }, Date.now()));
          },
        });
        break;
      }
      case 'dismiss':
        pause?.dismiss('navigated');
        pause = null;
        unveil();
        break;
      case 'leave':
        if (decision.to === 'home') location.replace(adapter.home);
        else if (!(decision.closeChat && adapter.closeThread?.(document, decision.closeChat))) goBack(ctx, adapter);
        break;
      case 'letThrough':
        unveil();
        break;
      case 'armSendCheck':
        unveil();
        sendCheck?.disarm();
        sendCheck = armSendCheck(ctx, { adapter, person: decision.person, site: adapter.id });
        break;
      case 'nothing':
        break;
    }
    if (sendCheck && sendCheck.personId !== state.sendCheck) {
      sendCheck.disarm();
      sendCheck = null;
    }
  };

  // A link the app replaces in place (adapter.resolvesInPlace: Telegram's `#?tgaddr=`) names
  // someone; the app takes it out of the address, then puts the chat's own there. Whom it named is
  // carried over both, while the screen is up for them (nobody can use the page meanwhile), while
  // a Continue lets them through and the user has not touched the page since (the chat then
  // opened is the app's answer, theirs: no second screen, the send check stays armed; a chat the
  // user clicked may be anyone's), or before the first look; and the chat's id is learned for them.
  let looked = false;
  let resolving: Sighting | null = null;
  // Presses and keys are followed only once the page has had such a link: elsewhere they decide nothing.
  let followingTouches = false;
  const resolveFrom = (address: Sighting | null) => {
    resolving = address;
    if (!address || followingTouches) return;
    followingTouches = true;
    // A press on the pause screen (its host is in this page) comes while it is up: not counted.
    const touched = (event: Event) => {
      if (event.isTrusted && !state.paused) touchedSinceChoice = true;
    };
    for (const type of ['pointerdown', 'keydown'] as const) ctx.addEventListener(window, type, touched, { capture: true });
  };
  if (adapter.resolvesInPlace?.(loadedAt)) resolveFrom(adapter.fromUrl(loadedAt));
  const resolved = new Map<string, Sighting>();
  const seenAt = (url: URL): Seen => {
    const seen = sightingsOf(adapter, url);
    if (adapter.resolvesInPlace?.(url)) {
      resolveFrom(seen.address);
    } else if (resolving) {
      const from = resolving;
      const heldFor = state.paused?.person.id ?? (touchedSinceChoice ? undefined : state.through?.personId);
      const carrying = !looked || (heldFor !== undefined && findWatched(adapter, watched.index, { address: from, page: [] })?.person.id === heldFor);
      if (!carrying || (seen.address && seen.address.kind !== 'thread')) resolving = null;
      // The chat is open at its own address: found.
      else if (seen.address) {
        resolved.set(url.href, from);
        resolving = null;
      }
      // No address yet: still being found.
      else return { ...seen, address: from };
    }
    const from = resolved.get(url.href);
    const { address } = seen;
    if (!from || address?.kind !== 'thread' || address.group) return seen;
    return { ...seen, address: { kind: 'thread', identifiers: [...address.identifiers, ...from.identifiers] }, resolved: true };
  };

  const tell = (decided: { state: typeof state; report: Report }) => {
    state = decided.state;
    const { report: what } = decided;
    // Not sent when the background is unreachable (the extension updating): nothing to do about it here.
    if (what.send === 'learnThread') {
      void sendMessage('learnThread', { personId: what.personId, site: adapter.id, conversation: what.conversation }).catch(() => undefined);
    } else if (what.send === 'unreadThread') {
      void sendMessage('unreadThread', { site: adapter.id }).catch(() => undefined);
    } else {
      stopSettling();
      // Every look (each change of the page, at most one a frame) starts the wait again.
      if (what.awaitSettle) {
        settleTimer = ctx.setTimeout(() => {
          settleTimer = null;
          const url = new URL(location.href);
          tell(report(state, threadReading(watched.index, url, seenAt(url)), true));
        }, SETTLE_MS);
      }
    }
  };

  const look = (url = new URL(location.href)) => {
    const seen = seenAt(url);
    const found = findWatched(adapter, watched.index, seen);
    const named = seen.page.flatMap((sighting) =>
      sighting.group ? ['group'] : sighting.identifiers.map(seenKey),
    );
    apply(decide(state, { type: 'page', url: url.href, found, named }, Date.now()));
    looked = true;
    // Learning and the health signal concern only addresses of an open chat: elsewhere (a feed
    // changing every frame) nothing more is read, and a wait for the chat to settle is dropped.
    if (adapter.fromPage && seen.address?.kind === 'thread') tell(report(state, threadReading(watched.index, url, seen), false));
    else stopSettling();
    page?.observeShadowRoots();
  };

  const start = () => {
    page?.disconnect();
    page = null;
    stopSettling();
    const { site, index } = watched;
    apply(decide(state, { type: 'watched', snoozes: site?.snoozes ?? [], snoozeMinutes: site?.snoozeMinutes ?? 0, empty: index.empty }, Date.now()));
    if (index.empty) return;
    look();
    if (adapter.fromPage) {
      // Chats open without a URL change: follow the page's DOM, at most one look a frame.
      page = followPage(adapter, () => look());
      if (document.readyState === 'loading') {
        ctx.addEventListener(document, 'DOMContentLoaded', () => look());
      }
    }
  };

  // "Watch this person here", from the popup only: what this page identifies.
  const stopAnswering = onMessage('readPage', ({ sender }) => {
    if (senderKind(sender) !== 'extension-page') throw new Error('not allowed');
    return readPage(adapter, new URL(location.href));
  });
  ctx.onInvalidated(stopAnswering);

  const leaving = leavingDocument(ctx, () => {
    if (!watched.index.empty) look();
  });
  ctx.addEventListener(window, 'wxt:locationchange', (event) => {
    if (!watched.index.empty && !leaving()) look(event.newUrl);
  });
  ctx.addEventListener(window, 'pagehide', (event) => {
    // Into the back/forward cache (Firefox keeps most pages there): the page can be shown again as
    // it is, with no load and no script run first, so the screen stays over it.
    if (event.persisted) pause?.suspend();
    else pause?.dismiss('unloaded');
  });
  ctx.addEventListener(window, 'pageshow', (event) => {
    if (!event.persisted) return;
    // Back from the cache: a Leave on the way out of it is over (the user came back themselves), so
    // is a Continue's letting them through (coming back is a new decision; a snooze still holds),
    // and the page is looked at afresh, in this task, before a frame is painted. A screen kept
    // over it for the person it still shows goes on (its attempt resumes); otherwise it goes, and
    // one comes up if the page shows someone else watched.
    state = { ...state, leaving: null, through: null };
    const url = new URL(location.href);
    const found = findWatched(adapter, watched.index, seenAt(url));
    if (pause && found?.person.id === pause.personId) pause.resume();
    look(url);
  });
  ctx.onInvalidated(() => {
    page?.disconnect();
    pause?.dismiss('invalidated');
    // The extension is gone (reloaded, updated): the page is the user's again, veiled or not.
    unveil();
  });

  const reload = async () => {
    watched = await loadWatched(adapter);
    start();
  };
  // The background writes the index again on every change of the settings or the snoozes. Heard
  // from here on, and read once more: a write that landed after the first read and before this
  // (the settings changed as the page loaded) would otherwise go unheard, and the page unwatched
  // until the next change. (Listening before the first read would catch it too, but costs the
  // page's load about 0.3 ms more before the script has decided: bench, evaluation.)
  ctx.onInvalidated(watchStored(watchIndexKey(adapter.id), () => void reload()));
  const first = JSON.stringify(watched.site);
  void readStored(watchIndexKey(adapter.id)).then((again) => {
    if (JSON.stringify(isSiteWatch(again, adapter.id) ? again : null) !== first) void reload();
  });
  start();
}

/**
 * WXT's location watcher, where the Navigation API exists, reports every navigation from its
 * `navigate` event, before it happens: also one to another document (a link followed, Back or
 * Forward to another page), where this page is on its way out and the next document's script
 * decides. Looked at here, such an address put a screen up over the page being left, for an
 * instant, and one left so into the back/forward cache came back with it as an abandoned attempt.
 * Returns whether the navigation under way leaves this document. Must be called before the
 * `wxt:locationchange` listener is added, so this `navigate` listener runs before WXT's. A page
 * that intercepts such a navigation (a Navigation API router) stays: `onStay` is called once the
 * address has changed in this document.
 */
function leavingDocument(ctx: ContentScriptContext, onStay: () => void): () => boolean {
  const navigation = (globalThis as { navigation?: EventTarget }).navigation;
  let leaving = false;
  if (typeof navigation?.addEventListener !== 'function') return () => false;
  navigation.addEventListener(
    'navigate',
    (event) => {
      leaving = (event as Event & { destination?: { sameDocument?: boolean } }).destination?.sameDocument === false;
    },
    { signal: ctx.signal },
  );
  navigation.addEventListener(
    'currententrychange',
    () => {
      if (!leaving) return;
      leaving = false;
      onStay();
    },
    { signal: ctx.signal },
  );
  return () => leaving;
}

/**
 * The browser veils the document (utils/background/veil.ts) from its first frame when its address names
 * a watched person; the veil stays on it through in-app navigation. Whether it is veiled is
 * read off the document itself, the first time it may be shown: the registered veil and the
 * settings read here can disagree for a moment (a person or a site just changed), and a veiled
 * page this script did not know of would stay hidden. Returns how to lift it (once).
 */
function veilLifter(): () => void {
  let lifted = false;
  return () => {
    if (lifted) return;
    lifted = true;
    const root = document.documentElement;
    if (getComputedStyle(root).visibility === 'hidden') root.style.setProperty('visibility', 'visible', 'important');
  };
}

interface FollowedPage {
  /** Observes the adapter's shadow roots that are new since the last call. */
  observeShadowRoots(): void;
  disconnect(): void;
}

/**
 * Calls `onChange` (at most once a frame) when the page's DOM changes in a way that may change
 * who is shown: a batch of changes all inside the adapter's quiet regions (a chat's message
 * list filling) is passed over (quiet.ts). Parts of some sites live in open shadow roots
 * (LinkedIn's overlay, Reddit's chat): a document observer does not see inside them, so each
 * one the adapter names is observed as it appears, by this observer.
 */
function followPage(adapter: SiteAdapter, onChange: () => void): FollowedPage {
  const observing: MutationObserverInit = {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['href', 'aria-label', 'title', ...(adapter.watchAttributes ?? [])],
  };
  const quiet = adapter.quiet?.join(', ');
  let frame = 0;
  const observer = new MutationObserver((changes) => {
    // A look is on its way already, or nothing here can change who is shown.
    if (frame || (quiet && onlyQuietChanges(changes, quiet))) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      onChange();
    });
  });
  const observedRoots = new WeakSet<ShadowRoot>();
  const observeShadowRoots = () => {
    for (const root of adapter.shadowRoots?.(document) ?? []) {
      if (observedRoots.has(root)) continue;
      observedRoots.add(root);
      observer.observe(root, observing);
    }
  };
  observer.observe(document.documentElement, observing);
  observeShadowRoots();
  return {
    observeShadowRoots,
    disconnect() {
      observer.disconnect();
      if (frame) cancelAnimationFrame(frame);
      frame = 0;
    },
  };
}

/**
 * A stored index, or, when it is missing or not one this version wrote (a fresh profile, an
 * update, a custom site just added), the one the background writes when asked. Null when there
 * is none even then (the background unreachable, or a custom site the user removed): nobody is
 * watched until the index is written, which wakes this script (watchStored).
 */
async function loadIndex<T>(key: string, isIndex: (value: unknown) => value is T): Promise<T | null> {
  const stored = await readStored(key);
  if (isIndex(stored)) return stored;
  try {
    await sendMessage('publishWatch', {});
  } catch {
    return null;
  }
  const published = await readStored(key);
  return isIndex(published) ? published : null;
}

async function loadWatched(adapter: SiteAdapter): Promise<Watched> {
  const site = await loadIndex(watchIndexKey(adapter.id), (value): value is SiteWatch => isSiteWatch(value, adapter.id));
  return { site, index: compileWatchIndex(site?.people ?? [], adapter.id) };
}

/** What the address says, and what the page shows (for sites read from the DOM). */
interface Seen {
  address: Sighting | null;
  page: Sighting[];
  /** The address is a chat's own that a link naming someone was replaced with (its identifiers are in `address`). */
  resolved?: boolean;
}

export function sightingsOf(adapter: SiteAdapter, url: URL): Seen {
  return { address: adapter.fromUrl(url), page: adapter.fromPage && document.documentElement ? adapter.fromPage(document, url) : [] };
}

const allOf = ({ address, page }: Seen): Sighting[] => (address ? [address, ...page] : page);

/**
 * What learning threads and the health signal need: whether the address says a chat is open and
 * carries its id, whom the address and the page each name, and whether the page shows the chat is
 * a group's. A group chat or one with someone not watched is nobody's (the adapters read no partner
 * in a group; those with a positive sign of one say so, with a group sighting).
 */
export function threadReading(index: WatchIndex, url: URL, { address, page, resolved = false }: Seen): ThreadReading {
  const thread = address?.kind === 'thread';
  const byPage = page.find((sighting) => sighting.kind === 'thread' && index.match(sighting));
  return {
    url: url.href,
    thread,
    conversation: thread ? learnable(address.identifiers) : null,
    byAddress: (address && index.match(address)?.person.id) ?? null,
    byPage: (byPage && index.match(byPage)?.person.id) ?? null,
    pageRead: page.some((sighting) => sighting.identifiers.length > 0),
    pageAccount: pageAccountOf(index, page),
    resolved,
    group: page.some((sighting) => sighting.group === true),
  };
}

/** The one account id the page shows for its one open conversation, if no watched person has it yet. */
function pageAccountOf(index: WatchIndex, page: readonly Sighting[]): string | null {
  const threads = page.filter((sighting) => sighting.kind === 'thread');
  if (threads.length !== 1) return null;
  const accounts = threads[0]!.identifiers.filter((identifier) => identifier.kind === 'accountId');
  const value = accounts.length === 1 ? accounts[0]!.value.trim() : '';
  return value && !index.match({ kind: 'thread', identifiers: [{ kind: 'accountId', value }] }) ? value : null;
}

/**
 * The id a thread's address opens it by: its conversation id, or, on an address with none that
 * names the chat by the partner's account (Telegram `#<user id>`), that account id. Handles and
 * phone numbers in an address are the user's own words for a person, not a conversation's id.
 */
function learnable(identifiers: readonly SeenIdentifier[]): LearnedId | null {
  for (const kind of ['conversationId', 'accountId'] as const) {
    const value = identifiers.find((identifier) => identifier.kind === kind)?.value.trim();
    if (value) return { kind, value };
  }
  return null;
}

function readPage(adapter: SiteAdapter, url: URL): PageReading {
  const seen = new Map<string, SeenIdentifier>();
  for (const sighting of allOf(sightingsOf(adapter, url))) {
    for (const identifier of sighting.identifiers) seen.set(`${identifier.kind}|${identifier.value}`, identifier);
  }
  return { site: adapter.id, siteName: adapter.name, identifiers: [...seen.values()] };
}

function findWatched(adapter: SiteAdapter, index: WatchIndex, seen: Seen): Found | null {
  for (const sighting of allOf(seen)) {
    const match = index.match(sighting);
    if (match) {
      const leavesInPlace = sighting.kind === 'compose' && adapter.leaveCompose !== undefined;
      return { person: match.person, kind: sighting.kind, seen: match.seen, leavesInPlace };
    }
  }
  return null;
}

/** Leave: back where the user came from, or the site's home when the tab has no history. */
function goBack(ctx: ContentScriptContext, adapter: SiteAdapter) {
  const from = location.href;
  if (history.length > 1) {
    // Hidden meanwhile, the page did go back: into the back/forward cache, from which Forward may
    // bring it back, timers and all; this one must not then send it home.
    let hidden = false;
    ctx.addEventListener(window, 'pagehide', () => (hidden = true), { once: true });
    history.back();
    // history.back() does nothing when the previous entry is outside this page's reach.
    ctx.setTimeout(() => {
      if (!hidden && location.href === from) location.replace(adapter.home);
    }, 1500);
  } else {
    location.replace(adapter.home);
  }
}
