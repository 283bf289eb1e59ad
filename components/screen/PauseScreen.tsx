import { useEffect, useRef, useState } from 'preact/hooks';
import { messageParts, messagesLanguage, plural, SLOT, t, textDirection, type MessageKey } from '@/utils/model/i18n';
import type { AttemptKind, SupportPerson } from '@/utils/model/schema';
import { FEELING_LABEL, type Feeling } from '@/utils/model/schema-values';

export interface PauseChoice {
  feeling: Feeling | null;
  journalText: string | null;
}

export interface PauseScreenProps {
  alias: string;
  kind: AttemptKind;
  /** One of their stories: opening it tells them that you watched. */
  story?: boolean;
  questions: readonly string[];
  reminder: string;
  /**
   * Seconds before Continue anyway is enabled, counted while the tab is visible. A new value
   * (the background's, longer after earlier attempts today) goes on from the time already waited.
   */
  countdownSeconds: number;
  /** Which attempt of the day this is (1 for the first), once known. */
  timesToday?: number | null;
  /** When set, Continue also needs this phrase typed exactly. */
  typedPhrase: string;
  /**
   * Continue also needs the friend's code, checked by the background (`checkCode` resolves to
   * null when it is right, else to what to say).
   */
  needsCode?: boolean;
  checkCode?(code: string): Promise<string | null>;
  /** The stricter hours apply now. */
  strict?: boolean;
  supportPerson: SupportPerson | null;
  onLeave(choice: PauseChoice): void;
  onContinue(choice: PauseChoice): void;
}

const FEELINGS = Object.keys(FEELING_LABEL) as Feeling[];

/** The second to the tenth as words; later ones are numbers ("11th"). */
const ORDINAL_WORDS: Partial<Record<number, MessageKey>> = {
  2: 'ordinal_second',
  3: 'ordinal_third',
  4: 'ordinal_fourth',
  5: 'ordinal_fifth',
  6: 'ordinal_sixth',
  7: 'ordinal_seventh',
  8: 'ordinal_eighth',
  9: 'ordinal_ninth',
  10: 'ordinal_tenth',
};

/** "the third time today", kindly: a count, not a verdict. */
export function timesTodayText(times: number): string {
  if (times === 1) return t('pause_times_today_first');
  const word = ORDINAL_WORDS[times];
  return t('pause_times_today_again', { ordinal: word ? t(word) : plural('ordinal', times, {}, 'ordinal') });
}

const MOMENT: Record<AttemptKind, MessageKey & `pause_moment_${string}`> = {
  profile: 'pause_moment_profile',
  thread: 'pause_moment_thread',
  compose: 'pause_moment_compose',
  reveal: 'pause_moment_reveal',
};

/** An alias that ends with a full stop ("J.") at the end of a sentence: one full stop, not two. */
const oneFullStop = (sentence: string) => sentence.replace(/\.\.$/, '.');

