import { useCallback, useState } from 'react';

/** Runs a user action (usually an API call), tracking whether it is pending and how it failed. */
export function useAction<Args extends unknown[]>(action: (...args: Args) => Promise<void>) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(
    async (...args: Args) => {
      setPending(true);
      setError(null);
      try {
        await action(...args);
      } catch (failure) {
        setError(failure);
      } finally {
        setPending(false);
      }
    },
    [action],
  );
  return { run, pending, error };
}
