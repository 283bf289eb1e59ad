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
  /** The header's aria-label; null for a UI in another language, whose wording no source quotes. */
  label: string | null;
  text: string;
}

/**
 * rs-app with a rooms list naming `listed` (the row of `selected` marked as the open room's, as
 * Reddit's rooms nav does: 'a.peer.container.selected' with its '.room-name', and the room's id in
 * rs-rooms-nav's `activeroom`; a Reddit chat-saving extension, public index, find_string
 * "Current chat, Direct chat") and, when given, an open room.
 */
function renderChat(listed: string[], room: Room | null, options: { overlayManager?: boolean; selected?: string; lang?: string } = {}) {
  document.documentElement.lang = options.lang ?? 'en';
  document.body.innerHTML = '<rs-app></rs-app>';
  const app = document.querySelector('rs-app')!.attachShadow({ mode: 'open' });
  app.innerHTML = '<div class="container"><rs-rooms-nav></rs-rooms-nav><rs-room-overlay-manager></rs-room-overlay-manager></div>';
  const nav = app.querySelector('rs-rooms-nav')!;
  if (options.selected) nav.setAttribute('activeroom', `!${options.selected}:reddit.com`);
  nav.attachShadow({ mode: 'open' }).innerHTML = listed
    .map((name) => `<a class="peer container${name === options.selected ? ' selected' : ''}" href="/chat/room/x"><span class="room-name">${name}</span><span class="last-message">hi</span></a>`)
    .join('');
  if (!room) return;
  const roomElement = document.createElement('rs-room');
  (options.overlayManager === false ? app.querySelector('.container')! : app.querySelector('rs-room-overlay-manager')!).append(roomElement);
  roomElement.attachShadow({ mode: 'open' }).innerHTML =
    `<header><h2${room.label === null ? '' : ` aria-label="${room.label}"`}>${room.text}</h2></header>` +
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

  it('in another language, reads the partner from the rooms list’s row for the open room', () => {
    renderChat(['jo_other', 'sam_lee'], { label: null, text: 'sam_lee' }, { selected: 'sam_lee', lang: 'es' });
    expect(seen('https://www.reddit.com/chat/room/%21abc%3Areddit.com')).toEqual(samThread);
  });

  it('in another language, reads someone else’s open room as theirs, not the watched person’s row above it', () => {
    renderChat(['sam_lee', 'jo_other'], { label: null, text: 'jo_other' }, { selected: 'jo_other', lang: 'es' });
    expect(seen('https://www.reddit.com/chat/room/%21abc%3Areddit.com')).toEqual([
      { kind: 'thread', identifiers: [{ kind: 'handle', value: 'jo_other' }] },
    ]);
  });

  it('in another language, a group room named by its members or with spaces names nobody', () => {
    for (const group of ['sam_lee, jo_other', 'Fin de semana']) {
      renderChat(['sam_lee', group], { label: null, text: group }, { selected: group, lang: 'es' });
      expect(seen('https://www.reddit.com/chat/room/%21grp%3Areddit.com')).toEqual([]);
    }
  });

  it('the rooms list alone, with no room open or no row marked open, names nobody', () => {
    renderChat(['sam_lee'], null, { selected: 'sam_lee', lang: 'es' });
    expect(seen('https://www.reddit.com/chat')).toEqual([]);
    renderChat(['sam_lee'], { label: null, text: 'sam_lee' }, { lang: 'es' });
    expect(seen('https://www.reddit.com/chat/room/%21abc%3Areddit.com')).toEqual([]);
  });

  it('an English group header is believed over a row that looks like a username', () => {
    renderChat(['sam_lee'], { label: 'Current chat, Group chat sam_lee', text: 'sam_lee' }, { selected: 'sam_lee' });
    expect(seen('https://www.reddit.com/chat/room/%21grp%3Areddit.com')).toEqual([]);
  });

  it('observes the rooms list’s root too, and wakes on a change of its open room', () => {
    renderChat(['sam_lee'], { label: null, text: 'sam_lee' }, { selected: 'sam_lee' });
    const roots = reddit.shadowRoots!(document);
    expect(roots.some((root) => root.querySelector('a.peer.container.selected'))).toBe(true);
    expect(reddit.watchAttributes).toContain('activeroom');
  });

  it('ignores the chat pop-up over other pages', () => {
    renderChat(['sam_lee'], { label: 'Current chat, Direct chat with sam_lee', text: 'sam_lee' });
    expect(seen('https://www.reddit.com/r/AskReddit/')).toEqual([]);
  });
});

