import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Change } from '@/utils/model/changes';
import { messageParts, plural, SLOT, t } from '@/utils/model/i18n';
import { identifiersFromInput } from '@/utils/model/identity';
import { sendMessage } from '@/utils/protocol/messaging';
import { ANY_SITE, SupportPerson, type Identifier } from '@/utils/model/schema';
import { builtInSites } from '@/utils/sites/names';

/** What the welcome form's lines say: the identifiers, or each line's problem, by its number. */
export function readLines(text: string): { identifiers: Identifier[]; problems: string[] } {
  const identifiers: Identifier[] = [];
  const problems: string[] = [];
  text.split('\n').forEach((line, index) => {
    if (!line.trim()) return;
    // A bare name, e-mail, number or username is watched on every site; a link picks its own.
    const parsed = identifiersFromInput(line, ANY_SITE, 'auto');
    if (parsed.ok) identifiers.push(...parsed.identifiers);
    else problems.push(t('welcome_line_problem', { line: index + 1, problem: parsed.error }));
  });
  return { identifiers, problems };
}

/**
 * The first run, opened when Clean Break is installed: who to watch, where, since when, and who
 * to call instead. One form, protected when it is sent.
 */
export function Welcome() {
  const [alias, setAlias] = useState('');
  const [lines, setLines] = useState('');
  const [off, setOff] = useState<Set<string>>(new Set());
  const [since, setSince] = useState('');
  const [supportName, setSupportName] = useState('');
  const [supportLink, setSupportLink] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    const found: string[] = [];
    if (!alias.trim()) found.push(t('watch_need_alias'));
    const read = readLines(lines);
    found.push(...read.problems);
    if (!read.identifiers.length && !read.problems.length) {
      found.push(t('welcome_need_identifier'));
    }
    let supportPerson: SupportPerson | null = null;
    if (supportName.trim() || supportLink.trim()) {
      const parsed = SupportPerson.safeParse({ name: supportName, link: supportLink });
      if (parsed.success) supportPerson = parsed.data;
      else found.push(t('welcome_support_problem', { problems: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') }));
    }
    setProblems(found);
    if (found.length) return;
    const changes: Change[] = [
      { type: 'addPerson', id: crypto.randomUUID(), alias: alias.trim(), identifiers: read.identifiers },
      ...[...off].map((site): Change => ({ type: 'setSite', site, enabled: false })),
      ...(since ? [{ type: 'setRecord', values: { noContactSince: since } } as Change] : []),
      ...(supportPerson ? [{ type: 'setPause', values: { supportPerson } } as Change] : []),
    ];
    setSending(true);
    try {
      for (const change of changes) {
        const result = await sendMessage('change', change);
        if (result.status === 'refused') throw new Error(result.message);
      }
      const sites = builtInSites.filter((builtIn) => !off.has(builtIn.id)).length;
      setDone(plural('welcome_done', sites, { alias: alias.trim() }));
    } catch (error) {
      setProblems([t('not_saved', { error: (error as Error).message })]);
    } finally {
      setSending(false);
    }
  };

  if (done) {
    return (
      <main class="options welcome">
        <h1>{t('title_welcome')}</h1>
        <p role="status" class="status">
          {done}
        </p>
        <p>{t('welcome_how')}</p>
        <p>
          {messageParts('welcome_options', { options: SLOT }).map((part) =>
            typeof part === 'string' ? part : <a key="options" href={browser.runtime.getURL('/options.html')}>{t('nav_options')}</a>,
          )}
        </p>
      </main>
    );
  }

  return (
    <main class="options welcome">
      <h1>{t('title_welcome')}</h1>
      <p class="hint">{t('welcome_hint')}</p>
      <form onSubmit={(event) => void submit(event)} class="grid" aria-label={t('welcome_form')}>
        <label>
          {t('welcome_alias')}{' '}
          <input name="alias" value={alias} onInput={(e) => setAlias((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          {t('welcome_links')}{' '}
          <textarea
            name="links"
            rows={4}
            value={lines}
            placeholder={t('welcome_links_example')}
            onInput={(e) => setLines((e.target as HTMLTextAreaElement).value)}
          />
        </label>
        <fieldset class="sites">
          <legend>{t('welcome_sites')}</legend>
          {builtInSites.map((builtIn) => (
            <label key={builtIn.id}>
              <input
                type="checkbox"
                checked={!off.has(builtIn.id)}
                onChange={(e) => {
                  const next = new Set(off);
                  if ((e.target as HTMLInputElement).checked) next.delete(builtIn.id);
                  else next.add(builtIn.id);
                  setOff(next);
                }}
              />{' '}
              {builtIn.name}
            </label>
          ))}
        </fieldset>
        <label>
          {t('welcome_since')}{' '}
          <input type="date" name="since" value={since} onInput={(e) => setSince((e.target as HTMLInputElement).value)} />
        </label>
        <fieldset>
          <legend>{t('welcome_support')}</legend>
          <label>
            {t('welcome_support_name')} <input name="supportName" value={supportName} onInput={(e) => setSupportName((e.target as HTMLInputElement).value)} />
          </label>
          <label>
            {t('options_pause_support_link')}{' '}
            <input name="supportLink" value={supportLink} onInput={(e) => setSupportLink((e.target as HTMLInputElement).value)} />
          </label>
        </fieldset>
        <div class="row">
          <button type="submit" disabled={sending}>
            {t('welcome_start')}
          </button>
        </div>
        {problems.length > 0 && (
          <div role="alert" class="error">
            {problems.map((problem) => (
              <p key={problem}>{problem}</p>
            ))}
          </div>
        )}
      </form>
    </main>
  );
}
