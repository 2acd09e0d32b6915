import { createContext, useContext } from 'react';
import type { LoginRequest, SignupRequest, User } from '../api/types.ts';

export interface AuthState {
  /** The logged-in user; null for a guest. */
  user: User | null;
  /** False until GET /auth/me has answered once. */
  ready: boolean;
  login(input: LoginRequest): Promise<User>;
  signup(input: SignupRequest): Promise<User>;
  logout(): Promise<void>;
  /** The server said the session is gone (401): show the user as logged out. */
  sessionEnded(): void;
  /** The server answered with the user as changed (e.g. their settings). */
  userUpdated(user: User): void;
}

export const AuthContext = createContext<AuthState | null>(null);

export function useAuth(): AuthState {
  const auth = useContext(AuthContext);
  if (auth === null) throw new Error('useAuth must be used inside <AuthProvider>');
  return auth;
}
