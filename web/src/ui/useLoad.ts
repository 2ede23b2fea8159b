import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Loads data when the component appears, again whenever `load` changes (its inputs did), and on
 * `reload` after a change. Each request gets its own AbortSignal: the next request and leaving the
 * page abort it, and an aborted request never sets state, so a slow older answer cannot replace a
 * newer one. With `initial` (data the server sent along with the page) the first load is skipped.
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, initial?: T) {
  const [data, setData] = useState<T | undefined>(initial);
  const [error, setError] = useState<unknown>(null);
  const [reloads, setReloads] = useState(0);
  const servedBy = useRef(initial === undefined ? undefined : load);
  useEffect(() => {
    if (servedBy.current === load && reloads === 0) return;
    servedBy.current = undefined;
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
