import { useEffect, useState } from 'preact/hooks';
import type { Loaded } from '@/utils/store/storage';

interface Watchable {
  watch(callback: () => void): () => void;
}

/** A validated storage item, re-read whenever it changes (in any context). */
export function useStored<T>(load: () => Promise<Loaded<T>>, item: Watchable): Loaded<T> | null {
  const [loaded, setLoaded] = useState<Loaded<T> | null>(null);
  useEffect(() => {
    let live = true;
    const read = () => void load().then((value) => live && setLoaded(value));
    read();
    const unwatch = item.watch(read);
    return () => {
      live = false;
      unwatch();
    };
  }, []);
  return loaded;
}
