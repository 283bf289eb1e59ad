import { useEffect, useRef, useState } from 'preact/hooks';
import { FEELING_LABEL, type Feeling, type MomentKind, type SupportPerson } from '@/utils/schema';

export interface PauseChoice {
  feeling: Feeling | null;
  journalText: string | null;
}

export interface PauseScreenProps {
  alias: string;
  kind: MomentKind;
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

const FEELINGS = Object.entries(FEELING_LABEL).map(([value, label]) => ({ value: value as Feeling, label }));

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

/** "the third time today", kindly: a count, not a verdict. */
export function timesTodayText(times: number): string {
  const suffix = times % 100 >= 11 && times % 100 <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[times % 10] ?? 'th';
  const ordinal = ORDINALS[times - 1] ?? `${times}${suffix}`;
  return times === 1
    ? 'This is the first time today. Pausing here is already a choice.'
    : `This is the ${ordinal} time today. That is all right: each pause counts.`;
}

const MOMENT: Record<MomentKind, (alias: string) => string> = {
  profile: (alias) => `You are about to look at ${alias}’s profile.`,
  thread: (alias) => `You are about to open your conversation with ${alias}.`,
  compose: (alias) => `You are about to write to ${alias}.`,
};

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
        role="dialog"
        aria-modal="true"
        aria-labelledby="cb-title"
        aria-describedby="cb-moment"
        ref={dialog}
        onKeyDown={onKeyDown}
      >
        <h1 id="cb-title">Take a breath</h1>
        <p id="cb-moment" class="moment">
          {MOMENT[props.kind](props.alias)}
        </p>
        {props.timesToday ? <p class="times-today">{timesTodayText(props.timesToday)}</p> : null}
        <blockquote class="reminder">{props.reminder}</blockquote>
        <section aria-labelledby="cb-questions">
          <h2 id="cb-questions">Before you go on, ask yourself</h2>
          <ul class="questions">
            {props.questions.map((question) => (
              <li key={question}>{question}</li>
            ))}
          </ul>
        </section>

        <fieldset class="feelings">
          <legend>How are you feeling? (optional)</legend>
          {FEELINGS.map(({ value, label }) => (
            <label key={value} class={feeling === value ? 'chip chosen' : 'chip'}>
              <input
                type="radio"
                name="cb-feeling"
                value={value}
                checked={feeling === value}
                onChange={() => setFeeling(value)}
              />
              {label}
            </label>
          ))}
        </fieldset>

        <label class="journal">
          <span>Write it here instead. It stays on this device and is never sent.</span>
          <textarea
            rows={3}
            value={journal}
            onInput={(event) => setJournal((event.target as HTMLTextAreaElement).value)}
          />
        </label>

        {props.supportPerson && (
          <a class="support" href={props.supportPerson.link} target="_blank" rel="noreferrer noopener">
            Call {props.supportPerson.name} instead
          </a>
        )}

        {props.strict && <p class="strict">These are your stricter hours: the pause asks for more now.</p>}

        {props.typedPhrase && (
          <label class="phrase">
            <span>
              To continue, type: <strong>{props.typedPhrase}</strong>
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
            <span>To continue, enter the code your support person holds</span>
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
            Leave
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
            Continue anyway
          </button>
        </div>
        <p id="cb-wait" class="wait">
          {remaining > 0
            ? `Continue is available in ${remaining} second${remaining === 1 ? '' : 's'}.`
            : !phraseOk
              ? 'Type the phrase to continue.'
              : !codeOk
                ? 'Enter the code to continue.'
                : 'Continue is available.'}
        </p>
        {/* Announced once when the wait ends, not every second. */}
        <p class="visually-hidden" aria-live="polite">
          {canContinue ? 'Continue anyway is now available.' : ''}
        </p>
      </div>
    </div>
  );
}
