import type { changePasswordRequest, deleteAccountRequest, settingsRequest } from '@textai/contracts';
import type { z } from 'zod';
import { apiGet, apiSend, setCsrfToken } from './client.ts';
import type { User } from './types.ts';

export type ChangePasswordRequest = z.infer<typeof changePasswordRequest>;
export type DeleteAccountRequest = z.infer<typeof deleteAccountRequest>;
export type SettingsRequest = z.infer<typeof settingsRequest>;

/** Sets a new password; the server ends the user's other sessions (this one stays). */
export async function changePassword(input: ChangePasswordRequest): Promise<void> {
  await apiSend<null>('POST', '/auth/password', input);
}

/** Everything the server stores about the user (GET /account/export), as a JSON file to save. */
export async function exportAccount(): Promise<{ blob: Blob; filename: string }> {
  const { data } = await apiGet<unknown>('/account/export');
  const stamp = new Date().toISOString().slice(0, 10);
  return {
    blob: new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }),
    filename: `textai-account-${stamp}.json`,
  };
}

/** Deletes the account and everything in it; the session ends with it. */
export async function deleteAccount(input: DeleteAccountRequest): Promise<void> {
  await apiSend<null>('DELETE', '/account', input);
  // The session's CSRF token died with the session.
  setCsrfToken(undefined);
}

/** Saves the account settings (PATCH /account/settings); answers with the updated user. */
export async function updateSettings(input: SettingsRequest): Promise<User> {
  const { data } = await apiSend<User>('PATCH', '/account/settings', input);
  return data;
}
