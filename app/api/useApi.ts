import { useCallback, useEffect, useState } from 'react';
import { ApiError, api, type QueryValues, queryString } from './client.ts';

export type Loaded<T> =
  | { state: 'loading' }
  | { state: 'error'; error: ApiError | Error; retry: () => void }
  | { state: 'ready'; data: T };

/** GETs a path whenever it or its query changes; a newer request aborts the older one. */
export function useApi<T>(path: string | null, query: QueryValues = {}): Loaded<T> {
  const url = path === null ? null : `${path}${queryString(query)}`;
  const [attempt, setAttempt] = useState(0);
  // The attempt is part of the request's identity, so "try again" sends it anew.
  const request = url === null ? null : `${attempt} ${url}`;
  const [result, setResult] = useState<{ request: string; loaded: Loaded<T> } | null>(null);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  useEffect(() => {
    if (request === null) return;
    const controller = new AbortController();
    api
      .get<T>(request.slice(request.indexOf(' ') + 1), {}, controller.signal)
      .then((data) => setResult({ request, loaded: { state: 'ready', data } }))
      .catch((error: Error) => {
        // Signed out (or the session expired): the shell is on its way to the sign-in page.
        if (controller.signal.aborted || (error instanceof ApiError && error.status === 401)) return;
        setResult({ request, loaded: { state: 'error', error, retry } });
      });
    return () => controller.abort();
  }, [request, retry]);
  if (request === null || !result || result.request !== request) return { state: 'loading' };
  return result.loaded;
}

export { ApiError };
