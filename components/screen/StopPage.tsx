import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { PauseScreen, type PauseChoice } from '@/components/screen/PauseScreen';
import { checkCode } from '@/components/screen/check-code';
import { sendMessage } from '@/utils/protocol/messaging';
import type { AttemptRef, StartedReply, StopRef } from '@/utils/protocol/requests';
import type { StopReading } from '@/utils/protocol/replies';
import { pickReminder } from '@/utils/model/reminder';
import { t } from '@/utils/model/i18n';

/**
 * The pause page (entrypoints/pause): where a full load of a watched person's address lands
 * instead of the site (utils/background/stop-rules.ts). The same screen with the same rules as on
 * the site, the same attempt recorded; Continue opens the address (let through once), Leave goes
 * back, or closes a tab that has nowhere to go back to.
 */

/** How long Continue waits for the background's rule before the settings' own applies (as on a site). */
const REPLY_WAIT_MS = 10_000;
/** How long the kind word stays before a fresh tab closes. */
const CLOSE_AFTER_MS = 2_500;

/** What the rule gave this page: its query and, as its fragment, the address it stopped. Null when anything is missing. */
export function stopRefOf(location: Pick<Location, 'search' | 'hash'>): StopRef | null {
  const query = new URLSearchParams(location.search);
  const [key, site, personId] = [query.get('k'), query.get('s'), query.get('p')];
  const url = location.hash.slice(1);
  if (!key || !site || !personId || !/^https?:\/\//.test(url)) return null;
  return { key, site, personId, url };
}

type View =
  | { status: 'waiting' }
  | { status: 'refused' }
  | { status: 'unreadable' }
  | { status: 'left' }
  | { status: 'screen'; reading: Extract<StopReading, { status: 'screen' }> };

/** Leave: back where the user came from; false when this tab has nowhere to go back to (it was opened for this address). */
function goBack(): boolean {
  if (history.length <= 1) return false;
  history.back();
  return true;
}

export function StopPage({ stop }: { stop: StopRef | null }) {
  const [view, setView] = useState<View>({ status: 'waiting' });
  const [started, setStarted] = useState<StartedReply | null>(null);
  const [waited, setWaited] = useState(false);
  const [attempt, setAttempt] = useState<AttemptRef | null>(null);
  const [reminder, setReminder] = useState('');

  useEffect(() => {
    // Shown in a frame (a site's own <iframe> of this page), or without what a rule gives: nothing.
    if (!stop || window.top !== window) return setView({ status: 'refused' });
    sendMessage('openStop', stop).then(
      (reading) => {
        if (reading.status === 'refused') return setView({ status: 'refused' });
        if (reading.status === 'pass') {
          // No longer watched there (removed, switched off, let through meanwhile): the address opens.
          void sendMessage('passStop', stop).then(
            (passed) => (passed ? location.replace(stop.url) : setView({ status: 'refused' })),
            () => setView({ status: 'unreadable' }),
          );
          return;
        }
        const next: AttemptRef = { attemptId: crypto.randomUUID(), personId: reading.person.id, site: stop.site, kind: reading.kind, startedAt: Date.now() };
        setAttempt(next);
        setReminder(pickReminder(reading.screen.reminders));
        setView({ status: 'screen', reading });
        sendMessage('attemptStarted', next).then(setStarted, () => undefined);
      },
      () => setView({ status: 'unreadable' }),
    );
    const timer = setTimeout(() => setWaited(true), REPLY_WAIT_MS);
    return () => clearTimeout(timer);
  }, []);

  // Leaving this page another way (another address typed, the back button): abandoned, as when a
  // site's page unloads with the screen up; the background settles it as left unless it comes back.
  useEffect(() => {
    if (!attempt) return;
    const onHide = () => void sendMessage('attemptAbandoned', attempt).catch(() => undefined);
    const onShow = (event: PageTransitionEvent) => event.persisted && location.reload();
    addEventListener('pagehide', onHide);
    addEventListener('pageshow', onShow);
    return () => {
      removeEventListener('pagehide', onHide);
      removeEventListener('pageshow', onShow);
    };
  }, [attempt]);

  if (view.status === 'waiting') return null;
  if (view.status !== 'screen') {
    const words = { refused: t('stop_refused'), unreadable: t('stop_unreadable'), left: t('stop_left') }[view.status];
    return (
      <main class="stop-note">
        <p role="status">{words}</p>
      </main>
    );
  }

  const { reading } = view;
  const choose = async (outcome: 'left' | 'continued', choice: PauseChoice) => {
    if (!attempt || !stop) return;
    const journalText = choice.journalText || null;
    const request = { ...attempt, outcome, ...choice, journalText };
    setAttempt(null);
    await sendMessage('attemptResolved', request).catch(() => undefined);
    if (outcome === 'continued') {
      if (await sendMessage('passStop', stop).catch(() => false)) location.replace(stop.url);
      return;
    }
    if (!goBack()) {
      setView({ status: 'left' });
      setTimeout(() => void browser.tabs.getCurrent().then((tab) => (tab?.id === undefined ? undefined : browser.tabs.remove(tab.id))), CLOSE_AFTER_MS);
    }
  };
  const rule = started ?? (waited ? { countdownSeconds: reading.screen.countdownSeconds, timesToday: null, phrase: null, needsCode: false, strict: false } : null);
  return (
    <PauseScreen
      alias={reading.person.alias}
      kind={reading.kind}
      story={reading.story}
      questions={reading.screen.questions}
      reminder={reminder}
      supportPerson={reading.screen.supportPerson}
      countdownSeconds={rule ? rule.countdownSeconds : Math.max(reading.screen.countdownSeconds, REPLY_WAIT_MS / 1000)}
      timesToday={rule?.timesToday ?? null}
      typedPhrase={rule?.phrase ?? reading.screen.typedPhrase}
      needsCode={rule?.needsCode ?? false}
      strict={rule?.strict ?? false}
      checkCode={checkCode}
      onLeave={(choice) => void choose('left', choice)}
      onContinue={(choice) => void choose('continued', choice)}
    />
  );
}
