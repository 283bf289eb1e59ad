import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';

interface GuardedScreen {
  /** The screen's stylesheet, bundled (imported `?inline`): nothing is fetched, so it mounts at once. */
  css: string;
  /** Puts the focus back on the screen (after the page moved it, or re-attached the host). */
  focus(): void;
  /** Renders the screen into its container. */
  onMount(container: HTMLElement): void;
}

/** A screen over the page: how to take it down, and whether a node is its host. */
export interface MountedScreen {
  remove(): void;
  /** The focus is on the screen: `target` is its host (what the page sees of anything inside it). */
  isHost(target: EventTarget | null): boolean;
}

/**
 * The host is a plain `<div>`, never a custom element's name: a page can define a custom element
 * under any name with a hyphen before the screen mounts, and its `attachInternals()` then hands the
 * page the closed shadow root (the screen's text, and its own UI in place of the screen). An element
 * no page can define or upgrade has no such door. It is found by the node, never by its name.
 */
const HOST = 'div';

// Events that stop at the screen's edge: the page never hears the typing on the screen.
const ISOLATED_EVENTS = ['keydown', 'keyup', 'keypress', 'input', 'beforeinput'];

/**
 * Puts a screen over the page in its own closed shadow root, above everything and kept there
 * by guardHost; the page's key and input events stop at its edge. Built here rather than with
 * WXT's `createShadowRootUi`: its host, container and reset are three lines each, and the helper
 * brings ~5 KiB (auto-mounting, custom-element names) into a script that runs on every page.
 */
export function mountGuardedScreen(ctx: ContentScriptContext, screen: GuardedScreen): MountedScreen {
  let removed = false;
  const host = document.createElement(HOST);
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = `:host{all:initial !important}\n${screen.css}`;
  const container = document.createElement('div');
  container.style.cssText = 'position:fixed;inset:0';
  shadow.append(style, container);
  for (const type of ISOLATED_EVENTS) shadow.addEventListener(type, (event) => event.stopPropagation());
  document.documentElement.append(host);
  screen.onMount(container);
  const unguard = guardHost(host, screen.focus);
  // Chromium tells a content script nothing when its extension is reloaded or updated, and the
  // context learns of it only when asked (ctx.isInvalid): while a screen covers the page, ask
  // once a second, so that a screen whose extension is gone gives the page back.
  const liveness = setInterval(() => {
    if (ctx.isInvalid) clearInterval(liveness);
  }, 1000);
  const remove = () => {
    if (removed) return;
    removed = true;
    clearInterval(liveness);
    unguard();
    // Unmounts the Preact tree too, so its timers (the countdown) stop with it.
    render(null, container);
    host.remove();
  };
  ctx.onInvalidated(remove);
  return { remove, isHost: (target) => target === host };
}

// The host's own box: inline and !important, so no page stylesheet can hide, shrink or cover it.
const HOST_STYLE = [
  'all: initial',
  'display: block',
  'position: fixed',
  'inset: 0',
  'width: 100vw',
  'height: 100vh',
  'max-width: none',
  'max-height: none',
  'margin: 0',
  'padding: 0',
  'border: 0',
  'z-index: 2147483647',
  'visibility: visible',
  'opacity: 1',
  'pointer-events: auto',
  'transform: none',
  'filter: none',
  'clip-path: none',
  'overflow: hidden',
  'background: transparent',
]
  .map((rule) => `${rule} !important`)
  .join('; ');

// How often in one frame the host is put back before the guard stops answering the page's
// mutations: a page whose own MutationObserver takes it out again on every mutation would
// otherwise make the two observers answer each other forever, and freeze the tab.
const REPAIRS_PER_FRAME = 8;

/**
 * Keeps an on-page dialog (the pause screen, the send check) up against the page: the host
 * sits in the top layer (a manual popover, above any z-index), and if the page removes it,
 * hides it or restyles it, it is put back at once, a few times a frame at most. A page that
 * takes it out faster than that is held hidden (the veil's style, inline) while it keeps on,
 * and the host is tried again once a frame. Returns the undo.
 */
