import { browser } from 'wxt/browser';
import { t, type MessageKey } from '@/utils/model/i18n';

const PAGES = [
  { file: '/popup.html', name: 'Dashboard', label: 'nav_dashboard' },
  { file: '/attempts.html', name: 'History', label: 'nav_history' },
  { file: '/journal.html', name: 'Journal', label: 'nav_journal' },
] as const satisfies readonly { file: string; name: string; label: MessageKey }[];

/** The links between the dashboard, the history and the journal, and to the options. */
export function PageNav({ current }: { current: 'Dashboard' | 'History' | 'Journal' }) {
  return (
    <nav class="page-nav" aria-label={t('ext_name')}>
      {/* The popup is the dashboard: it links to the other pages, in tabs. */}
      {PAGES.filter((page) => !(current === 'Dashboard' && page.name === 'Dashboard')).map((page) =>
        page.name === current ? (
          <a key={page.name} aria-current="page" href={browser.runtime.getURL(page.file)}>
            {t(page.label)}
          </a>
        ) : (
          <a key={page.name} href={browser.runtime.getURL(page.file)} target={current === 'Dashboard' ? '_blank' : undefined} rel="noopener">
            {t(page.label)}
          </a>
        ),
      )}
      <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
        {t('nav_options')}
      </button>
    </nav>
  );
}