export function PauseScreen(props: PauseScreenProps) {
  const [waited, setWaited] = useState(0);
  const remaining = Math.max(0, props.countdownSeconds - waited);
  const [feeling, setFeeling] = useState<Feeling | null>(null);
  const [journal, setJournal] = useState('');
  const [phrase, setPhrase] = useState('');
  const [decided, setDecided] = useState(false);
  const [code, setCode] = useState('');
  const [codeProblem, setCodeProblem] = useState('');
  const [checking, setChecking] = useState(false);
  const dialog = useRef<HTMLDivElement>(null);
  const leave = useRef<HTMLButtonElement>(null);

  // One tick a second, skipped while the tab is hidden: the wait is time spent looking at this screen.
  useEffect(() => {
    if (remaining <= 0) return;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') setWaited((seconds) => seconds + 1);
    }, 1000);
    return () => clearInterval(timer);
  }, [remaining <= 0]);

  useEffect(() => leave.current?.focus(), []);

  const phraseOk = !props.typedPhrase || phrase === props.typedPhrase;
  const codeOk = !props.needsCode || code.trim() !== '';
  const canContinue = remaining <= 0 && phraseOk && codeOk && !decided && !checking;
  const choice = (): PauseChoice => ({ feeling, journalText: journal.trim() ? journal : null });

  // Only a person's own key presses and clicks count: a page's scripted events press nothing.
  const trusted = (event: Event) => event.isTrusted;

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      return;
    }
    if (event.key !== 'Tab' || !dialog.current) return;
    // Keep focus inside the dialog.
    const focusable = [...dialog.current.querySelectorAll<HTMLElement>('button, textarea, input, a[href]')].filter(
      (element) => !(element as HTMLButtonElement).disabled,
    );
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    const active = (dialog.current.getRootNode() as ShadowRoot).activeElement;
    if (event.shiftKey && active === first) {
      event.preventDefault();
      last?.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first?.focus();
    }
  };

  return (
    <div class="backdrop">
      <div
        class="dialog"
        lang={messagesLanguage()}
        dir={textDirection()}
        role="dialog"
        aria-modal="true"
        aria-labelledby="cb-title"
        aria-describedby="cb-moment"
        ref={dialog}
        onKeyDown={onKeyDown}
      >
        <h1 id="cb-title">{t('pause_title')}</h1>
        <p id="cb-moment" class="moment">
          {oneFullStop(t(props.story ? 'pause_moment_story' : MOMENT[props.kind], { alias: props.alias }))}
        </p>
        {props.story ? <p class="story">{t('pause_story_seen')}</p> : null}
        {props.timesToday ? <p class="times-today">{timesTodayText(props.timesToday)}</p> : null}
        <blockquote class="reminder">{props.reminder}</blockquote>
        <section aria-labelledby="cb-questions">
          <h2 id="cb-questions">{t('pause_questions_heading')}</h2>
          <ul class="questions">
            {props.questions.map((question) => (
              <li key={question}>{question}</li>
            ))}
          </ul>
        </section>

        <fieldset class="feelings">
          <legend>{t('pause_feeling_legend')}</legend>
          {FEELINGS.map((value) => (
            <label key={value} class={feeling === value ? 'chip chosen' : 'chip'}>
              <input
                type="radio"
                name="cb-feeling"
                value={value}
                checked={feeling === value}
                onChange={() => setFeeling(value)}
              />
              {t(FEELING_LABEL[value])}
            </label>
          ))}
        </fieldset>

        <label class="journal">
          <span>{t('pause_journal_label')}</span>
          <textarea
            rows={3}
            value={journal}
            onInput={(event) => setJournal((event.target as HTMLTextAreaElement).value)}
          />
        </label>

        {props.supportPerson && (
          <a class="support" href={props.supportPerson.link} target="_blank" rel="noreferrer noopener">
            {t('pause_support', { name: props.supportPerson.name })}
          </a>
        )}

        {props.strict && <p class="strict">{t('pause_strict')}</p>}

        {props.typedPhrase && (
          <label class="phrase">
            <span>
              {messageParts('pause_phrase_prompt', { phrase: SLOT }).map((part) =>
                typeof part === 'string' ? part : <strong key="phrase">{props.typedPhrase}</strong>,
              )}
            </span>
            <input
              type="text"
              value={phrase}
              autocomplete="off"
              spellcheck={false}
              onInput={(event) => setPhrase((event.target as HTMLInputElement).value)}
            />
          </label>
        )}

        {props.needsCode && (
          <label class="phrase">
            <span>{t('pause_code_prompt')}</span>
            <input
              type="text"
              value={code}
              autocomplete="off"
              spellcheck={false}
              onInput={(event) => setCode((event.target as HTMLInputElement).value)}
            />
          </label>
        )}
        {codeProblem && (
          <p class="code-problem" role="alert">
            {codeProblem}
          </p>
        )}

        <div class="ways-out">
          <div class="actions">
            <button
              ref={leave}
              class="safe"
              type="button"
              disabled={decided}
              onClick={(event) => {
                if (!trusted(event) || decided) return;
                setDecided(true);
                props.onLeave(choice());
              }}
            >
              {t('pause_leave')}
            </button>
            <button
              class="risky"
              type="button"
              disabled={!canContinue}
              aria-describedby="cb-wait"
              onClick={(event) => {
                if (!trusted(event) || !canContinue) return;
                if (!props.needsCode || !props.checkCode) {
                  setDecided(true);
                  props.onContinue(choice());
                  return;
                }
                setChecking(true);
                void props.checkCode(code).then((problem) => {
                  setChecking(false);
                  setCodeProblem(problem ?? '');
                  if (problem) return;
                  setDecided(true);
                  props.onContinue(choice());
                });
              }}
            >
              {t('pause_continue')}
            </button>
          </div>
          <p id="cb-wait" class="wait">
            {remaining > 0
              ? plural('pause_wait', remaining)
              : !phraseOk
                ? t('pause_type_phrase')
                : !codeOk
                  ? t('pause_enter_code')
                  : t('pause_continue_available')}
          </p>
        </div>
        {/* Announced once when the wait ends, not every second. */}
        <p class="visually-hidden" aria-live="polite">
          {canContinue ? t('pause_continue_now_available') : ''}
        </p>
      </div>
    </div>
  );
}
