import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Dashboard } from '@/components/record/Dashboard';
import { recordDb } from '@/utils/store/db';
import { defaultSettings } from '@/utils/model/defaults';
import { sendMessage } from '@/utils/protocol/messaging';
import type { Attempt } from '@/utils/model/schema';
import { localTimeZone, summarize } from '@/utils/model/summary';

vi.mock('@/utils/protocol/messaging', async (original) => ({ ...(await original<typeof import('@/utils/protocol/messaging')>()), sendMessage: vi.fn() }));
const send = vi.mocked(sendMessage);

const attempt = (id: string, startedAt: number, outcome: Attempt['outcome']): Attempt => ({
  id,
  startedAt,
  personId: 'p1',
  site: 'instagram',
  kind: 'profile',
  outcome,
  endedAt: startedAt + 1000,
  secondsOnScreen: 1,
  journalWritten: false,
  feeling: null,
  tabId: null,
  abandonedAt: null,
});

let root: HTMLElement;
const text = () => root.textContent ?? '';

describe('the dashboard, when its record is missing or unreadable', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    send.mockReset();
    await fakeBrowser.storage.local.set({
      settings: { ...defaultSettings(), people: [{ id: 'p1', alias: 'S.', identifiers: [], addedAt: 1 }] },
      installedAt: Date.now() - 3 * 86_400_000,
    });
    root = document.createElement('div');
    document.body.append(root);
  });
  afterEach(() => {
    render(null, root);
    root.remove();
  });

  const now = Date.now();
  const log = [attempt('a1', now - 2 * 86_400_000, 'continued'), attempt('a2', now - 1000, 'left')];

  it('figures that do not parse are counted again by the background, and shown meanwhile as counting, never as empty', async () => {
    await recordDb().attempts.bulkPut(log);
    await recordDb().meta.put({ key: 'summary', value: { version: 1, total: 'lots' } });
    let rebuilt: () => void = () => undefined;
    send.mockImplementation(async (type) => {
      expect(type).toBe('rebuildSummary');
      await new Promise<void>((done) => (rebuilt = done));
      await recordDb().meta.put({ key: 'summary', value: summarize(log, localTimeZone()) });
    });
    render(<Dashboard />, root);
    await vi.waitFor(() => expect(text()).toContain('Your figures could not be read, so they are being counted again from the log…'));
    expect(text()).not.toContain('Nothing decided yet');
    expect(text()).not.toContain('Day ');
    await vi.waitFor(() => expect(send).toHaveBeenCalled());
    rebuilt();
    await vi.waitFor(() => expect(text()).toContain('Day 2 of no contact'));
    expect(root.querySelector('[data-testid="today"]')?.textContent).toBe('1');
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('a log whose figures cannot be counted says so, and shows no zero', async () => {
    await recordDb().attempts.bulkPut(log);
    send.mockRejectedValue(new Error('the background did not answer'));
    render(<Dashboard />, root);
    await vi.waitFor(() => expect(text()).toContain('Your record could not be read just now, so no figures are shown.'));
    expect(text()).toContain('the background did not answer');
    expect(root.querySelector('[data-testid="today"]')).toBeNull();
    expect(text()).not.toContain('No attempts yet');
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('a database that cannot be read is an error, not an empty log', async () => {
    send.mockResolvedValue(undefined);
    vi.spyOn(recordDb().meta, 'get').mockRejectedValue(new Error('UnknownError: disk'));
    vi.spyOn(recordDb().attempts, 'orderBy').mockImplementation(() => {
      throw new Error('UnknownError: disk');
    });
    render(<Dashboard />, root);
    await vi.waitFor(() => expect(text()).toContain('The recent attempts could not be read just now'));
    await vi.waitFor(() => expect(text()).toContain('Your record could not be read just now'));
    expect(text()).not.toContain('No attempts yet');
  });

  it('an empty log on a new install reads Day 1, and asks for nothing', async () => {
    await fakeBrowser.storage.local.set({ installedAt: Date.now() });
    render(<Dashboard />, root);
    await vi.waitFor(() => expect(text()).toContain('Day 1 of no contact'));
    expect(text()).toContain('No attempts yet. Each time the pause screen appears, it is noted here.');
    expect(send).not.toHaveBeenCalled();
  });

  it('says when attempts are waiting to be saved', async () => {
    await fakeBrowser.storage.local.set({ recordProblem: { since: 1, message: 'QuotaExceededError', waiting: 3 } });
    render(<Dashboard />, root);
    await vi.waitFor(() => expect(text()).toContain('Some attempts could not be saved yet; they will be saved when possible. (3 waiting)'));
  });
});
