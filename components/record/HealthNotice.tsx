import { browser } from 'wxt/browser';
import { weakSites } from '@/utils/model/health';
import { messageParts, plural, SLOT, t } from '@/utils/model/i18n';
import type { Settings } from '@/utils/model/schema';
import { builtInSiteName } from '@/utils/sites/names';
import { healthItem, loadHealth } from '@/utils/store/storage';
import { localTimeZone } from '@/utils/model/summary';
import { useStored } from '@/components/page/useStored';

/**
 * The health signal, in the popup: a site where chats kept opening with nobody read from the page
 * (utils/model/health.ts) is said to be less protected, with what to do about it.
 */
export function HealthNotice({ settings }: { settings: Settings }) {
  const health = useStored(loadHealth, healthItem);
  const weak = health ? weakSites(health.value, Date.now(), localTimeZone()) : [];
  if (weak.length === 0) return null;
  const siteName = (site: string) => builtInSiteName(site) ?? settings.customSites.find((custom) => custom.id === site)?.name ?? site;
  return (
    <div class="notice" role="status" data-testid="health">
      {weak.map(({ site, count }) => (
        <p key={site}>
          {plural('health_weak', count, { site: siteName(site) })}
        </p>
      ))}
      <p>
        {messageParts('health_fix', { options: SLOT }).map((part) =>
          typeof part === 'string' ? (
            part
          ) : (
            <button key="options" type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
              {t('nav_options')}
            </button>
          ),
        )}
      </p>
    </div>
  );
}
