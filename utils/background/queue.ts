/**
 * One at a time, in order: each task starts once the one before it has settled, and a task that
 * fails fails alone (the next still runs). The background's writers (the log, the settings, sync)
 * each keep one, so requests from many tabs at once are applied one after another, never interleaved.
 */
export interface SerialQueue {
  <T>(task: () => Promise<T>): Promise<T>;
  /** Tests: as if the worker had just started (nothing waits on earlier tasks). */
  reset(): void;
}

export function serialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  const run = <T>(task: () => Promise<T>): Promise<T> => {
    const result = tail.then(task, task);
    tail = result.catch(() => undefined);
    return result;
  };
  return Object.assign(run, {
    reset() {
      tail = Promise.resolve();
    },
  });
}