export function guardHost(host: HTMLElement, focusScreen: () => void): () => void {
  let repairs = 0;
  let frame = 0;
  let held: { root: HTMLElement; value: string; priority: string } | null = null;

  const intact = () =>
    host.isConnected &&
    host.getAttribute('style') === HOST_STYLE &&
    host.getAttribute('popover') === 'manual' &&
    !host.hidden &&
    host.matches(':popover-open');

  const repair = () => {
    if (!host.isConnected) {
      document.documentElement?.append(host);
      focusScreen();
    }
    if (host.getAttribute('style') !== HOST_STYLE) host.setAttribute('style', HOST_STYLE);
    if (host.getAttribute('popover') !== 'manual') host.setAttribute('popover', 'manual');
    if (host.hidden) host.hidden = false;
    if (host.isConnected && !host.matches(':popover-open')) host.showPopover();
  };

  const hold = () => {
    const root = document.documentElement;
    if (!root) return;
    if (held?.root !== root) {
      held = { root, value: root.style.getPropertyValue('visibility'), priority: root.style.getPropertyPriority('visibility') };
    }
    if (root.style.getPropertyValue('visibility') !== 'hidden' || root.style.getPropertyPriority('visibility') !== 'important') {
      root.style.setProperty('visibility', 'hidden', 'important');
    }
  };

  const release = () => {
    if (!held) return;
    const { root, value, priority } = held;
    held = null;
    if (value) root.style.setProperty('visibility', value, priority);
    else root.style.removeProperty('visibility');
  };

  const pin = () => {
    if (intact()) return;
    if (repairs >= REPAIRS_PER_FRAME) return hold();
    repairs += 1;
    if (!frame) frame = requestAnimationFrame(onFrame);
    repair();
  };

  // A new frame, a new allowance. The page held hidden is shown again once the host put back
  // in the last frame is still there: the page gave up.
  const onFrame = () => {
    frame = 0;
    repairs = 0;
    if (!held) return;
    if (intact()) return release();
    hold();
    pin();
  };

  // The page's own top layer (a modal dialog, a popover, fullscreen) would be drawn over the
  // screen and take its clicks, whether the page means it or not (a site's ordinary dialog). While
  // the screen is up, whatever the page opens there is closed, and the screen raised again.
  const raise = () => {
    if (!host.isConnected) return pin();
    if (host.matches(':popover-open')) host.hidePopover();
    // Shown again at once (pin), so it is the last in the top layer: above everything.
    pin();
    focusScreen();
  };
  const closePageLayer = () => {
    let closed = false;
    let open: Iterable<HTMLElement> = [];
    try {
      open = document.querySelectorAll<HTMLElement>(':modal, :popover-open');
    } catch {
      // A browser without these selectors has no top layer of this kind to close.
    }
    for (const element of open) {
      if (element === host) continue;
      // `:modal` also matches the fullscreen element, which is exited below.
      if (element instanceof HTMLDialogElement) element.close();
      else if (element.matches(':popover-open')) element.hidePopover();
      else continue;
      closed = true;
    }
    if (document.fullscreenElement) {
      void document.exitFullscreen().catch(() => undefined);
      closed = true;
    }
    return closed;
  };
  const onPageLayer = (event: Event) => {
    if (event.target === host) return;
    if (closePageLayer()) raise();
  };

  pin();
  closePageLayer();
  // toggle: a popover or (Chromium 132+, Firefox 133+) a dialog opened or closed; it does not
  // bubble, so it is heard in the capturing phase. fullscreenchange: on the document.
  document.addEventListener('toggle', onPageLayer, true);
  document.addEventListener('fullscreenchange', onPageLayer, true);
  const observer = new MutationObserver(pin);
  observer.observe(document, { childList: true });
  if (document.documentElement) observer.observe(document.documentElement, { childList: true });
  observer.observe(host, { attributes: true });
  // hidePopover() from the page changes no attribute: the toggle event tells.
  host.addEventListener('toggle', pin);
  return () => {
    observer.disconnect();
    host.removeEventListener('toggle', pin);
    document.removeEventListener('toggle', onPageLayer, true);
    document.removeEventListener('fullscreenchange', onPageLayer, true);
    if (frame) cancelAnimationFrame(frame);
    frame = 0;
    release();
  };
}
