import { afterEach, describe, expect, it } from 'vitest';
import { adapterById } from '@/utils/sites';

// Through the registry, not the adapter file: see tests/unit/social-veils.test.ts.
const reddit = adapterById('reddit')!;

/*
 * Reddit's chat renders its open room inside open shadow roots (rs-app → rs-room), which the
 * script-free fixture loads of tests/unit/sites.test.ts cannot build (happy-dom does not parse
 * declarative shadow roots). Here the same shape is built with attachShadow, as the page's own
 * components do (tests/fixtures/reddit/chat.html).
 */

interface Room {
  label: string;
  text: string;
}

/** rs-app with a rooms list naming `listed` and, when given, an open room. */
function renderChat(listed: string[], room: Room | null, options: { overlayManager?: boolean } = {}) {
  document.body.innerHTML = '<rs-app></rs-app>';
  const app = document.querySelector('rs-app')!.attachShadow({ mode: 'open' });
  app.innerHTML = '<div class="container"><rs-rooms-nav></rs-rooms-nav><rs-room-overlay-manager></rs-room-overlay-manager></div>';
  app.querySelector('rs-rooms-nav')!.attachShadow({ mode: 'open' }).innerHTML = listed
    .map((name) => `<a class="peer container" href="/chat/room/x"><span class="room-name">${name}</span></a>`)
    .join('');
  if (!room) return;
  const roomElement = document.createElement('rs-room');
  (options.overlayManager === false ? app.querySelector('.container')! : app.querySelector('rs-room-overlay-manager')!).append(roomElement);
  roomElement.attachShadow({ mode: 'open' }).innerHTML =
    `<header><h2 aria-label="${room.label}">${room.text}</h2></header>` +
    '<rs-timeline><span class="user-name">sam_lee</span></rs-timeline>';
}

const seen = (url: string) => reddit.fromPage!(document, new URL(url));
const samThread = [{ kind: 'thread', identifiers: [{ kind: 'handle', value: 'sam_lee' }] }];

describe('reddit chat header', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('reads the partner of an open one-to-one room on the full-page chat', () => {
    renderChat(['sam_lee', 'jo_other'], { label: 'Current chat, Direct chat with sam_lee', text: 'sam_lee' });
    expect(seen('https://www.reddit.com/chat/room/%21abc%3Areddit.com')).toEqual(samThread);
    expect(seen('https://chat.reddit.com/room/!abc:reddit.com')).toEqual(samThread);
  });

  it('finds a room placed directly in the app, outside the overlay manager', () => {
    renderChat([], { label: 'Current chat, Direct chat with sam_lee', text: 'sam_lee' }, { overlayManager: false });
    expect(seen('https://www.reddit.com/chat/room/%21abc%3Areddit.com')).toEqual(samThread);
  });

  it('accepts a u/-prefixed username in the label', () => {
    renderChat([], { label: 'Current chat, Direct chat with u/sam_lee', text: 'sam_lee' });
    expect(seen('https://www.reddit.com/chat/room/%21abc%3Areddit.com')).toEqual(samThread);
  });

  it('ignores a group room the person is in, and the rooms list', () => {
    renderChat(['sam_lee'], { label: 'Current chat, Group chat Weekend crew', text: 'Weekend crew' });
    expect(seen('https://www.reddit.com/chat/room/%21grp%3Areddit.com')).toEqual([]);
    renderChat(['sam_lee'], null);
    expect(seen('https://www.reddit.com/chat')).toEqual([]);
  });

  it('reads another person as that person', () => {
    renderChat(['sam_lee'], { label: 'Current chat, Direct chat with jo_other', text: 'jo_other' });
    expect(seen('https://www.reddit.com/chat/room/%21abc%3Areddit.com')).toEqual([
      { kind: 'thread', identifiers: [{ kind: 'handle', value: 'jo_other' }] },
    ]);
  });

  it('ignores the chat pop-up over other pages', () => {
    renderChat(['sam_lee'], { label: 'Current chat, Direct chat with sam_lee', text: 'sam_lee' });
    expect(seen('https://www.reddit.com/r/AskReddit/')).toEqual([]);
  });
});
