import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { clearComposer, composerAt, composerNear, composerText, isDisabled, saysSend, sendButtonAt } from '@/utils/sites/lib/composer';
import { keepDraft, resolveAttempt, startAttempt } from '@/utils/background/log';
import { requests } from '@/utils/protocol/requests';
import { allowedSenders } from '@/utils/protocol/senders';
import { adapters } from '@/utils/sites';
import { instagram } from '@/utils/sites/instagram';
import { whatsapp } from '@/utils/sites/whatsapp';
import { x } from '@/utils/sites/x';
import type { AttemptRef } from '@/utils/protocol/requests';
import { ref, storedAttempts, storedJournal } from './support/record';

/** An event's composed path as the browser gives it: the target, then each ancestor up to the document. */
function pathOf(element: Element): EventTarget[] {
  const path: EventTarget[] = [];
  for (let node: Node | null = element; node; node = node.parentNode) path.push(node);
  return path;
}

function page(html: string): Document {
  document.body.innerHTML = html;
  return document;
}

const $ = <T extends HTMLElement = HTMLElement>(selector: string) => document.querySelector<T>(selector)!;

describe('what a send button says', () => {
  it.each([
    ['<button aria-label="Send">➤</button>', true],
    ['<div role="button" tabindex="0">Send</div>', true], // Instagram: labelled by its text only
    ['<div role="button" aria-label="Press Enter to send"></div>', true],
    ['<button title="Send Message"></button>', true],
    ['<button aria-label="Send (Enter)"></button>', true],
    ['<button aria-label="Envoyer"></button>', true],
    ['<button data-testid="dmComposerSendButton"></button>', true],
    ['<button data-testid="dm-composer-send-button"></button>', true],
    ['<button aria-label="Send a GIF"></button>', false],
    ['<button aria-label="Send voice message"></button>', false],
    ['<button data-testid="sendVoice"></button>', false],
    ['<button aria-label="Sender details"></button>', false],
    ['<div role="button">Send me the photos from Saturday when you can, I would love to see them</div>', false],
  ])('%s: %s', (html, expected) => {
    page(html);
    expect(saysSend(document.body.firstElementChild!)).toBe(expected);
  });
});

describe('finding the message box and the send button', () => {
  it('takes the adapter’s own message box, and no other text box, while its markup is on the page', () => {
    page(`
      <div id="side"><div contenteditable="true" role="textbox" aria-label="Search input textbox" id="search"></div>
        <div contenteditable="true" role="textbox" id="note"></div></div>
      <div id="main"><footer><div contenteditable="true" role="textbox" aria-label="Type a message" id="box"><p>hi</p></div></footer></div>`);
    expect(composerAt(pathOf($('#box')), whatsapp, document)?.id).toBe('box');
    expect(composerAt(pathOf($('#note')), whatsapp, document)).toBeNull();
    expect(composerAt(pathOf($('#search')), whatsapp, document)).toBeNull();
  });

  it('falls back to any text box but a search box when the adapter’s selectors match nothing (the site changed)', () => {
    page(`
      <input type="search" id="find"><input aria-label="Search" id="find2">
      <div class="new-layout"><div contenteditable="true" id="box"><p>hi</p></div><textarea id="area"></textarea></div>`);
    expect(composerAt(pathOf($('#box')), whatsapp, document)?.id).toBe('box');
    expect(composerAt(pathOf($('#area')), instagram, document)?.id).toBe('area');
    expect(composerAt(pathOf($('#find')), whatsapp, document)).toBeNull();
    expect(composerAt(pathOf($('#find2')), whatsapp, document)).toBeNull();
  });

  it('finds the send button from a press on its icon, and the message box it sends', () => {
    page(`
      <aside><div data-testid="dmComposerTextInput" role="textbox" contenteditable="true" id="box">hello</div>
        <button data-testid="dmComposerSendButton" aria-label="Send" id="send"><svg><path id="icon"></path></svg></button></aside>
      <div contenteditable="true" id="elsewhere"></div>`);
    const button = sendButtonAt(pathOf($('#icon')), x, document);
    expect(button?.id).toBe('send');
    expect(composerNear(button!, x)?.id).toBe('box');
  });

  it('finds a button labelled only by its text where the adapter names none (Instagram)', () => {
    page(`
      <div role="main"><div aria-label="Message" role="textbox" contenteditable="true" id="box"><p>hello</p></div>
        <div role="button" tabindex="0" id="send"><span id="label">Send</span></div>
        <div role="button" id="like" aria-label="Like"></div></div>`);
    expect(sendButtonAt(pathOf($('#label')), instagram, document)?.id).toBe('send');
    expect(sendButtonAt(pathOf($('#like')), instagram, document)).toBeNull();
    expect(composerNear($('#send'), instagram)?.id).toBe('box');
  });

  it('knows a disabled button', () => {
    page('<button disabled id="a">Send</button><div role="button" aria-disabled="true" id="b">Send</div><button id="c">Send</button>');
    expect([isDisabled($('#a')), isDisabled($('#b')), isDisabled($('#c'))]).toEqual([true, true, false]);
  });

  it('every adapter’s message box and send button selectors are valid CSS', () => {
    page('<div></div>');
    for (const adapter of adapters) {
      for (const selector of [...(adapter.composer ?? []), ...(adapter.sendButton ?? [])]) {
        expect(() => document.querySelector(selector), `${adapter.id}: ${selector}`).not.toThrow();
      }
    }
  });
});

