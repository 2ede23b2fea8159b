import { useCallback, useEffect, useState } from 'react';

/** Loads data when the component appears; `reload` fetches it again after a change. */
export function useLoad<T>(load: () => Promise<T>) {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>(null);
  const reload = useCallback(() => {
    load().then(
      (result) => {
        setData(result);
        setError(null);
      },
      (failure: unknown) => setError(failure),
    );
  }, [load]);
  useEffect(reload, [reload]);
  return { data, error, reload };
}