/*
 * The floating chat window over ordinary pages (2024–26): reddit-chat-host in the page header holds
 * its own rs-app in an open shadow root, then rs-room-overlay-manager > rs-room (a Selenium test's
 * path from the home page's chat button, 'reddit-header-large/div/div/reddit-chat-host//div/div/div/
 * rs-app//div[2]/rs-room-overlay-manager/rs-room//main/…'; a Reddit clean-up extension names
 * reddit-chat-host "the chat window"; public index, find_string "reddit-chat-host"). Some builds
 * render a one-to-one chat as rs-direct-chat in the app's root (a Reddit DM bot, find_string
 * "rs-room-overlay-manager"). The room's header is drawn as on the full-page chat. (A closed
 * window is left out by checkVisibility, which happy-dom does not compute across shadow roots: not
 * tested here.)
 */
function renderWindow(room: Room | null, options: { element?: 'rs-room' | 'rs-direct-chat'; selected?: string } = {}) {
  document.body.innerHTML = '<shreddit-app><reddit-header-large><div><div><reddit-chat-host></reddit-chat-host></div></div></reddit-header-large><main><a href="/user/sam_lee/">u/sam_lee</a></main></shreddit-app>';
  const host = document.querySelector('reddit-chat-host')!.attachShadow({ mode: 'open' });
  host.innerHTML = '<div><div><div><rs-app></rs-app></div></div></div>';
  const app = host.querySelector('rs-app')!.attachShadow({ mode: 'open' });
  app.innerHTML = '<div class="container"><rs-rooms-nav></rs-rooms-nav></div><div><rs-room-overlay-manager></rs-room-overlay-manager></div>';
  if (options.selected) {
    app.querySelector('rs-rooms-nav')!.attachShadow({ mode: 'open' }).innerHTML =
      `<a class="peer container selected" href="/chat/room/x"><span class="room-name">${options.selected}</span></a>`;
  }
  if (!room) return;
  const element = document.createElement(options.element ?? 'rs-room');
  (options.element === 'rs-direct-chat' ? app.querySelector('.container')! : app.querySelector('rs-room-overlay-manager')!).append(element);
  element.attachShadow({ mode: 'open' }).innerHTML =
    `<header><h2${room.label === null ? '' : ` aria-label="${room.label}"`}>${room.text}</h2></header><main><rs-message-composer></rs-message-composer></main>`;
}

describe('reddit floating chat window', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('reads a one-to-one chat open in the window over an ordinary page', () => {
    renderWindow({ label: 'Current chat, Direct chat with sam_lee', text: 'sam_lee' });
    expect(seen('https://www.reddit.com/r/AskReddit/')).toEqual(samThread);
    expect(seen('https://www.reddit.com/')).toEqual(samThread);
  });

  it('reads the rs-direct-chat variant', () => {
    renderWindow({ label: 'Current chat, Direct chat with sam_lee', text: 'sam_lee' }, { element: 'rs-direct-chat' });
    expect(seen('https://www.reddit.com/r/AskReddit/')).toEqual(samThread);
  });

  it('ignores a group room in the window, the window with no room, and the page under it', () => {
    renderWindow({ label: 'Current chat, Group chat Weekend crew', text: 'Weekend crew' });
    expect(seen('https://www.reddit.com/r/AskReddit/')).toEqual([]);
    renderWindow(null);
    expect(seen('https://www.reddit.com/r/AskReddit/')).toEqual([]);
  });

  it('in another language, reads the window’s open room from its rooms list; with no room open, nothing', () => {
    renderWindow({ label: null, text: 'sam_lee' }, { selected: 'sam_lee' });
    expect(seen('https://www.reddit.com/r/AskReddit/')).toEqual(samThread);
    renderWindow(null, { selected: 'sam_lee' });
    expect(seen('https://www.reddit.com/r/AskReddit/')).toEqual([]);
  });

  it('observes every root of the window as it appears', () => {
    renderWindow({ label: 'Current chat, Direct chat with sam_lee', text: 'sam_lee' });
    const roots = reddit.shadowRoots!(document);
    expect(roots).toHaveLength(3);
    expect(roots.some((root) => root.querySelector('[aria-label^="Current chat"]'))).toBe(true);
  });
});
