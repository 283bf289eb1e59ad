import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Change } from '@/utils/changes';
import { identifiersFromInput } from '@/utils/identity';
import { sendMessage } from '@/utils/messages';
import { ANY_SITE, SupportPerson, type Identifier } from '@/utils/schema';
import { adapters } from '@/utils/sites';

/** What the welcome form's lines say: the identifiers, or each line's problem, by its number. */
export function readLines(text: string): { identifiers: Identifier[]; problems: string[] } {
  const identifiers: Identifier[] = [];
  const problems: string[] = [];
  text.split('\n').forEach((line, index) => {
    if (!line.trim()) return;
    // A bare name, e-mail, number or username is watched on every site; a link picks its own.
    const parsed = identifiersFromInput(line, ANY_SITE, 'auto');
    if (parsed.ok) identifiers.push(...parsed.identifiers);
    else problems.push(`Line ${index + 1}: ${parsed.error}`);
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
    if (!alias.trim()) found.push('Give them an alias: any name you like.');
    const read = readLines(lines);
    found.push(...read.problems);
    if (!read.identifiers.length && !read.problems.length) {
      found.push('Paste at least one link to their profile or your chat, or type their username, name, number or e-mail.');
    }
    let supportPerson: SupportPerson | null = null;
    if (supportName.trim() || supportLink.trim()) {
      const parsed = SupportPerson.safeParse({ name: supportName, link: supportLink });
      if (parsed.success) supportPerson = parsed.data;
      else found.push(`Support person: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
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
      const sites = adapters.filter((adapter) => !off.has(adapter.id)).length;
      setDone(`You are protected. ${alias.trim()} is watched on ${sites} site${sites === 1 ? '' : 's'}.`);
    } catch (error) {
      setProblems([`Not saved: ${(error as Error).message}`]);
    } finally {
      setSending(false);
    }
  };

  if (done) {
    return (
      <main class="options welcome">
        <h1>Welcome to Clean Break</h1>
        <p role="status" class="status">
          {done}
        </p>
        <p>
          When their profile, your chat or a message to them opens, Clean Break covers the page with a pause. You can always
          leave; if you go on, it is counted, kindly. Everything stays on this device.
        </p>
        <p>
          <a href={browser.runtime.getURL('/options.html')}>Options</a>: add more ways they appear, turn on the protection
          lock, or set stricter hours for late nights.
        </p>
      </main>
    );
  }

  return (
    <main class="options welcome">
      <h1>Welcome to Clean Break</h1>
      <p class="hint">A minute now, for the moments you would rather not act on. Nothing you enter leaves this device.</p>
      <form onSubmit={(event) => void submit(event)} class="grid" aria-label="Set up Clean Break">
        <label>
          What do you call them? (an alias){' '}
          <input name="alias" value={alias} onInput={(e) => setAlias((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          Their profile or chat links, one a line (or a username, name, number or e-mail){' '}
          <textarea
            name="links"
            rows={4}
            value={lines}
            placeholder={'https://www.instagram.com/their.name/\nhttps://www.facebook.com/their.name'}
            onInput={(e) => setLines((e.target as HTMLTextAreaElement).value)}
          />
        </label>
        <fieldset class="sites">
          <legend>Which sites should Clean Break watch?</legend>
          {adapters.map((adapter) => (
            <label key={adapter.id}>
              <input
                type="checkbox"
                checked={!off.has(adapter.id)}
                onChange={(e) => {
                  const next = new Set(off);
                  if ((e.target as HTMLInputElement).checked) next.delete(adapter.id);
                  else next.add(adapter.id);
                  setOff(next);
                }}
              />{' '}
              {adapter.name}
            </label>
          ))}
        </fieldset>
        <label>
          The day no contact began (optional){' '}
          <input type="date" name="since" value={since} onInput={(e) => setSince((e.target as HTMLInputElement).value)} />
        </label>
        <fieldset>
          <legend>Someone to call instead (optional)</legend>
          <label>
            Their name <input name="supportName" value={supportName} onInput={(e) => setSupportName((e.target as HTMLInputElement).value)} />
          </label>
          <label>
            Their link (tel:, sms:, mailto: or https://){' '}
            <input name="supportLink" value={supportLink} onInput={(e) => setSupportLink((e.target as HTMLInputElement).value)} />
          </label>
        </fieldset>
        <div class="row">
          <button type="submit" disabled={sending}>
            Start protecting me
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
