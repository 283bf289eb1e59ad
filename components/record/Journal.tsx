import { useEffect, useRef, useState } from 'preact/hooks';
import { recordDb } from '@/utils/store/db';
import { sendMessage } from '@/utils/protocol/messaging';
import type { JournalEntry, Settings } from '@/utils/model/schema';
import { t } from '@/utils/model/i18n';
import { isRemovedPerson, longDate, personName, siteName } from '@/utils/model/stats';
import { loadSettings, settingsItem } from '@/utils/store/storage';
import { localTimeZone } from '@/utils/model/summary';
import { PageNav } from '@/components/page/PageNav';
import { useLiveQuery } from './useLiveQuery';
import { useStored } from '@/components/page/useStored';

const PAGE = 50;

/**
 * The journal: what the person wrote on the pause screen, and the messages kept instead of
 * sent, newest first, each readable in full and deletable (after asking, here in the page).
 */
export function Journal() {
  const settings = useStored(loadSettings, settingsItem);
  const [shown, setShown] = useState(PAGE);
  const heading = useRef<HTMLHeadingElement>(null);
  // One more than shown: whether there is more to show, without counting them all.
  const entries = useLiveQuery(() => recordDb().journal.orderBy('writtenAt').reverse().limit(shown + 1).toArray(), [shown]);
  if (!settings) return <main class="page" aria-busy="true" />;

  return (
    <main class="page journal">
      <header class="page-head">
        <h1 ref={heading} tabIndex={-1}>
          {t('journal_heading')}
        </h1>
        <PageNav current="Journal" />
      </header>
      <p class="hint">{t('journal_intro')}</p>
      {!settings.valid && (
        <p class="notice" role="alert">
          {t('settings_partly_unreadable')}
        </p>
      )}
      {entries.state === 'loading' && <p class="hint">{t('journal_opening')}</p>}
      {entries.state === 'failed' && (
        <p class="notice" role="alert">
          {t('journal_failed', { error: entries.error })}
        </p>
      )}
      {entries.state === 'ready' &&
        (entries.value.length === 0 ? (
          <p class="empty">{t('journal_empty')}</p>
        ) : (
          <>
            <ol class="entries">
              {entries.value.slice(0, shown).map((entry) => (
                <li key={entry.id}>
                  <Entry entry={entry} settings={settings.value} onDeleted={() => heading.current?.focus()} />
                </li>
              ))}
            </ol>
            {entries.value.length > shown && (
              <button type="button" onClick={() => setShown(shown + PAGE)}>
                {t('journal_show_older')}
              </button>
            )}
          </>
        ))}
    </main>
  );
}

function Entry({ entry, settings, onDeleted }: { entry: JournalEntry; settings: Settings; onDeleted: () => void }) {
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState('');
  const keep = useRef<HTMLButtonElement>(null);
  const ask = useRef<HTMLButtonElement>(null);
  const opened = useRef(false);
  // The safe choice is focused when the question appears; focus returns to Delete when kept.
  useEffect(() => {
    if (asking) keep.current?.focus();
    else if (opened.current) ask.current?.focus();
    opened.current = asking;
  }, [asking]);
  const titleId = `entry-${entry.id}`;
  const when = longDate(entry.writtenAt, localTimeZone());
  const person = entry.personId === null ? null : isRemovedPerson(entry.personId, settings) ? t('journal_removed_person') : personName(entry.personId, settings);
  const site = entry.site === null ? null : siteName(entry.site, settings);
  const about = person !== null ? (site !== null ? t('journal_to_on', { person, site }) : t('journal_to', { person })) : site !== null ? t('journal_on', { site }) : '';

  const remove = async () => {
    try {
      await sendMessage('deleteJournalEntry', { id: entry.id });
      onDeleted();
    } catch (e) {
      setError(t('not_deleted', { error: (e as Error).message }));
    }
  };

  return (
    <article class="entry" aria-labelledby={titleId}>
      <h2 id={titleId}>
        <time dateTime={new Date(entry.writtenAt).toISOString()}>{when}</time>
      </h2>
      {about && <p class="hint">{about}</p>}
      <p class="entry-text">{entry.text}</p>
      {asking ? (
        <div class="confirm" role="group" aria-label={t('journal_delete_group')}>
          <p>{t('journal_delete_confirm')}</p>
          <button type="button" class="danger" onClick={() => void remove()}>
            {t('journal_delete')}
          </button>
          <button type="button" ref={keep} onClick={() => setAsking(false)}>
            {t('journal_keep')}
          </button>
        </div>
      ) : (
        <button type="button" class="link" ref={ask} aria-label={t('journal_delete_label', { when })} onClick={() => setAsking(true)}>
          {t('journal_delete')}
        </button>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </article>
  );
}
