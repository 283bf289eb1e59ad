import { browser } from 'wxt/browser';

const PAGES = [
  { file: '/popup.html', name: 'Dashboard' },
  { file: '/attempts.html', name: 'History' },
  { file: '/journal.html', name: 'Journal' },
] as const;

/** The links between the dashboard, the history and the journal, and to the options. */
export function PageNav({ current }: { current: 'Dashboard' | 'History' | 'Journal' }) {
  return (
    <nav class="page-nav" aria-label="Clean Break">
      {/* The popup is the dashboard: it links to the other pages, in tabs. */}
      {PAGES.filter((page) => !(current === 'Dashboard' && page.name === 'Dashboard')).map((page) =>
        page.name === current ? (
          <a key={page.name} aria-current="page" href={browser.runtime.getURL(page.file)}>
            {page.name}
          </a>
        ) : (
          <a key={page.name} href={browser.runtime.getURL(page.file)} target={current === 'Dashboard' ? '_blank' : undefined} rel="noopener">
            {page.name}
          </a>
        ),
      )}
      <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
        Options
      </button>
    </nav>
  );
}
