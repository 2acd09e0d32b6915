import { z } from 'zod';
import { isoTime } from './common.ts';

export const USERNAME_PATTERN = /^[a-z0-9_-]{3,32}$/;
export const PASSWORD_MIN_LENGTH = 12;
/** Longer passwords are refused before hashing, so a huge body cannot cost hashing time. */
export const PASSWORD_MAX_LENGTH = 1024;

export const username = z.string().regex(USERNAME_PATTERN, 'username: 3–32 characters of a–z, 0–9, _ and -');
export const password = z.string().min(1).max(PASSWORD_MAX_LENGTH);

export const signupRequest = z.strictObject({
  username,
  email: z.email().max(254),
  password,
});
export const loginRequest = z.strictObject({ username: z.string().min(1).max(64), password });
export const changePasswordRequest = z.strictObject({ current_password: password, new_password: password });
export const resetPasswordRequest = z.strictObject({
  token: z.string().min(10).max(200),
  new_password: password,
});
/** Forgot password: one field, a username or an email address; the answer never says which matched. */
export const forgotPasswordRequest = z.strictObject({ username_or_email: z.string().trim().min(1).max(254) });
export const forgotPasswordResponse = z.object({ message: z.string() });
export const deleteAccountRequest = z.strictObject({ password });

export const userView = z
  .object({
    id: z.string(),
    username: z.string(),
    email: z.string(),
    tier: z.enum(['user', 'pro', 'admin']),
    disabled: z.boolean(),
    store_inputs: z.boolean(),
    created_at: isoTime,
  })
  .meta({ id: 'User' });

export const csrfResponse = z.object({ csrf_token: z.string() });
export const sessionResponse = z.object({ user: userView, csrf_token: z.string() });
export const meResponse = z.object({
  user: userView,
  auth: z.enum(['session', 'api_key']),
  limits: z.object({ hourly: z.number().nullable(), daily_rows: z.number().nullable() }),
});
export const settingsRequest = z.strictObject({ store_inputs: z.boolean() });
