import { browser } from 'wxt/browser';
import { CUSTOM_SITES_KEY, watchArea } from '../store/watch-index';

type AccessLevel = 'TRUSTED_CONTEXTS' | 'TRUSTED_AND_UNTRUSTED_CONTEXTS';
interface AccessArea {
  setAccessLevel?(details: { accessLevel: AccessLevel }): Promise<void>;
}

let opened: Promise<void> | null = null;

/**
 * Which storage a content script may read (Chromium's access levels; Firefox has none). The sites'
 * scripts get `storage.session`, where only the watch indexes are kept (utils/store/watch-index.ts);
 * `storage.local` (every person, the friend's code's hash, the lock, the backups) and `storage.sync`
 * are for the extension's own pages and worker. Set at every start of the worker (session's level
 * does not outlive the browser) and before the indexes are written; the indexes an earlier release
 * kept in `storage.local` are taken out of it. Where the browser has no access levels, nothing changes.
 */
export function openWatchArea(): Promise<void> {
  opened ??= (async () => {
    if (watchArea() !== 'session') return;
    const storage = browser.storage as unknown as Record<'local' | 'sync' | 'session', AccessArea | undefined>;
    if (typeof storage.session?.setAccessLevel !== 'function') return;
    await storage.session.setAccessLevel({ accessLevel: 'TRUSTED_AND_UNTRUSTED_CONTEXTS' });
    // Closing the others is a defence; a browser that refuses it still watches (the indexes are
    // in the area just opened).
    await storage.local?.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' }).catch(() => undefined);
    await storage.sync?.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' }).catch(() => undefined);
    const stored = await browser.storage.local.get(null);
    const old = Object.keys(stored).filter((key) => key.startsWith('watch:') || key === CUSTOM_SITES_KEY);
    if (old.length > 0) await browser.storage.local.remove(old);
  })().catch((error: unknown) => {
    opened = null;
    throw error;
  });
  return opened;
}

/** Tests: as if the worker had just started. */
export function resetWatchArea(): void {
  opened = null;
}
