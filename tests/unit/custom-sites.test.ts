import { describe, expect, it } from 'vitest';
import { defaultSettings } from '@/utils/model/defaults';
import { identifiersFromInput } from '@/utils/model/identity';
import { compileWatchIndex } from '@/utils/model/matching';
import { CustomSite, Settings, type Person } from '@/utils/model/schema';
import { customAdapter, customAdapterForUrl, customAdapters, readAfter, seenAs, selectorProblem, siteOrigin, sitePattern } from '@/utils/sites/custom/custom';
import { salvageSettings } from '@/utils/store/storage';
import { veilPatterns } from '@/utils/background/veil';

const forum: CustomSite = {
  id: 'custom-forum',
  name: 'Book club',
  pattern: 'https://forum.example.com/*',
  kind: 'profile',
  identify: { by: 'url', after: '/members/' },
  addedAt: 1,
};
const chat: CustomSite = {
  id: 'custom-chat',
  name: 'Game chat',
  pattern: 'https://chat.example.org/*',
  kind: 'thread',
  identify: { by: 'element', selector: '.conversation-header .partner' },
  addedAt: 2,
};
const sam: Person = {
  id: 'p-sam',
  alias: 'S.',
  addedAt: 0,
  identifiers: [
    { kind: 'handle', value: 'sam.lee', site: 'custom-forum' },
    { kind: 'name', value: 'Sam Lee', site: 'custom-chat' },
  ],
};
const settings: Settings = { ...defaultSettings(), people: [sam], customSites: [forum, chat] };

describe('a custom site’s address', () => {
  it.each([
    ['forum.example.com', 'https://forum.example.com/*', 'https://forum.example.com/*', 'https://forum.example.com/'],
    ['https://forum.example.com/', 'https://forum.example.com/*', 'https://forum.example.com/*', 'https://forum.example.com/'],
    ['Forum.Example.com/members/', 'https://forum.example.com/members/*', 'https://forum.example.com/*', 'https://forum.example.com/'],
    ['http://old.example.net/u/*', 'http://old.example.net/u/*', 'http://old.example.net/*', 'http://old.example.net/'],
    ['*.example.com', 'https://*.example.com/*', 'https://*.example.com/*', 'https://example.com/'],
    ['*://games.example.com', '*://games.example.com/*', '*://games.example.com/*', 'https://games.example.com/'],
  ])('%s watches %s, asks for %s, leaves to %s', (typed, pattern, origin, home) => {
    expect(sitePattern(typed)).toEqual({ ok: true, pattern, origin, home });
  });

  it.each([
    ['', /Type the site’s address/],
    ['not an address', /not a web address/],
    ['*', /one site/],
    ['*.com', /one site/],
    ['localhost', /one site/],
    ['https://*/*', /one site/],
    ['<all_urls>', /not a web address|one site/],
    ['forum.example.com:8080', /port/],
    ['ftp://forum.example.com/', /Only web pages/],
    ['chrome://extensions', /Only web pages/],
    ['www.instagram.com', /Instagram is built in/],
    ['https://mail.google.com/mail/', /Gmail is built in/],
    ['*.facebook.com', /Facebook is built in/],
    ['*.reddit.com', /Reddit is built in/],
  ])('“%s” is refused with a message saying why', (typed, message) => {
    const checked = sitePattern(typed);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.error).toMatch(message);
  });

  it('a look-alike of a built-in host is a different site', () => {
    expect(sitePattern('instagram.com.example.net').ok).toBe(true);
    expect(sitePattern('notinstagram.com').ok).toBe(true);
  });
});

describe('reading the person from the address', () => {
  it.each([
    ['https://forum.example.com/members/sam.lee/', '/members/', 'sam.lee'],
    ['https://forum.example.com/members/Sam.Lee/posts?page=2', '/members/', 'Sam.Lee'],
    ['https://forum.example.com/MEMBERS/sam.lee', '/members/', 'sam.lee'],
    ['https://forum.example.com/profile.php?user=sam.lee&tab=2', 'user=', 'sam.lee'],
    ['https://forum.example.com/profile.php?user=Sam+Lee', 'user=', 'Sam Lee'],
    ['https://forum.example.com/u/J%C3%BCrgen', '/u/', 'Jürgen'],
    ['https://forum.example.com/u/%E0%A4%A', '/u/', '%E0%A4%A'],
    ['https://forum.example.com/#/chat/sam.lee', '/chat/', 'sam.lee'],
  ])('%s after %s is %s', (url, after, value) => {
    expect(readAfter(new URL(url), after)).toBe(value);
  });

  it.each([
    ['https://forum.example.com/members/', '/members/'],
    ['https://forum.example.com/members', '/members/'],
    ['https://forum.example.com/threads/12', '/members/'],
    ['https://forum.example.com/profile.php?user=', 'user='],
  ])('%s names nobody', (url, after) => {
    expect(readAfter(new URL(url), after)).toBeNull();
  });
});

