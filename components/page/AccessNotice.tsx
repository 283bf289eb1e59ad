import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { formatList, t } from '@/utils/model/i18n';

/** Where the browser does not let Clean Break watch: sites whose access the user limited, and private windows. */
export interface Access {
  /** The built-in sites' hosts the extension may not read now ("on click", "on specific sites"). */
  limitedHosts: string[];
  /** The browser does not run the extension in private windows (the default in Chrome and Firefox). */
  notInPrivate: boolean;
}

/** The host of a match pattern (`https://*.instagram.com/*` → `instagram.com`). */
export const hostOf = (pattern: string) => pattern.replace(/^[^:]+:\/\//, '').replace(/\/.*$/, '').replace(/^\*\./, '');

/** Asks the browser, for every built-in site the manifest names, whether the extension may read it now. */
export async function readAccess(): Promise<Access> {
  const manifest = browser.runtime.getManifest() as { host_permissions?: string[]; permissions?: string[] };
  // MV3 (Chrome) names the sites as host permissions; MV2 (Firefox) among the permissions.
  const patterns = (manifest.host_permissions ?? manifest.permissions ?? []).filter((entry) => entry.includes('://'));
  const limited: string[] = [];
  // What the browser cannot answer (an API it lacks) is not said to be off.
  const ask = async (question: () => Promise<boolean>) => {
    try {
      return await question();
    } catch {
      return true;
    }
  };
  for (const pattern of patterns) {
    const allowed = await ask(() => browser.permissions.contains({ origins: [pattern] }));
    if (!allowed && !limited.includes(hostOf(pattern))) limited.push(hostOf(pattern));
  }
  const inPrivate = await ask(() => browser.extension.isAllowedIncognitoAccess());
  return { limitedHosts: limited, notInPrivate: !inPrivate };
}

/**
 * Says where Clean Break cannot watch, and how to change it, on the popup and the options page: a
 * site whose access the user limited in the browser, or private windows the browser keeps it out
 * of. Quiet when there is nothing to say. Read again when the extension's permissions change.
 */
export function AccessNotice() {
  const [access, setAccess] = useState<Access | null>(null);
  useEffect(() => {
    let live = true;
    // Unanswerable (a browser without these APIs): nothing is said.
    const read = () => void readAccess().then((read) => live && setAccess(read), () => undefined);
    read();
    const events = [browser.permissions?.onAdded, browser.permissions?.onRemoved];
    const follow = (how: 'addListener' | 'removeListener') => {
      for (const event of events) {
        try {
          event?.[how](read);
        } catch {
          // A browser without the event: read once, as the page opens.
        }
      }
    };
    follow('addListener');
    return () => {
      live = false;
      follow('removeListener');
    };
  }, []);
  if (!access || (access.limitedHosts.length === 0 && !access.notInPrivate)) return null;
  return (
    <div class="notice" data-testid="access">
      {access.limitedHosts.length > 0 && <p>{t('access_sites_limited', { sites: formatList(access.limitedHosts) })}</p>}
      {access.notInPrivate && <p>{t('access_not_in_private')}</p>}
    </div>
  );
}
