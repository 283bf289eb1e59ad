import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Browser } from 'wxt/browser';
import { defaultSettings } from '@/utils/model/defaults';
import { CUSTOM_SITES_SCRIPT_ID, syncScripts, WATCH_SCRIPT } from '@/utils/background/registration';
import type { CustomSite, Person, Settings } from '@/utils/model/schema';
import { settingsItem } from '@/utils/store/storage';
import { VEIL_SCRIPT_ID } from '@/utils/background/veil';

type Script = Browser.scripting.RegisteredContentScript;

const forum: CustomSite = {
  id: 'custom-forum',
  name: 'Book club',
  pattern: 'https://forum.example.com/*',
  kind: 'profile',
  identify: { by: 'url', after: '/members/' },
  addedAt: 1,
};
const sam: Person = {
  id: 'p-sam',
  alias: 'S.',
  addedAt: 1,
  identifiers: [
    { kind: 'handle', value: 'sam.lee', site: 'instagram' },
    { kind: 'handle', value: 'sam.lee', site: 'custom-forum' },
  ],
};

/** The browser's registered scripts, in memory, failing as Chromium does on a duplicate or missing id. */
let registered: Map<string, Script>;
const calls: string[] = [];
let granted: Set<string>;

beforeEach(() => {
  fakeBrowser.reset();
  registered = new Map();
  calls.length = 0;
  granted = new Set();
  const scripting = fakeBrowser.scripting as unknown as Record<string, unknown>;
  scripting.getRegisteredContentScripts = vi.fn(async (filter?: { ids?: string[] }) =>
    [...registered.values()].filter((script) => !filter?.ids || filter.ids.includes(script.id)),
  );
  scripting.registerContentScripts = vi.fn(async (scripts: Script[]) => {
    // Reading the registry is a round trip to the browser: let another sync interleave here.
    await new Promise((done) => setTimeout(done, 1));
    for (const script of scripts) {
      if (registered.has(script.id)) throw new Error(`Duplicate script ID '${script.id}'`);
      registered.set(script.id, script);
      calls.push(`register ${script.id}`);
    }
  });
  scripting.updateContentScripts = vi.fn(async (scripts: Script[]) => {
    for (const script of scripts) {
      if (!registered.has(script.id)) throw new Error(`No script with ID '${script.id}'`);
      registered.set(script.id, { ...registered.get(script.id)!, ...script });
      calls.push(`update ${script.id}`);
    }
  });
  scripting.unregisterContentScripts = vi.fn(async ({ ids }: { ids: string[] }) => {
    for (const id of ids) registered.delete(id);
    calls.push(`unregister ${ids.join(',')}`);
  });
  (fakeBrowser.permissions as unknown as Record<string, unknown>).contains = vi.fn(async ({ origins }: { origins: string[] }) =>
    origins.every((origin) => granted.has(origin)),
  );
});

const store = (settings: Partial<Settings>) => settingsItem.setValue({ ...defaultSettings(), ...settings });
const matchesOf = (id: string) => registered.get(id)?.matches ?? null;

describe('the registered scripts follow the settings', () => {
  it('nobody watched: nothing registered', async () => {
    await store({});
    await syncScripts();
    expect(registered.size).toBe(0);
  });

  it('a person watched on a built-in site: their pages are veiled from the first frame; no custom-site script', async () => {
    await store({ people: [sam] });
    await syncScripts();
    expect(matchesOf(VEIL_SCRIPT_ID)).toContain('https://www.instagram.com/sam.lee/*');
    expect(registered.get(VEIL_SCRIPT_ID)).toMatchObject({ css: ['veil.css'], runAt: 'document_start', persistAcrossSessions: true });
    expect(matchesOf(CUSTOM_SITES_SCRIPT_ID)).toBeNull();
  });

  it('a custom site whose host is granted gets the watching script; one not granted does not', async () => {
    await store({ people: [sam], customSites: [forum] });
    await syncScripts();
    expect(matchesOf(CUSTOM_SITES_SCRIPT_ID)).toBeNull();

    granted.add('https://forum.example.com/*');
    await syncScripts();
    expect(registered.get(CUSTOM_SITES_SCRIPT_ID)).toMatchObject({ matches: ['https://forum.example.com/*'], js: [WATCH_SCRIPT] });
  });

  it('a settings change that changes no matches touches no script; one that does updates it in place', async () => {
    await store({ people: [sam] });
    await syncScripts();
    calls.length = 0;

    await store({ people: [sam], questions: ['Why now?'] });
    await syncScripts();
    expect(calls).toEqual([]);

    await store({ people: [sam], disabledSites: ['instagram'] });
    await syncScripts();
    expect(calls).toEqual(['unregister clean-break-veil']);

    await store({ people: [sam] });
    await syncScripts();
    await store({ people: [{ ...sam, identifiers: [{ kind: 'handle', value: 'sam.lee.2', site: 'instagram' }] }] });
    calls.length = 0;
    await syncScripts();
    expect(calls).toEqual([`update ${VEIL_SCRIPT_ID}`]);
    expect(matchesOf(VEIL_SCRIPT_ID)).toContain('https://www.instagram.com/sam.lee.2/*');
    expect(matchesOf(VEIL_SCRIPT_ID)).not.toContain('https://www.instagram.com/sam.lee/*');
  });

  it('syncs asked for at once run one after another, never registering a script twice', async () => {
    await store({ people: [sam] });
    await expect(Promise.all([syncScripts(), syncScripts(), syncScripts()])).resolves.toBeDefined();
    expect(calls).toEqual([`register ${VEIL_SCRIPT_ID}`]);
  });
});
