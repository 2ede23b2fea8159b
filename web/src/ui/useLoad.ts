import { useCallback, useEffect, useState } from 'react';

/**
 * Loads data when the component appears, again whenever `load` changes (its inputs did), and on
 * `reload` after a change. Each request gets its own AbortSignal: the next request and leaving the
 * page abort it, and an aborted request never sets state, so a slow older answer cannot replace a
 * newer one.
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>) {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>(null);
  const [reloads, setReloads] = useState(0);
  useEffect(() => {
    const request = new AbortController();
    load(request.signal).then(
      (result) => {
        if (request.signal.aborted) return;
        setData(result);
        setError(null);
      },
      (failure: unknown) => {
        if (!request.signal.aborted) setError(failure);
      },
    );
    return () => request.abort();
  }, [load, reloads]);
  const reload = useCallback(() => setReloads((count) => count + 1), []);
  return { data, error, reload };
}
