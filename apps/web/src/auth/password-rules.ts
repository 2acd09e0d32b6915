/**
 * The password rules the form can check as you type. They mirror the server's policy
 * (apps/server/src/services/accounts/password-policy.ts; PASSWORD_MIN_LENGTH in the contracts,
 * not imported here so that zod stays out of the bundle). The server also refuses common
 * passwords; its message is shown when it does.
 */
export const PASSWORD_MIN_LENGTH = 12;

export interface PasswordCheck {
  label: string;
  ok: boolean;
}

export function passwordChecks(password: string, username: string): PasswordCheck[] {
  const name = username.trim().toLowerCase();
  return [
    // Code points, as the server counts them (an emoji is one character, not two).
    { label: `At least ${PASSWORD_MIN_LENGTH} characters`, ok: [...password].length >= PASSWORD_MIN_LENGTH },
    {
      label: 'Does not contain your username',
      ok: password.length > 0 && (name === '' || !password.toLowerCase().includes(name)),
    },
  ];
}

/**
 * The show/hide button of password fields. Mantine names it "Toggle password visibility", which
 * would also answer to a search for the label "Password"; this name keeps the field's label unique.
 */
export const PASSWORD_TOGGLE_PROPS = { 'aria-label': 'Show characters' } as const;
