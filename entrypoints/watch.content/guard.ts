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

/**
 * Keeps an on-page dialog (the pause screen, the send check) up against the page: the host
 * sits in the top layer (a manual popover, above any z-index), and if the page removes it,
 * hides it or restyles it, it is put back at once. Returns the undo.
 */
export function guardHost(host: HTMLElement, focusScreen: () => void): () => void {
  const pin = () => {
    if (!host.isConnected) {
      document.documentElement.append(host);
      focusScreen();
    }
    if (host.getAttribute('style') !== HOST_STYLE) host.setAttribute('style', HOST_STYLE);
    if (host.getAttribute('popover') !== 'manual') host.setAttribute('popover', 'manual');
    if (host.hidden) host.hidden = false;
    if (!host.matches(':popover-open')) host.showPopover();
  };
  pin();
  const observer = new MutationObserver(pin);
  observer.observe(document.documentElement, { childList: true });
  observer.observe(host, { attributes: true });
  // hidePopover() from the page changes no attribute: the toggle event tells.
  host.addEventListener('toggle', pin);
  return () => {
    observer.disconnect();
    host.removeEventListener('toggle', pin);
  };
}
