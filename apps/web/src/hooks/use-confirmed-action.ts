import { useState } from 'react';
import type { ApiError } from '../api/client.ts';

export interface ConfirmedAction<T> {
  /** What the dialog asks about (a job, a key, an entry…); null while it is closed. */
  target: T | null;
  busy: boolean;
  /** The last attempt's error, shown in the dialog (which stays open to try again or cancel). */
  error: ApiError | null;
  ask(target: T): void;
  cancel(): void;
  confirm(): void;
}

/**
 * A destructive action that waits for a confirmation: `ask` opens the dialog, `confirm` runs the
 * action on the target and closes it, or keeps it open with the error (a session guard decides
 * what a 401 means).
 */
export function useConfirmedAction<T>(
  action: (target: T) => Promise<void>,
  toError: (caught: unknown) => ApiError,
): ConfirmedAction<T> {
  const [target, setTarget] = useState<T | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const run = async (chosen: T) => {
    setBusy(true);
    setError(null);
    try {
      await action(chosen);
      setTarget(null);
    } catch (caught) {
      setError(toError(caught));
    } finally {
      setBusy(false);
    }
  };
  return {
    target,
    busy,
    error,
    ask(chosen) {
      setError(null);
      setTarget(chosen);
    },
    cancel() {
      setTarget(null);
      setError(null);
    },
    confirm() {
      if (target !== null) void run(target);
    },
  };
}
