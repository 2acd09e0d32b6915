import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client.ts';
import { useAuth } from '../auth/auth-context.ts';

export interface ApiData<T> {
  /** The last answer (kept while a newer one loads, so the page does not jump). */
  data: T | null;
  /** The error of the current key's load, if it failed. */
  error: ApiError | null;
  /** True until the current key's answer (or error) has arrived. */
  loading: boolean;
}

/**
 * Loads `load()` whenever `key` changes (key = everything the request depends on) and keeps its
 * answer. A 401 means the session ended: the user is shown as logged out (the page then shows its
 * log-in prompt). `key` null loads nothing (e.g. for a guest).
 */
export function useApiData<T>(key: string | null, load: () => Promise<{ data: T }>): ApiData<T> {
  const [state, setState] = useState<{ key: string; data: T | null; error: ApiError | null } | null>(null);
  const { sessionEnded } = useAuth();
  // The loader of the latest render; the effect runs again only when the key changes.
  const loader = useRef(load);
  useEffect(() => {
    loader.current = load;
  });

  useEffect(() => {
    if (key === null) return;
    let current = true;
    loader.current().then(
      (response) => {
        if (current) setState({ key, data: response.data, error: null });
      },
      (caught: unknown) => {
        if (!current) return;
        const error =
          caught instanceof ApiError ? caught : new ApiError(0, 'CLIENT_ERROR', 'Something went wrong.');
        if (error.status === 401) sessionEnded();
        setState((previous) => ({ key, data: previous?.data ?? null, error }));
      },
    );
    return () => {
      current = false;
    };
  }, [key, sessionEnded]);

  const loading = key !== null && state?.key !== key;
  return {
    data: state?.data ?? null,
    error: state !== null && state.key === key ? state.error : null,
    loading,
  };
}
