import { MatchPattern } from '@webext-core/match-patterns';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { compileWatchIndex, type WatchIndex } from '@/utils/model/matching';
import type { Person } from '@/utils/model/schema';
import { onMessage, pageMayReceive, sendMessage } from '@/utils/protocol/messaging';
import { customSiteAdapter, type CheckedCustomSite } from '@/utils/sites/custom/adapter';
import { seenKey, type SiteAdapter, type Sighting } from '@/utils/sites/types';
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
import { BLANK_GRACE_MS, carry, decide, initialState, report, SETTLE_MS, type Decided, type Report } from './decide';
import { findWatched, readPage, sightingsOf, threadReading, type Seen } from './readers';
import { followNavigation, goBack, holdContext, leavingDocument } from './context-guard';
import { showPause, type PauseHandle } from './pause';
import { onlyQuietChanges } from './quiet';
import { armSendCheck, type SendCheckHandle } from './send-check';
import { soften, turnedUpCounter, type Softener } from './soften';

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
  holdContext(ctx);
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
  holdContext(ctx);
  // The address the document was loaded at: its own scripts have not run yet.
  const loadedAt = new URL(location.href);
  const unveil = veilLifter();
  let watched = await loadWatched(adapter);
  let state = initialState(adapter.id);
  // The screen and the send check that are up, as the state says they should be.
  let pause: PauseHandle | null = null;
  let sendCheck: SendCheckHandle | null = null;
  let page: FollowedPage | null = null;
  // Their items where they turn up by chance, softened (soften.ts), and the screen for a look at one.
  let softener: Softener | null = null;
  let revealPause: PauseHandle | null = null;
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
        revealPause?.dismiss('navigated');
        revealPause = null;
        const { found } = decision;
        // Leaving a compose window takes the person out of its recipients and keeps the draft.
        const compose = found.leavesInPlace ? adapter.leaveCompose : undefined;
        if (!watched.site) break;
        pause = showPause(ctx, {
          person: found.person,
          kind: found.kind,
          story: adapter.story?.(new URL(location.href)) ?? false,
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
      case 'resume':
        pause?.resume();
        break;
      case 'nothing':
        break;
    }
    if (sendCheck && sendCheck.personId !== state.sendCheck) {
      sendCheck.disarm();
      sendCheck = null;
    }
  };

  // A link the app replaces in place (adapter.resolvesInPlace) is carried over the chat it opens
  // (decide.ts, `carry`). Presses and keys are followed only once the page has had such a link:
  // elsewhere they decide nothing. A press on the pause screen (its host is in this page) comes
  // while it is up, and `decide` does not count it.
  let followingTouches = false;
  const followTouches = () => {
    if (followingTouches || !state.carry.from) return;
    followingTouches = true;
    const touched = (event: Event) => {
      if (event.isTrusted) apply(decide(state, { type: 'touched' }, Date.now()));
    };
    for (const type of ['pointerdown', 'keydown'] as const) ctx.addEventListener(window, type, touched, { capture: true });
  };
  const personOf = (sighting: Sighting) => watched.index.match(sighting)?.person.id;
  const carryFrom = (url: URL, address: Sighting | null, inPlace: boolean) => {
    const carried = carry(state, { url: url.href, address, inPlace }, personOf);
    state = carried.state;
    followTouches();
    return carried;
  };
  if (adapter.resolvesInPlace?.(loadedAt)) carryFrom(loadedAt, adapter.fromUrl(loadedAt), true);
  const seenAt = (url: URL): Seen => {
    const seen = sightingsOf(adapter, url);
    const { address, resolved } = carryFrom(url, seen.address, adapter.resolvesInPlace?.(url) ?? false);
    return { ...seen, address, resolved };
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
    // Learning and the health signal concern only addresses of an open chat: elsewhere (a feed
    // changing every frame) nothing more is read, and a wait for the chat to settle is dropped.
    if (adapter.fromPage && seen.address?.kind === 'thread') tell(report(state, threadReading(watched.index, url, seen), false));
    else stopSettling();
    page?.observeShadowRoots();
  };

  const turnedUp = turnedUpCounter(ctx, adapter.id);

  // A look at one softened item: the same screen, recorded as its own kind; Continue uncovers it.
  const reveal = (item: Element, person: Person) => {
    if (pause || revealPause || !watched.site) return;
    revealPause = showPause(ctx, {
      person,
      kind: 'reveal',
      site: adapter.id,
      settings: watched.site.screen,
      onDone(outcome) {
        revealPause = null;
        if (outcome === 'continued') softener?.reveal(item);
      },
    });
  };

  const start = () => {
    page?.disconnect();
    page = null;
    softener?.stop();
    softener = null;
    stopSettling();
    const { site, index } = watched;
    apply(decide(state, { type: 'watched', snoozes: site?.snoozes ?? [], snoozeMinutes: site?.snoozeMinutes ?? 0, empty: index.empty }, Date.now()));
    if (index.empty) return;
    if (adapter.places) {
      softener = soften({
        places: adapter.places,
        index,
        letThrough: (personId) =>
          state.through?.personId === personId || state.snoozes.some((s) => s.personId === personId && s.site === adapter.id && s.until > Date.now()),
        onReveal: reveal,
        onCovered: turnedUp.covered,
      });
    }
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
    if (!pageMayReceive('readPage', sender)) throw new Error('not allowed');
    return readPage(adapter, new URL(location.href));
  });
  ctx.onInvalidated(stopAnswering);

  const leaving = leavingDocument(ctx, () => {
    if (!watched.index.empty) look();
  });
  followNavigation(ctx, (url) => {
    if (!watched.index.empty && !leaving()) look(url);
  });
  ctx.addEventListener(window, 'pagehide', (event) => {
    // Into the back/forward cache (Firefox keeps most pages there): the page can be shown again as
    // it is, with no load and no script run first, so the screen stays over it.
    if (event.persisted) pause?.suspend();
    else pause?.dismiss('unloaded');
    revealPause?.dismiss('unloaded');
    revealPause = null;
    turnedUp.flush();
  });
  ctx.addEventListener(window, 'pageshow', (event) => {
    if (!event.persisted) return;
    // Back from the cache: looked at afresh, in this task, before a frame is painted. A screen kept
    // over it for the person it still shows goes on; otherwise it goes, and one comes up if the
    // page shows someone else watched (decide.ts, `shownAgain`).
    apply(decide(state, { type: 'shownAgain' }, Date.now()));
    look();
  });
  ctx.onInvalidated(() => {
    page?.disconnect();
    softener?.stop();
    pause?.dismiss('invalidated');
    revealPause?.dismiss('invalidated');
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
