import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { compileWatchIndex, type WatchIndex, type WatchMatch } from '@/utils/matching';
import type { Person, Settings, Snooze } from '@/utils/schema';
import { adapterById, adapterForUrl } from '@/utils/sites';
import { customAdapterForUrl } from '@/utils/sites/custom';
import type { SeenIdentifier, SiteAdapter, Sighting } from '@/utils/sites/types';
import { onMessage, senderKind, type PageReading } from '@/utils/messages';
import { loadSettings, loadSnoozes, settingsItem, snoozesItem } from '@/utils/storage';
import { showPause, type PauseHandle } from './pause';
import { armSendCheck, type SendCheckHandle } from './send-check';

interface Watched {
  settings: Settings;
  index: WatchIndex;
  snoozes: Snooze[];
}

/**
 * Picks this site's adapter, compiles the watched list for it, and checks the page whenever
 * its address or (for sites read from the DOM) its content changes. With nobody watched on
 * the site it only listens for settings changes.
 */
export async function watchPage(ctx: ContentScriptContext): Promise<void> {
  // A built-in site, or (where the background registered this script for it) a custom one.
  const adapter = adapterForUrl(location.href) ?? customAdapterForUrl((await loadSettings()).value, location.href);
  if (!adapter) return;

  // The browser veils the document (utils/veil.ts) from its first frame when its address names
  // a watched person; the veil stays on it through in-app navigation. Whether it is veiled is
  // read off the document itself, the first time it may be shown: the registered veil and the
  // settings read here can disagree for a moment (a person or a site just changed), and a
  // veiled page this script did not know of would stay hidden.
  let veilSettled = false;
  const unveil = () => {
    if (veilSettled) return;
    veilSettled = true;
    const root = document.documentElement;
    if (getComputedStyle(root).visibility === 'hidden') root.style.setProperty('visibility', 'visible', 'important');
  };

  let watched = await loadWatched(adapter);
  let pause: PauseHandle | null = null;
  let observer: MutationObserver | null = null;
  let frame = 0;
  // After Leave: this person is on the way out of this tab; never show them again meanwhile.
  let leaving: { personId: string; from: string; until: number } | null = null;
  // After Continue into a chat thread: its first send asks once more, while the thread stays open.
  let sendCheck: SendCheckHandle | null = null;
  const disarmSendCheck = () => {
    sendCheck?.disarm();
    sendCheck = null;
  };

  const observing: MutationObserverInit = {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['href', 'aria-label', 'title', ...(adapter.watchAttributes ?? [])],
  };

  const snoozed = (person: Person, now: number) =>
    watched.snoozes.some((s) => s.personId === person.id && s.site === adapter.id && s.until > now);

  const check = (url = new URL(location.href)) => {
    frame = 0;
    const now = Date.now();
    const found = findWatched(adapter, watched.index, url);
    if (sendCheck && (found?.person.id !== sendCheck.personId || found.sighting.kind !== 'thread')) disarmSendCheck();
    if (found && leaving && leaving.personId === found.person.id && leaving.until > now) {
      // history.back() is asynchronous: until the address changes, wait. If going back landed
      // on the same person again, go to the site's home instead.
      if (url.href !== leaving.from) location.replace(adapter.home);
      return;
    }
    if (found && !snoozed(found.person, now)) {
      if (pause?.personId === found.person.id) return;
      pause?.dismiss('navigated');
      const compose = found.sighting.kind === 'compose' ? adapter.leaveCompose : undefined;
      pause = showPause(ctx, {
        person: found.person,
        kind: found.sighting.kind,
        site: adapter.id,
        settings: watched.settings,
        // Leaving a compose window takes the person out of its recipients and keeps the draft.
        leaveInPlace: compose ? () => compose(document, found.seen) : undefined,
        onDone(outcome) {
          pause = null;
          if (outcome === 'left' && !compose) {
            leaving = { personId: found.person.id, from: location.href, until: Date.now() + 3000 };
            // A chat floating over another page (a bubble, a pop-up) is closed where it is;
            // a thread that is the page itself is left by going back.
            const closed = found.sighting.kind === 'thread' && adapter.closeThread?.(document, found.seen);
            if (!closed) goBack(ctx, adapter);
          } else if (outcome === 'continued') {
            // Let this person through here at once; the background records the snooze too.
            const until = Date.now() + watched.settings.snoozeMinutes * 60_000;
            watched.snoozes = [...watched.snoozes, { personId: found.person.id, site: adapter.id, until }];
            unveil();
            disarmSendCheck();
            if (found.sighting.kind === 'thread') sendCheck = armSendCheck(ctx, { adapter, person: found.person, site: adapter.id });
          }
        },
      });
    } else if (pause && !found) {
      // The person is no longer on the page (the user went back, or the chat closed).
      pause.dismiss('navigated');
      pause = null;
    }
    if (!pause) unveil();
    observeShadowRoots();
  };

  // Parts of some sites live in open shadow roots (LinkedIn's overlay, Reddit's chat): a
  // document observer does not see inside them, so each one the adapter names is observed as it
  // appears. The roots are the current observer's: a new observer (after a settings or snooze
  // change) starts with none, and observes every root again.
  let observedRoots = new WeakSet<ShadowRoot>();
  const observeShadowRoots = () => {
    if (!observer || !adapter.shadowRoots) return;
    for (const root of adapter.shadowRoots(document)) {
      if (observedRoots.has(root)) continue;
      observedRoots.add(root);
      observer.observe(root, observing);
    }
  };

  const scheduleCheck = () => {
    if (!frame) frame = requestAnimationFrame(() => check());
  };

  const start = () => {
    observer?.disconnect();
    observer = null;
    if (watched.index.empty) {
      pause?.dismiss('navigated');
      pause = null;
      disarmSendCheck();
      unveil();
      return;
    }
    check();
    if (adapter.fromPage) {
      // Chats open without a URL change: follow the page's DOM, at most one check a frame.
      observer = new MutationObserver(scheduleCheck);
      observedRoots = new WeakSet();
      observer.observe(document.documentElement, observing);
      observeShadowRoots();
      if (document.readyState === 'loading') {
        ctx.addEventListener(document, 'DOMContentLoaded', () => check());
      }
    }
  };

  // "Watch this person here", from the popup only: what this page identifies.
  const stopAnswering = onMessage('readPage', ({ sender }) => {
    if (senderKind(sender) !== 'extension-page') throw new Error('not allowed');
    return readPage(adapter, new URL(location.href));
  });
  ctx.onInvalidated(stopAnswering);

  ctx.addEventListener(window, 'wxt:locationchange', (event) => {
    if (!watched.index.empty) check(event.newUrl);
  });
  ctx.addEventListener(window, 'pagehide', () => pause?.dismiss('unloaded'));
  ctx.onInvalidated(() => {
    observer?.disconnect();
    if (frame) cancelAnimationFrame(frame);
    pause?.dismiss('invalidated');
    // The extension is gone (reloaded, updated): the page is the user's again, veiled or not.
    unveil();
  });

  const reload = async () => {
    watched = await loadWatched(adapter);
    start();
  };
  const unwatchSettings = settingsItem.watch(() => void reload());
  const unwatchSnoozes = snoozesItem.watch(() => void reload());
  ctx.onInvalidated(() => {
    unwatchSettings();
    unwatchSnoozes();
  });

  start();
}

