import { useEffect, useRef, useState } from 'preact/hooks';
import { recordDb } from '@/utils/db';
import { sendMessage } from '@/utils/messages';
import type { JournalEntry, Settings } from '@/utils/schema';
import { longDate, personName, REMOVED_PERSON, siteName } from '@/utils/stats';
import { loadSettings, settingsItem } from '@/utils/storage';
import { localTimeZone } from '@/utils/summary';
import { PageNav } from './PageNav';
import { useLiveQuery } from './useLiveQuery';
import { useStored } from './useStored';

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
          Journal
        </h1>
        <PageNav current="Journal" />
      </header>
      <p class="hint">What you wrote instead of sending. It stays on this device and is never sent.</p>
      {!settings.valid && (
        <p class="notice" role="alert">
          Some saved settings could not be read; names may be missing.
        </p>
      )}
      {entries.state === 'loading' && <p class="hint">Opening your journal…</p>}
      {entries.state === 'failed' && (
        <p class="notice" role="alert">
          Your journal could not be read just now ({entries.error}). Nothing was deleted: it will show here when it can be read.
        </p>
      )}
      {entries.state === 'ready' &&
        (entries.value.length === 0 ? (
          <p class="empty">Nothing written yet. What you write on the pause screen, or keep instead of sending, appears here.</p>
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
                Show older entries
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
  const about = [entry.personId !== null && `To ${personName(entry.personId, settings).replace(REMOVED_PERSON, 'someone you removed')}`, entry.site !== null && `on ${siteName(entry.site, settings)}`]
    .filter(Boolean)
    .join(' ');

  const remove = async () => {
    try {
      await sendMessage('deleteJournalEntry', { id: entry.id });
      onDeleted();
    } catch (e) {
      setError(`Not deleted: ${(e as Error).message}`);
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
        <div class="confirm" role="group" aria-label="Delete this entry?">
          <p>Delete this entry? It cannot be brought back.</p>
          <button type="button" class="danger" onClick={() => void remove()}>
            Delete
          </button>
          <button type="button" ref={keep} onClick={() => setAsking(false)}>
            Keep
          </button>
        </div>
      ) : (
        <button type="button" class="link" ref={ask} aria-label={`Delete the entry of ${when}`} onClick={() => setAsking(true)}>
          Delete
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
