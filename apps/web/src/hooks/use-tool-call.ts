import { useCallback, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { ApiError } from '../api/client.ts';
import type { ApiResponse, RateLimit } from '../api/client.ts';
import { useAuth } from '../auth/auth-context.ts';
import { useStoredState } from './use-stored-state.ts';

export interface ToolCall<Input, Result> {
  /** The last result, with the input it was computed from (the text may have changed since). */
  result: { input: Input; data: Result } | null;
  error: ApiError | null;
  loading: boolean;
  rateLimit: RateLimit | undefined;
  run(input: Input): Promise<void>;
}

/**
 * Calls one tool and keeps its result, error and rate-limit figures. A 401 means the session
 * ended (or guests are not allowed): the user is sent to the login page and brought back here;
 * the inputs survive in sessionStorage.
 */
export function useToolCall<Input, Result>(
  call: (input: Input) => Promise<ApiResponse<Result>>,
): ToolCall<Input, Result> {
  const [result, setResult] = useState<{ input: Input; data: Result } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(false);
  const [rateLimit, setRateLimit] = useState<RateLimit | undefined>(undefined);
  const latest = useRef(0);
  const navigate = useNavigate();
  const location = useLocation();
  const { sessionEnded } = useAuth();

  const run = useCallback(
    async (input: Input) => {
      const id = ++latest.current;
      setLoading(true);
      setError(null);
      try {
        const response = await call(input);
        if (id !== latest.current) return;
        setResult({ input, data: response.data });
        setRateLimit(response.rateLimit);
      } catch (caught) {
        if (id !== latest.current) return;
        const apiError =
          caught instanceof ApiError ? caught : new ApiError(0, 'CLIENT_ERROR', 'Something went wrong.');
        if (apiError.status === 401) {
          sessionEnded();
          const next = location.pathname + location.search;
          navigate(`/login?next=${encodeURIComponent(next)}`, {
            state: { notice: 'Please log in to continue. What you typed is kept.' },
          });
          return;
        }
        setError(apiError);
      } finally {
        if (id === latest.current) setLoading(false);
      }
    },
    [call, location.pathname, location.search, navigate, sessionEnded],
  );

  return { result, error, loading, rateLimit, run };
}

export interface RequiredText {
  text: string;
  /** Sets the text and clears the "missing" mark. */
  setText(value: string): void;
  /** The user submitted with no text. */
  empty: boolean;
  /** true when there is text to send; else marks it missing. */
  check(): boolean;
}

/** The text a tool needs, kept in sessionStorage under key, marked when submitted empty. */
export function useRequiredText(key: string): RequiredText {
  const [text, setStored] = useStoredState(key, '');
  const [empty, setEmpty] = useState(false);
  const setText = useCallback(
    (value: string) => {
      setStored(value);
      setEmpty(false);
    },
    [setStored],
  );
  const check = () => {
    if (text.trim() !== '') return true;
    setEmpty(true);
    return false;
  };
  return { text, setText, empty, check };
}
