import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import * as authApi from '../api/auth.ts';
import { clearStoredState } from '../hooks/use-stored-state.ts';
import type { LoginRequest, SignupRequest, User } from '../api/types.ts';
import { AuthContext } from './auth-context.ts';
import type { AuthState } from './auth-context.ts';

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let cancelled = false;
    authApi
      .fetchCurrentUser()
      .then((current) => {
        if (!cancelled) setUser(current);
      })
      // The server is unreachable or failing: carry on as a guest; tool calls will show the error.
      .catch(() => undefined)
      .finally(() => {
        if (!cancelled) setReady(true);
      });
    return () => {
      cancelled = true;
    };
  }, []);

  const login = useCallback(async (input: LoginRequest) => {
    const loggedIn = await authApi.login(input);
    setUser(loggedIn);
    return loggedIn;
  }, []);

  const signup = useCallback(async (input: SignupRequest) => {
    const created = await authApi.signup(input);
    setUser(created);
    return created;
  }, []);

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      clearStoredState();
      setUser(null);
    }
  }, []);

  const sessionEnded = useCallback(() => setUser(null), []);
  const userUpdated = useCallback((updated: User) => setUser(updated), []);

  const value = useMemo<AuthState>(
    () => ({ user, ready, login, signup, logout, sessionEnded, userUpdated }),
    [user, ready, login, signup, logout, sessionEnded, userUpdated],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
