import { useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError } from '../api/client.ts';

export interface FormSubmit {
  busy: boolean;
  /** The last attempt's error (cleared when the form is sent again). */
  error: ApiError | null;
  onSubmit(event: FormEvent<HTMLFormElement>): void;
}

/**
 * A form that sends one request: busy while it runs, its error kept for an alert. `toError` turns
 * whatever was thrown into the error to show (by default an ApiError as it is, anything else as
 * `failure`); a session guard goes there on pages that need a login.
 */
export function useFormSubmit(
  action: () => Promise<void>,
  failure: string,
  toError?: (caught: unknown) => ApiError,
): FormSubmit {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(
        toError?.(caught) ?? (caught instanceof ApiError ? caught : new ApiError(0, 'CLIENT_ERROR', failure)),
      );
    } finally {
      setBusy(false);
    }
  };
  return {
    busy,
    error,
    onSubmit(event) {
      event.preventDefault();
      void submit();
    },
  };
}
