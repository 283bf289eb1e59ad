import { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { SiteAdapter } from '@/utils/sites/types';

/**
 * WXT ends a content script's context when it hears, on `document`, the event a newer copy of the
 * same script sends as it starts (`<extension id>:<script>:wxt:content-script-started`): a plain
 * DOM event, which the page can send too once it knows the extension's id (public in a store). Our
 * scripts are never injected again into a page they run in (declared scripts run once a document;
 * the custom sites' is registered for new documents only), so no copy of ours sends it: every such
 * event is the page's, and it is stopped here, before WXT's listener hears it (a capturing listener
 * on the target runs first). A script whose extension really went away learns it from the browser
 * (`ctx.isInvalid`: the runtime's id is gone), as the screen's liveness check asks (guard.ts).
 * Must run in the script's first task, before the page's scripts can run. The upstream report is
 * docs/upstream/wxt-script-started.md.
 */
export function holdContext(ctx: ContentScriptContext): void {
  // Private in WXT's types, public at run time: the event's name, as WXT's own listener has it.
  const started = (ContentScriptContext as unknown as { SCRIPT_STARTED_MESSAGE_TYPE: string }).SCRIPT_STARTED_MESSAGE_TYPE;
  document.addEventListener(started, (event) => event.stopImmediatePropagation(), {
    capture: true,
    signal: ctx.signal,
  });
}

/**
 * Follows the page's own navigations within the document (an app's router, Back and Forward
 * between its addresses), each reported once, before it happens, with the address it goes to:
 * from the browser's trusted `navigate` events where the Navigation API exists, or by looking at
 * the address once a second where it does not. Never from an event the page can send (WXT's
 * `wxt:locationchange` is a DOM event named after the extension's id).
 */
export function followNavigation(ctx: ContentScriptContext, onNavigate: (url: URL) => void): void {
  let last = location.href;
  const to = (href: string) => {
    if (href === last) return;
    last = href;
    onNavigate(new URL(href));
  };
  const navigation = (globalThis as { navigation?: EventTarget }).navigation;
  if (typeof navigation?.addEventListener === 'function') {
    navigation.addEventListener(
      'navigate',
      (event) => {
        const destination = (event as Event & { destination?: { url?: string } }).destination;
        if (event.isTrusted && destination?.url) to(destination.url);
      },
      { signal: ctx.signal },
    );
  } else {
    ctx.setInterval(() => to(location.href), 1000);
  }
}

/**
 * `followNavigation`, where the Navigation API exists, reports every navigation from its
 * `navigate` event, before it happens: also one to another document (a link followed, Back or
 * Forward to another page), where this page is on its way out and the next document's script
 * decides. Looked at here, such an address put a screen up over the page being left, for an
 * instant, and one left so into the back/forward cache came back with it as an abandoned attempt.
 * Returns whether the navigation under way leaves this document. Must be called before
 * `followNavigation`, so this `navigate` listener runs before its own. A page that intercepts such
 * a navigation (a Navigation API router) stays: `onStay` is called once the address has changed
 * in this document. Only the browser's own (trusted) events count.
 */
export function leavingDocument(ctx: ContentScriptContext, onStay: () => void): () => boolean {
  const navigation = (globalThis as { navigation?: EventTarget }).navigation;
  let leaving = false;
  if (typeof navigation?.addEventListener !== 'function') return () => false;
  navigation.addEventListener(
    'navigate',
    (event) => {
      if (!event.isTrusted) return;
      leaving = (event as Event & { destination?: { sameDocument?: boolean } }).destination?.sameDocument === false;
    },
    { signal: ctx.signal },
  );
  navigation.addEventListener(
    'currententrychange',
    (event) => {
      if (!event.isTrusted || !leaving) return;
      leaving = false;
      onStay();
    },
    { signal: ctx.signal },
  );
  return () => leaving;
}

/** Leave: back where the user came from, or the site's home when the tab has no history. */
export function goBack(ctx: ContentScriptContext, adapter: SiteAdapter) {
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