async function loadWatched(adapter: SiteAdapter): Promise<Watched> {
  const [{ value: settings }, { value: snoozes }] = await Promise.all([loadSettings(), loadSnoozes()]);
  // A custom site the user removed watches nobody from then on, until the page is gone.
  const exists = adapterById(adapter.id) !== undefined || settings.customSites.some((site) => site.id === adapter.id);
  const on = exists && !settings.disabledSites.includes(adapter.id);
  return { settings, snoozes, index: compileWatchIndex(on ? settings.people : [], adapter.id) };
}

function sightingsOf(adapter: SiteAdapter, url: URL): Sighting[] {
  const fromUrl = adapter.fromUrl(url);
  const sightings = fromUrl ? [fromUrl] : [];
  if (adapter.fromPage && document.documentElement) sightings.push(...adapter.fromPage(document, url));
  return sightings;
}

function readPage(adapter: SiteAdapter, url: URL): PageReading {
  const seen = new Map<string, SeenIdentifier>();
  for (const sighting of sightingsOf(adapter, url)) {
    for (const identifier of sighting.identifiers) seen.set(`${identifier.kind}|${identifier.value}`, identifier);
  }
  return { site: adapter.id, siteName: adapter.name, identifiers: [...seen.values()] };
}

function findWatched(adapter: SiteAdapter, index: WatchIndex, url: URL): (WatchMatch & { sighting: Sighting }) | null {
  for (const sighting of sightingsOf(adapter, url)) {
    const match = index.match(sighting);
    if (match) return { ...match, sighting };
  }
  return null;
}

/** Leave: back where the user came from, or the site's home when the tab has no history. */
function goBack(ctx: ContentScriptContext, adapter: SiteAdapter) {
  const from = location.href;
  if (history.length > 1) {
    history.back();
    // history.back() does nothing when the previous entry is outside this page's reach.
    ctx.setTimeout(() => {
      if (location.href === from) location.replace(adapter.home);
    }, 1500);
  } else {
    location.replace(adapter.home);
  }
}
