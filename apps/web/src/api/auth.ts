import type { forgotPasswordRequest, resetPasswordRequest } from '@textai/contracts';
import type { z } from 'zod';
import { ApiError, apiGet, apiSend, setCsrfToken } from './client.ts';
import type { LoginRequest, MeResponse, SessionResponse, SignupRequest, User } from './types.ts';

export type ResetPasswordRequest = z.infer<typeof resetPasswordRequest>;
export type ForgotPasswordRequest = z.infer<typeof forgotPasswordRequest>;

/** The logged-in user, or null for a guest (GET /auth/me answers 401). */
export async function fetchCurrentUser(): Promise<User | null> {
  try {
    const { data } = await apiGet<MeResponse>('/auth/me');
    return data.user;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export async function signup(input: SignupRequest): Promise<User> {
  const { data } = await apiSend<SessionResponse>('POST', '/auth/signup', input);
  setCsrfToken(data.csrf_token);
  return data.user;
}

export async function login(input: LoginRequest): Promise<User> {
  const { data } = await apiSend<SessionResponse>('POST', '/auth/login', input);
  setCsrfToken(data.csrf_token);
  return data.user;
}

export async function logout(): Promise<void> {
  try {
    await apiSend<null>('POST', '/auth/logout');
  } catch (error) {
    // A session that already ended is as good as logged out.
    if (!(error instanceof ApiError && error.status === 401)) throw error;
  } finally {
    // The session's token dies with it; the next request fetches a pre-session one.
    setCsrfToken(undefined);
  }
}

/**
 * Sets a new password with a one-time reset token (a pre-session route: the CSRF token comes from
 * GET /auth/csrf, as for login). The server ends every session of the account; none is started.
 */
export async function resetPassword(input: ResetPasswordRequest): Promise<void> {
  await apiSend<null>('POST', '/auth/reset-password', input);
}

/** Asks for a reset link by email; the answer is the same whether or not an account matched. */
export async function forgotPassword(input: ForgotPasswordRequest): Promise<void> {
  await apiSend<{ message: string }>('POST', '/auth/forgot-password', input);
}