describe('what a custom site shows, compared', () => {
  it('free text is compared as a username and a name, and as an address or number when it is one', () => {
    expect(seenAs('  Sam   Lee ')).toEqual([
      { kind: 'name', value: 'Sam Lee' },
      { kind: 'handle', value: 'Sam Lee' },
    ]);
    expect(seenAs('sam@example.com').map((seen) => seen.kind)).toEqual(['email', 'handle', 'name']);
    expect(seenAs('+1 555 010 0000').map((seen) => seen.kind)).toEqual(['phone', 'handle', 'name']);
    expect(seenAs('   ')).toEqual([]);
  });

  it('the address of the person’s page is their sighting; a similar name is not them', () => {
    const adapter = customAdapter(forum)!;
    const index = compileWatchIndex([sam], forum.id);
    const on = (url: string) => {
      const sighting = adapter.fromUrl(new URL(url));
      return sighting ? (index.match(sighting)?.person.id ?? null) : null;
    };
    expect(on('https://forum.example.com/members/sam.lee/')).toBe('p-sam');
    expect(on('https://forum.example.com/members/SAM.LEE')).toBe('p-sam');
    expect(on('https://forum.example.com/members/sam.leeroy/')).toBeNull();
    expect(on('https://forum.example.com/threads/sam.lee')).toBeNull();
    expect(adapter.fromUrl(new URL('https://forum.example.com/members/sam.lee/'))?.kind).toBe('profile');
  });

  it('the element the user named is read; the rest of the page is not', () => {
    const adapter = customAdapter(chat)!;
    const index = compileWatchIndex([sam], chat.id);
    const page = (html: string) => {
      const doc = document.implementation.createHTMLDocument('chat');
      doc.body.innerHTML = html;
      return adapter.fromPage!(doc, new URL('https://chat.example.org/app'));
    };
    const open = page('<div class="conversation-header"><span class="partner">Sam Lée</span></div><ul><li>Alex</li></ul>');
    expect(open.map((sighting) => [sighting.kind, index.match(sighting)?.person.id])).toEqual([['thread', 'p-sam']]);
    // Their name in the list of conversations is not the open conversation.
    const list = page('<div class="conversation-header"><span class="partner">Alex</span></div><ul><li class="partner">Sam Lee</li></ul>');
    expect(list.some((sighting) => index.match(sighting))).toBe(false);
    expect(page('<p>nothing here</p>')).toEqual([]);
  });

  it('a selector that no longer parses reads nothing instead of breaking the page', () => {
    const adapter = customAdapter({ ...chat, identify: { by: 'element', selector: 'div[' } })!;
    expect(adapter.fromPage!(document, new URL('https://chat.example.org/'))).toEqual([]);
  });

  it('a stored pattern that is no longer acceptable gives no adapter', () => {
    expect(customAdapter({ ...forum, pattern: 'https://www.instagram.com/*' })).toBeNull();
    expect(customAdapter({ ...forum, pattern: '<all_urls>' })).toBeNull();
    expect(customAdapters({ ...settings, customSites: [forum, { ...chat, pattern: '*://*/*' }] }).map((a) => a.id)).toEqual([
      'custom-forum',
    ]);
    expect(siteOrigin({ ...forum, pattern: '*://*/*' })).toBeNull();
  });

  it('selectors are checked before they are saved', () => {
    expect(selectorProblem('.conversation-header .partner')).toBeNull();
    expect(selectorProblem('div[')).toMatch(/not a CSS selector/);
    expect(selectorProblem(' ')).toMatch(/Name the element/);
  });
});

describe('custom sites among the others', () => {
  it('the adapter for a URL is the custom site whose pattern includes it', () => {
    expect(customAdapterForUrl(settings, 'https://forum.example.com/members/sam.lee/')?.id).toBe('custom-forum');
    expect(customAdapterForUrl(settings, 'https://chat.example.org/')?.id).toBe('custom-chat');
    expect(customAdapterForUrl(settings, 'https://example.com/')).toBeUndefined();
  });

  it('a watched person’s page on a custom site is veiled from its first frame; a site read from its page is not', () => {
    const patterns = veilPatterns(settings, customAdapters(settings));
    expect(patterns).toEqual(['https://forum.example.com/*members/sam.lee*']);
  });

  it('a pasted link to a custom site gives the person as that site reads them', () => {
    const parsed = identifiersFromInput('https://forum.example.com/members/sam.lee/', '*', 'auto', customAdapters(settings));
    expect(parsed).toMatchObject({ ok: true, from: 'Book club' });
    if (parsed.ok) expect(parsed.identifiers).toEqual([{ kind: 'handle', value: 'sam.lee', site: 'custom-forum' }]);
    expect(identifiersFromInput('https://forum.example.com/members/sam.lee/', '*', 'auto')).toMatchObject({ ok: false });
  });
});

describe('custom sites in the settings', () => {
  it('settings saved before custom sites existed still read, with none', () => {
    const { customSites: _, ...old } = defaultSettings();
    expect(Settings.parse(old).customSites).toEqual([]);
  });

  it('a damaged custom site is set aside; the other sites and people are kept', () => {
    const raw = { ...settings, customSites: [forum, { ...chat, identify: { by: 'telepathy' } }, { id: 'x' }] };
    const salvaged = salvageSettings(raw);
    expect(salvaged.valid).toBe(false);
    expect(salvaged.value.customSites).toEqual([forum]);
    expect(salvaged.value.people).toEqual([sam]);
  });
});
