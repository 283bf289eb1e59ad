import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { adapterById } from '@/utils/sites';

// Leave on a chat that floats over another page closes that chat (and only it) with the
// site's own close control, instead of taking the whole tab back.

function load(file: string, url: string): Document {
  const window = new Window({ url, settings: { disableJavaScriptEvaluation: true, disableCSSFileLoading: true } });
  const doc = window.document as unknown as Document;
  doc.write(readFileSync(path.resolve('tests/fixtures', file), 'utf8'));
  return doc;
}

/** Which elements were clicked, by their accessible label or text. */
function clicksOn(doc: Document): string[] {
  const clicked: string[] = [];
  doc.addEventListener('click', (event) => {
    const target = event.target as Element;
    clicked.push(target.getAttribute('aria-label') ?? target.textContent?.trim() ?? '');
  });
  return clicked;
}

describe('closing a chat in place', () => {
  it('LinkedIn: the bubble with the person, by its close control; not another person’s', () => {
    const linkedin = adapterById('linkedin')!;
    const doc = load('linkedin/bubbles.html', 'https://www.linkedin.com/feed/');
    const clicked = clicksOn(doc);
    expect(linkedin.closeThread!(doc, { kind: 'name', value: 'sam lee' })).toBe(true);
    expect(clicked).toEqual(['Close your conversation with Sam Lee']);
    expect(linkedin.closeThread!(doc, { kind: 'handle', value: 'someone-else' })).toBe(false);
    expect(clicked).toHaveLength(1);
  });

  it('LinkedIn in French: the bubble with the person, by its close icon; not another person’s', () => {
    const linkedin = adapterById('linkedin')!;
    const doc = load('linkedin/bubbles-fr.html', 'https://www.linkedin.com/feed/');
    const closed: string[] = [];
    doc.addEventListener('click', (event) => {
      const bubble = (event.target as Element).closest('.msg-overlay-conversation-bubble');
      closed.push(bubble?.querySelector('.msg-overlay-bubble-header__title')?.textContent?.trim() ?? '');
    });
    expect(linkedin.closeThread!(doc, { kind: 'name', value: 'sam lee' })).toBe(true);
    expect(closed).toEqual(['Sam Lee']);
    expect(linkedin.closeThread!(doc, { kind: 'handle', value: 'someone-else' })).toBe(false);
    expect(closed).toHaveLength(1);
  });

  it('LinkedIn: on the messaging page itself there is no bubble to close: Leave goes back', () => {
    const linkedin = adapterById('linkedin')!;
    const doc = load('linkedin/thread-title-bar.html', 'https://www.linkedin.com/messaging/thread/2-abc/');
    expect(linkedin.closeThread!(doc, { kind: 'name', value: 'Sam Lee' })).toBe(false);
  });

  it('Facebook: the chat pop-up with the person, by its "Close chat" button', () => {
    const facebook = adapterById('facebook')!;
    const doc = load('facebook/chat-popup.html', 'https://www.facebook.com/');
    const clicked = clicksOn(doc);
    expect(facebook.closeThread!(doc, { kind: 'name', value: 'Jo Other' })).toBe(false);
    expect(facebook.closeThread!(doc, { kind: 'name', value: 'Sam Lee' })).toBe(true);
    expect(clicked).toEqual(['Close chat']);
  });

  it('Facebook in French: the pop-up with the person, by "Fermer la discussion"; the other stays open', () => {
    const facebook = adapterById('facebook')!;
    const doc = load('facebook/chat-popup-fr.html', 'https://www.facebook.com/');
    const closed: string[] = [];
    doc.addEventListener('click', (event) => {
      const tab = (event.target as Element).closest('[data-pagelet="ChatTab"]');
      closed.push(tab?.querySelector('[data-testid="messenger-chat-title-text"]')?.textContent ?? '');
    });
    expect(facebook.closeThread!(doc, { kind: 'name', value: 'Sam Lee' })).toBe(true);
    expect(closed).toEqual(['Sam Lee']);
    expect(facebook.closeThread!(doc, { kind: 'name', value: 'Alex Unknown' })).toBe(false);
    expect(closed).toHaveLength(1);
  });

  it('Facebook: a full thread page has no pop-up to close', () => {
    const facebook = adapterById('facebook')!;
    const doc = load('facebook/thread.html', 'https://www.facebook.com/messages/t/100012345678901/');
    expect(facebook.closeThread!(doc, { kind: 'name', value: 'Sam Lee' })).toBe(false);
  });
});
