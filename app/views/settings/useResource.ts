import { useCallback, useEffect, useState } from 'react';
import { ApiError, api } from '../../api/client.ts';
import type { Loaded } from '../../api/useApi.ts';

/** A GET that the settings forms reload after each change they make. */
export function useResource<T>(path: string | null): Loaded<T> & { reload: () => void } {
  const [version, setVersion] = useState(0);
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const reload = useCallback(() => setVersion((n) => n + 1), []);
  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    void version;
    api
      .get<T>(path, {}, controller.signal)
      .then((data) => setLoaded({ state: 'ready', data }))
      .catch((error: Error) => {
        if (controller.signal.aborted || (error instanceof ApiError && error.status === 401)) return;
        setLoaded({ state: 'error', error, retry: reload });
      });
    return () => controller.abort();
  }, [path, version, reload]);
  return { ...loaded, reload };
}

/** Runs a change, remembers its error (with the fields the API named) and then reloads. */
export function useChange(after: () => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const run = async <T>(change: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      const result = await change();
      after();
      return result;
    } catch (caught) {
      setError(caught as Error);
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run, clear: () => setError(null) };
}
