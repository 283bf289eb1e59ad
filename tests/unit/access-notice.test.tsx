import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { AccessNotice, hostOf, readAccess } from '@/components/page/AccessNotice';

// Issue 23, 8: where the browser keeps Clean Break out, the popup and options say so.
let root: HTMLElement;
const manifest = { host_permissions: ['https://www.instagram.com/*', 'https://*.facebook.com/*', 'https://web.whatsapp.com/*'] };

function browserSays({ limited = [] as string[], inPrivate = false }) {
  vi.spyOn(browser.runtime, 'getManifest').mockReturnValue(manifest as never);
  vi.spyOn(browser.permissions, 'contains').mockImplementation(async ({ origins }) => !limited.some((host) => origins?.[0]?.includes(host)));
  vi.spyOn(browser.extension, 'isAllowedIncognitoAccess').mockResolvedValue(inPrivate as never);
}

async function shown(): Promise<string> {
  render(<AccessNotice />, root);
  await new Promise((done) => setTimeout(done, 50));
  return root.textContent ?? '';
}

describe('the access notice', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    root = document.createElement('div');
  });
  afterEach(() => render(null, root));

  it('reads hosts from match patterns', () => {
    expect(['https://www.instagram.com/*', 'https://*.facebook.com/*', 'http://forum.example.com/members/*'].map(hostOf)).toEqual([
      'www.instagram.com',
      'facebook.com',
      'forum.example.com',
    ]);
  });

  it('says nothing where the browser lets it watch everywhere', async () => {
    browserSays({ inPrivate: true });
    expect(await readAccess()).toEqual({ limitedHosts: [], notInPrivate: false });
    expect(await shown()).toBe('');
  });

  it('names the sites whose access was limited ("on click"), and how to give it back', async () => {
    browserSays({ limited: ['instagram', 'facebook'], inPrivate: true });
    const text = await shown();
    expect(text).toContain('Clean Break cannot see www.instagram.com, facebook.com');
    expect(text).toContain('Site access');
    expect(text).not.toContain('private windows');
  });

  it('says when it does not run in private windows, and how to allow it', async () => {
    browserSays({ inPrivate: false });
    const text = await shown();
    expect(text).toContain('Clean Break does not run in private windows');
    expect(text).toContain('Allow in Incognito');
  });

  it('a browser that cannot answer is not said to be off, and the page still renders', async () => {
    vi.spyOn(browser.permissions, 'contains').mockRejectedValue(new Error('no'));
    vi.spyOn(browser.runtime, 'getManifest').mockReturnValue(manifest as never);
    vi.spyOn(browser.extension, 'isAllowedIncognitoAccess').mockRejectedValue(new Error('no'));
    expect(await readAccess()).toEqual({ limitedHosts: [], notInPrivate: false });
    expect(await shown()).toBe('');
  });
});
