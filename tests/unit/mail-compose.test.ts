import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { gmail } from '@/utils/sites/gmail';
import { outlook } from '@/utils/sites/outlook';
import type { SiteAdapter } from '@/utils/sites/types';

// Leave on a compose window: the person leaves the recipients, what was written stays in the
// window and comes back for the journal. (Which sightings a page gives: tests/unit/sites.test.ts.)

function loadPage(site: string, file: string, url: string): Document {
  const window = new Window({ url, settings: { disableJavaScriptEvaluation: true, disableCSSFileLoading: true } });
  window.document.write(readFileSync(path.resolve('tests/fixtures', site, file), 'utf8'));
  return window.document as unknown as Document;
}

const sam = { kind: 'email' as const, value: 'Sam@Example.com' };
const addresses = (adapter: SiteAdapter, doc: Document) =>
  adapter.fromPage!(doc, new URL(doc.location.href)).flatMap((s) => s.identifiers.map((i) => i.value));

describe('Gmail: Leave on a compose window', () => {
  it('takes the person out of the To field and returns the draft without its signature', () => {
    const doc = loadPage('gmail', 'compose-dialog.html', 'https://mail.google.com/mail/u/0/#inbox');
    const body = doc.querySelector('[g_editable="true"]')!;
    const before = body.innerHTML;
    expect(gmail.leaveCompose!(doc, sam)).toBe('Hi Sam,\n\nI keep thinking about last summer.');
    expect(doc.querySelector('[role="dialog"] [data-hovercard-id="sam@example.com"]')).toBeNull();
    expect(body.innerHTML).toBe(before);
    expect(addresses(gmail, doc)).toEqual([]);
    // The inbox row that lists them is untouched.
    expect(doc.querySelector('.zA [data-hovercard-id="sam@example.com"]')).not.toBeNull();
  });

  it('leaves the other recipients and windows alone', () => {
    const doc = loadPage('gmail', 'compose-two.html', 'https://mail.google.com/mail/u/0/#inbox');
    expect(gmail.leaveCompose!(doc, sam)).toBe('Subject: Friday\n\nAre we still on for Friday?');
    expect(addresses(gmail, doc)).toEqual(['jo.other@example.com', 'kim@example.net']);
  });

  it('keeps only what was written above the quoted message of a reply', () => {
    const doc = loadPage('gmail', 'thread-reply.html', 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmzbjTbqRpvhCnkcwJxv');
    expect(gmail.leaveCompose!(doc, sam)).toBe('Subject: Re: dinner on Friday\n\nI miss you.');
    expect(addresses(gmail, doc)).toEqual([]);
  });

  it('removes a pre-2021 chip with its hidden address', () => {
    const doc = loadPage('gmail', 'compose-classic.html', 'https://mail.google.com/mail/u/0/#inbox');
    expect(gmail.leaveCompose!(doc, sam)).toBe('Sam,');
    expect(doc.querySelector('input[type="hidden"][name="to"]')).toBeNull();
    expect(doc.querySelector('.vR')).toBeNull();
  });

  it('returns null when nothing was written, and forgets the person in a compose link', () => {
    const doc = loadPage('gmail', 'compose-fullpage.html', 'https://mail.google.com/mail/u/0/?view=cm&fs=1&to=sam@example.com,jo@example.org&su=Hi');
    expect(gmail.leaveCompose!(doc, sam)).toBe('Subject: Hi');
    expect(doc.location.href).toBe('https://mail.google.com/mail/u/0/?view=cm&fs=1&to=jo%40example.org&su=Hi');
    expect(gmail.fromUrl(new URL(doc.location.href))).toEqual({ kind: 'compose', identifiers: [{ kind: 'email', value: 'jo@example.org' }] });
    const empty = loadPage('gmail', 'compose-fullpage.html', 'https://mail.google.com/mail/u/0/?view=cm&fs=1&to=sam@example.com');
    empty.querySelector<HTMLInputElement>('input[name="subjectbox"]')!.value = '';
    expect(gmail.leaveCompose!(empty, sam)).toBeNull();
    expect(gmail.fromUrl(new URL(empty.location.href))).toBeNull();
  });

  it('does nothing to a compose window without the person', () => {
    const doc = loadPage('gmail', 'compose-other.html', 'https://mail.google.com/mail/u/0/#inbox');
    expect(gmail.leaveCompose!(doc, sam)).toBeNull();
    expect(addresses(gmail, doc)).toEqual(['jo.other@example.com', 'sam@example.co']);
  });
});

describe('Outlook: Leave on a compose window', () => {
  it('takes the entity out of the To well and returns the draft without its signature', () => {
    const doc = loadPage('outlook', 'compose.html', 'https://outlook.office.com/mail/inbox');
    const well = doc.querySelector('[aria-label="To"][contenteditable="true"]')!;
    let inputs = 0;
    well.addEventListener('input', () => inputs++);
    expect(outlook.leaveCompose!(doc, sam)).toBe('Hi Sam,\n\nI keep thinking about last summer.');
    expect(well.querySelector('._EType_RECIPIENT_ENTITY')).toBeNull();
    expect(well.textContent).toBe('');
    expect(inputs).toBe(1);
    expect(addresses(outlook, doc)).toEqual([]);
  });

  it('takes the person out of Cc and keeps the others', () => {
    const doc = loadPage('outlook', 'compose-cc.html', 'https://outlook.office.com/mail/inbox');
    expect(outlook.leaveCompose!(doc, sam)).toBe('Subject: Friday\n\nAre we still on?');
    expect(addresses(outlook, doc)).toEqual(['kim@example.net']);
  });

  it('presses a labelled remove control, and matches a name-only pill by name', () => {
    const doc = loadPage('outlook', 'compose-name-only.html', 'https://outlook.office.com/mail/inbox');
    let pressed = 0;
    doc.querySelector('[aria-label="Remove Sam Lee"]')!.addEventListener('click', () => pressed++);
    expect(outlook.leaveCompose!(doc, { kind: 'name', value: 'sam  LEE' })).toBeNull();
    expect(pressed).toBe(1);
    expect(addresses(outlook, doc)).toEqual([]);
  });

  it('forgets the person in a deep link', () => {
    const doc = loadPage('outlook', 'compose.html', 'https://outlook.office.com/mail/deeplink/compose?to=sam@example.com&subject=Hi');
    outlook.leaveCompose!(doc, sam);
    expect(outlook.fromUrl(new URL(doc.location.href))).toBeNull();
  });
});
