/**
 * The result shape shared by `textai doctor` and `textai smoke`: a list of items, each passed,
 * worth a look (warn) or failed, with what was found and, when something is wrong, how to fix it.
 */
export type CheckStatus = 'pass' | 'warn' | 'fail';

export interface CheckOutcome {
  status: CheckStatus;
  /** What was found. Never holds a secret's value. */
  detail: string;
  /** What to do about a warn or fail. */
  fix?: string;
}

export interface ChecklistItem extends CheckOutcome {
  id: string;
  title: string;
}

export function tally(items: readonly ChecklistItem[]): Record<CheckStatus, number> {
  const counts: Record<CheckStatus, number> = { pass: 0, warn: 0, fail: 0 };
  for (const item of items) counts[item.status] += 1;
  return counts;
}

/** 1 when any item failed: scripts (deploys, rollbacks, CI) stop on it. Warnings do not fail. */
export function checklistExitStatus(items: readonly ChecklistItem[]): number {
  return items.some((item) => item.status === 'fail') ? 1 : 0;
}
