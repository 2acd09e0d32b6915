import type { ChecklistItem, CheckOutcome } from '../checklist.ts';
import type { BaseContext } from './context.ts';
import type { DoctorCheck } from './types.ts';

export const DEFAULT_CHECK_TIMEOUT_MS = 20_000;

class CheckTimeout extends Error {}

/** One check, bounded in time: a hung network call or child process costs its own check only. */
async function runOne(
  check: DoctorCheck,
  base: BaseContext,
  defaultTimeoutMs: number,
): Promise<CheckOutcome> {
  const timeoutMs = check.timeoutMs ?? defaultTimeoutMs;
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new CheckTimeout());
    }, timeoutMs);
  });
  try {
    return await Promise.race([Promise.resolve(check.run({ ...base, signal: controller.signal })), deadline]);
  } catch (error) {
    if (error instanceof CheckTimeout) {
      return {
        status: 'fail',
        detail: `did not finish within ${Math.round(timeoutMs / 1000)} s`,
        fix: 'find what it waits on (network, disk, database) and run textai doctor again',
      };
    }
    // A check that throws is a bug or an environment it did not expect: report it, never crash.
    return {
      status: 'fail',
      detail: `the check itself failed: ${error instanceof Error ? error.message : String(error)}`,
    };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs the checks one after another: they share two cores with a live server at times, and the
 * model timings mean little when an `npm audit` runs beside them. Results keep the checks' order.
 */
export async function runChecks(
  checks: readonly DoctorCheck[],
  base: BaseContext,
  options: { defaultTimeoutMs?: number; onResult?: (item: ChecklistItem) => void } = {},
): Promise<ChecklistItem[]> {
  const items: ChecklistItem[] = [];
  for (const check of checks) {
    const result = await runOne(check, base, options.defaultTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS);
    const item: ChecklistItem = { id: check.id, title: check.title, ...result };
    items.push(item);
    options.onResult?.(item);
  }
  return items;
}
