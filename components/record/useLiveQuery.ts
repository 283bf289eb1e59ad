import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';
import { describeError } from '@/utils/store/db';

/** A query's latest result: still loading, its value, or why it could not be read. */
export type Live<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed'; error: string };

/**
 * A Dexie query, run again whenever what it read changes, in any context of the extension's
 * origin (the background writes; pages read): Dexie's liveQuery, tied to the component's life.
 * `deps` re-create the query, as useEffect's do.
 */
export function useLiveQuery<T>(query: () => Promise<T>, deps: readonly unknown[]): Live<T> {
  const [live, setLive] = useState<Live<T>>({ state: 'loading' });
  useEffect(() => {
    // Async, so a query that throws at once is a failed read too, not an uncaught error.
    const subscription = liveQuery(async () => query()).subscribe({
      next: (value) => setLive({ state: 'ready', value }),
      error: (error: unknown) => setLive({ state: 'failed', error: describeError(error) }),
    });
    return () => subscription.unsubscribe();
  }, deps);
  return live;
}
