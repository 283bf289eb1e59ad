import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { HealthNotice } from '@/components/record/HealthNotice';
import { defaultSettings } from '@/utils/model/defaults';
import { dayOf } from '@/utils/model/health';
import { localTimeZone } from '@/utils/model/summary';

const today = () => dayOf(Date.now(), localTimeZone());
let root: HTMLElement;

async function shown(): Promise<string> {
  render(<HealthNotice settings={defaultSettings()} />, root);
  // The counts are read from storage once mounted.
  await new Promise((done) => setTimeout(done, 50));
  return root.textContent ?? '';
}

describe('the health notice in the popup', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    root = document.createElement('div');
  });
  afterEach(() => render(null, root));

  it('says nothing with nothing counted, or fewer than 3 this week', async () => {
    expect(await shown()).toBe('');
    await fakeBrowser.storage.local.set({ health: [{ site: 'instagram', day: today(), count: 2 }] });
    expect(await shown()).toBe('');
  });

  it('says which site, how many chats, and what to do, from 3 this week', async () => {
    await fakeBrowser.storage.local.set({ health: [{ site: 'instagram', day: today(), count: 12 }] });
    expect(await shown()).toBe(
      'Clean Break could not tell who 12 Instagram chats this week were with: protection there may be weaker.' +
        'Add their chat link in Options, or update Clean Break.',
    );
  });

  it('a store that does not parse says nothing rather than breaking the popup', async () => {
    await fakeBrowser.storage.local.set({ health: 'garbage' });
    expect(await shown()).toBe('');
  });
});