describe('what the message box holds', () => {
  it('reads text fields and rich editors, without blank space or zero-width marks', () => {
    page(`<textarea id="area"></textarea>
      <div contenteditable="true" id="rich"><p>I still</p><p>think of you</p></div>
      <div contenteditable="true" id="empty"><p><br></p></div>
      <div contenteditable="true" id="marks">\u200B\uFEFF </div>`);
    $<HTMLTextAreaElement>('#area').value = '  ok then \n';
    expect(composerText($('#area'))).toBe('ok then');
    expect(composerText($('#rich'))).toMatch(/^I still\s*think of you$/);
    expect(composerText($('#empty'))).toBe('');
    expect(composerText($('#marks'))).toBe('');
  });

  it('empties a text field and a rich editor, and tells the page with an input event', () => {
    page('<textarea id="area"></textarea><div contenteditable="true" id="rich"><p>hello</p></div>');
    const inputs: string[] = [];
    document.addEventListener('input', (event) => inputs.push((event.target as Element).id));
    $<HTMLTextAreaElement>('#area').value = 'hello';
    clearComposer($('#area'));
    clearComposer($('#rich'));
    expect(composerText($('#area'))).toBe('');
    expect(composerText($('#rich'))).toBe('');
    expect(inputs).toEqual(expect.arrayContaining(['area', 'rich']));
  });
});

describe('keeping the first send in the journal', () => {
  beforeEach(() => fakeBrowser.reset());

  it('appends exactly the text, linked to the latest continued attempt with that person on that site', async () => {
    const continueAt = async (attempt: AttemptRef, tabId: number, at: number) => {
      await startAttempt(attempt, tabId, attempt.startedAt);
      await resolveAttempt({ ...attempt, outcome: 'continued', feeling: null, journalText: null }, tabId, at);
    };
    const older = ref('p1', 1_000, { kind: 'thread' });
    await continueAt(older, 1, 2_000);
    await continueAt(ref('p1', 3_000, { kind: 'thread', site: 'whatsapp' }), 2, 3_500);
    const latest = ref('p1', 4_000, { kind: 'thread' });
    await continueAt(latest, 1, 5_000);

    await keepDraft({ personId: 'p1', site: 'instagram', text: 'I keep thinking about the lake' }, 6_000);
    expect(await storedJournal()).toEqual([
      expect.objectContaining({
        text: 'I keep thinking about the lake',
        personId: 'p1',
        site: 'instagram',
        attemptId: latest.attemptId,
        writtenAt: 6_000,
      }),
    ]);
    // One decision, one entry: the attempt now counts as one with a journal entry; none is added.
    const attempts = await storedAttempts();
    expect(attempts).toHaveLength(3);
    expect(attempts.find((a) => a.id === latest.attemptId)?.journalWritten).toBe(true);
    expect(attempts.find((a) => a.id === older.attemptId)?.journalWritten).toBe(false);
  });

  it('keeps the words with no attempt to link to when the log was cleared since', async () => {
    await keepDraft({ personId: 'p1', site: 'x', text: 'hello' }, 1_000);
    expect(await storedJournal()).toEqual([expect.objectContaining({ text: 'hello', attemptId: null })]);
    expect(await storedAttempts()).toEqual([]);
  });

  it('loses nothing when several are kept at once', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => keepDraft({ personId: 'p1', site: 'x', text: `draft ${i}` })));
    expect(await storedJournal()).toHaveLength(20);
  });

  it('accepts the request from the content script only, and rejects malformed ones', () => {
    expect(allowedSenders.keepDraft).toEqual(['content-script']);
    const ok = { personId: 'p1', site: 'instagram', text: 'hello' };
    expect(requests.keepDraft.safeParse(ok).success).toBe(true);
    expect(requests.keepDraft.safeParse({ ...ok, text: '' }).success).toBe(false);
    expect(requests.keepDraft.safeParse({ ...ok, text: '   \n ' }).success).toBe(false);
    expect(requests.keepDraft.safeParse({ ...ok, text: 'x'.repeat(20_001) }).success).toBe(false);
    expect(requests.keepDraft.safeParse({ ...ok, personId: '' }).success).toBe(false);
    expect(requests.keepDraft.safeParse({ ...ok, site: '' }).success).toBe(false);
    expect(requests.keepDraft.safeParse({ personId: 'p1', site: 'instagram' }).success).toBe(false);
  });
});
