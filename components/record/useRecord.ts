import { useEffect, useRef, useState } from 'preact/hooks';
import { z } from '@/utils/model/zod';
import { describeError, readSummary, recordDb } from '@/utils/store/db';
import { sendMessage } from '@/utils/protocol/messaging';
import { installedAtItem, recordProblemItem, type Loaded, type RecordProblem } from '@/utils/store/storage';
import { localTimeZone, type Summary } from '@/utils/model/summary';
import { useLiveQuery } from './useLiveQuery';
import { useStored } from '@/components/page/useStored';

/**
 * The log's figures for a page. `ready` with null is an empty log; `counting` means the
 * figures are missing or unreadable while the log has attempts, and the background was asked
 * to count them again; `failed` is a log that could not be read: never shown as empty.
 */
export type SummaryState =
  | { state: 'loading' }
  | { state: 'counting'; unreadable: boolean }
  | { state: 'ready'; summary: Summary | null }
  | { state: 'failed'; error: string };

export function useSummary(): SummaryState {
  const live = useLiveQuery(async () => {
    const db = recordDb();
    const read = await readSummary(db);
    const hasAttempts = (await db.attempts.limit(1).primaryKeys()).length > 0;
    return { read, hasAttempts };
  }, []);
  const asked = useRef(false);
  const [rebuild, setRebuild] = useState<{ state: 'idle' | 'asked' | 'done' } | { state: 'failed'; error: string }>({ state: 'idle' });

  const value = live.state === 'ready' ? live.value : null;
  const summary = value?.read.ok ? value.read.value : null;
  const needsRebuild =
    value !== null && (!value.read.ok || (summary === null && value.hasAttempts) || (summary !== null && summary.timeZone !== localTimeZone()));

  useEffect(() => {
    if (!needsRebuild || asked.current) return;
    // Once per page: a rebuild that does not help is shown as a failure, not asked for again.
    asked.current = true;
    setRebuild({ state: 'asked' });
    Promise.resolve()
      .then(() => sendMessage('rebuildSummary', {}))
      .then(() => readSummary())
      .then(
        // Written and readable: the live query shows it. Otherwise it cannot be counted now.
        (after) => setRebuild(after.ok ? (after.value ? { state: 'done' } : { state: 'failed', error: 'the figures were not written' }) : { state: 'failed', error: after.error }),
        (error: unknown) => setRebuild({ state: 'failed', error: describeError(error) }),
      );
  }, [needsRebuild]);

  if (live.state === 'loading') return { state: 'loading' };
  if (live.state === 'failed') return { state: 'failed', error: live.error };
  const { read, hasAttempts } = live.value;
  // Figures counted in another zone are still right about everything but day edges: shown
  // while they are counted again in this one.
  if (read.ok && (read.value !== null || !hasAttempts)) return { state: 'ready', summary: read.value };
  if (rebuild.state === 'failed') return { state: 'failed', error: read.ok ? rebuild.error : `${read.error}; ${rebuild.error}` };
  return { state: 'counting', unreadable: !read.ok };
}

/** A stored value that does not parse (a day of "x") is shown as not there, never drawn from. */
const plain = <T,>(item: { getValue(): Promise<unknown> }, schema: z.ZodMiniType<T>, fallback: T) => (): Promise<Loaded<T>> =>
  item.getValue().then(
    (value) => {
      const parsed = schema.safeParse(value);
      return parsed.success ? { value: parsed.data, valid: true, readable: true } : { value: fallback, valid: false, readable: true };
    },
    () => ({ value: fallback, valid: false, readable: false }),
  );

const loadInstalledAt = plain<number | null>(installedAtItem, z.nullable(z.number().check(z.nonnegative())), null);
const loadRecordProblem = plain<RecordProblem | null>(
  recordProblemItem,
  z.nullable(z.object({ since: z.number(), message: z.string(), waiting: z.int().check(z.nonnegative()) })),
  null,
);

/** When Clean Break was installed (null until the background has noted it). */
export const useInstalledAt = () => useStored(loadInstalledAt, installedAtItem);

/** Writes to the log that failed and are waiting to be written again. */
export const useRecordProblem = () => useStored(loadRecordProblem, recordProblemItem);
