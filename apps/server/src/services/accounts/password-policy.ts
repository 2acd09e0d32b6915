import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@textai/contracts';
import { COMMON_PASSWORD_STEMS, KEYBOARD_RUNS } from './common-passwords.ts';

/**
 * Why a password is refused, or an empty list. The rules follow NIST SP 800-63B: a minimum
 * length, a block list, no composition rules. Every problem is reported so the form can show all.
 */
export function passwordProblems(password: string, username: string): string[] {
  const problems: string[] = [];
  if ([...password].length < PASSWORD_MIN_LENGTH) {
    problems.push(`use at least ${PASSWORD_MIN_LENGTH} characters`);
  }
  if (password.length > PASSWORD_MAX_LENGTH) problems.push(`use at most ${PASSWORD_MAX_LENGTH} characters`);
  if (isCommon(password)) problems.push('this password is too common');
  if (username.length > 0 && password.toLowerCase().includes(username.toLowerCase())) {
    problems.push('the password must not contain the username');
  }
  return problems;
}

function isCommon(password: string): boolean {
  const lower = password.toLowerCase();
  if (new Set(lower).size <= 3) return true;
  const stem = lower.replace(/^[\d\W_]+|[\d\W_]+$/g, '');
  if (stem === '' || COMMON_PASSWORD_STEMS.has(stem) || COMMON_PASSWORD_STEMS.has(lower)) return true;
  if (isRepetition(stem) && COMMON_PASSWORD_STEMS.has(stem.slice(0, repetitionUnit(stem)))) return true;
  return KEYBOARD_RUNS.some((run) => run.includes(lower) || run.includes(stem));
}

function repetitionUnit(value: string): number {
  for (let size = 1; size <= value.length / 2; size++) {
    if (value.length % size === 0 && value.slice(0, size).repeat(value.length / size) === value) return size;
  }
  return value.length;
}

function isRepetition(value: string): boolean {
  return repetitionUnit(value) < value.length;
}
