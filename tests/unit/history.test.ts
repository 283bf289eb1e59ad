import { describe, expect, it } from 'vitest';
import { matchingIds, type HistoryFilter } from '@/components/record/History';
import { recordDb } from '@/utils/store/db';
import type { Attempt } from '@/utils/model/schema';

const attempt = (id: string, startedAt: number, extra: Partial<Attempt> = {}): Attempt => ({
  id,
  startedAt,
  personId: 'sam',
  site: 'instagram',
  kind: 'profile',
  outcome: 'left',
  endedAt: startedAt + 1,
  secondsOnScreen: 1,
  journalWritten: false,
  feeling: null,
  tabId: null,
  abandonedAt: null,
  ...extra,
});

const all: HistoryFilter = { personIds: null, siteIds: null, outcome: null, from: -Infinity, to: Infinity };

describe('the history’s filters', () => {
  it('keep the matching ids, newest first, from the indexes', async () => {
    await recordDb().attempts.bulkPut([
      attempt('a1', 100),
      attempt('a2', 200, { personId: 'alex', site: 'whatsapp', outcome: 'continued' }),
      attempt('a3', 300, { outcome: 'closed' }),
      attempt('a4', 400, { personId: 'alex', outcome: 'pending', endedAt: null, tabId: 3 }),
      attempt('a5', 500, { outcome: 'pending', endedAt: null, abandonedAt: 550 }),
      attempt('a6', 600, { personId: 'gone', site: 'whatsapp' }),
    ]);
    const ids = (filter: Partial<HistoryFilter>) => matchingIds(recordDb(), { ...all, ...filter });
    expect(await ids({})).toEqual(['a6', 'a5', 'a4', 'a3', 'a2', 'a1']);
    expect(await ids({ personIds: ['alex'] })).toEqual(['a4', 'a2']);
    expect(await ids({ personIds: ['alex', 'gone'] })).toEqual(['a6', 'a4', 'a2']);
    expect(await ids({ siteIds: ['whatsapp'] })).toEqual(['a6', 'a2']);
    expect(await ids({ personIds: ['alex'], siteIds: ['whatsapp'] })).toEqual(['a2']);
    // Left counts a closed tab and a screen that went away; pending is a screen still up.
    expect(await ids({ outcome: 'left' })).toEqual(['a6', 'a5', 'a3', 'a1']);
    expect(await ids({ outcome: 'pending' })).toEqual(['a4']);
    expect(await ids({ outcome: 'continued', personIds: ['sam'] })).toEqual([]);
    expect(await ids({ from: 200, to: 500 })).toEqual(['a4', 'a3', 'a2']);
    expect(await ids({ personIds: ['sam'], from: 300, to: 600, outcome: 'left' })).toEqual(['a5', 'a3']);
  });
});
