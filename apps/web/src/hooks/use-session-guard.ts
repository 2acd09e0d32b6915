import { useCallback } from 'react';
import { ApiError } from '../api/client.ts';
import { useAuth } from '../auth/auth-context.ts';

/**
 * Turns whatever a call threw into an ApiError; when it says the session has ended (a 401 other
 * than a wrong password), the user is shown as logged out, and the page's login prompt takes over.
 */
export function useSessionGuard(): (caught: unknown) => ApiError {
  const { sessionEnded } = useAuth();
  return useCallback(
    (caught: unknown) => {
      const error =
        caught instanceof ApiError ? caught : new ApiError(0, 'CLIENT_ERROR', 'Something went wrong.');
      if (error.status === 401 && error.code !== 'INVALID_CREDENTIALS') sessionEnded();
      return error;
    },
    [sessionEnded],
  );
}
