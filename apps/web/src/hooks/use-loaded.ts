import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client.ts';
import { useAuth } from '../auth/auth-context.ts';

export interface Loaded<T> {
  /** The last answer (kept while a newer one loads, so the page does not jump). */
  data: T | null;
  /** The error of the current load, if it failed. */
  error: ApiError | null;
  /** True until the current load's answer (or error) has arrived. */
  loading: boolean;
  /** Loads again with the same key (a refresh button). */
  reload(): void;
  /** Changes the data in place, e.g. with the row a PATCH returned. */
  update(change: (data: T) => T): void;
}

/**
 * Loads `load()` whenever `key` changes (key = everything the request depends on) or on reload();
 * `key` null loads nothing (e.g. while a filter is invalid). A 401 means the session ended: the
 * user is then shown as logged out (and the page's log-in prompt takes over).
 */
export function useLoaded<T>(key: string | null, load: () => Promise<{ data: T }>): Loaded<T> {
  const [version, setVersion] = useState(0);
  const [state, setState] = useState<{ key: string; data: T | null; error: ApiError | null } | null>(null);
  const { sessionEnded } = useAuth();
  // The loader of the latest render; the effect runs again only when the key changes.
  const loader = useRef(load);
  useEffect(() => {
    loader.current = load;
  });
  const current = key === null ? null : `${version}:${key}`;

  useEffect(() => {
    if (current === null) return;
    let live = true;
    loader.current().then(
      (response) => {
        if (live) setState({ key: current, data: response.data, error: null });
      },
      (caught: unknown) => {
        if (!live) return;
        const error =
          caught instanceof ApiError ? caught : new ApiError(0, 'CLIENT_ERROR', 'Something went wrong.');
        if (error.status === 401) sessionEnded();
        setState((previous) => ({ key: current, data: previous?.data ?? null, error }));
      },
    );
    return () => {
      live = false;
    };
  }, [current, sessionEnded]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const update = useCallback((change: (data: T) => T) => {
    setState((previous) =>
      previous === null || previous.data === null ? previous : { ...previous, data: change(previous.data) },
    );
  }, []);

  return {
    data: state?.data ?? null,
    error: state !== null && state.key === current ? state.error : null,
    loading: current !== null && state?.key !== current,
    reload,
    update,
  };
}
