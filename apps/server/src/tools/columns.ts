/**
 * A tool's CSV columns, listed per top-level result field. Typing the argument by the result's
 * keys makes the compiler flag a field that core adds (or drops) until its columns are listed
 * here; the tools test checks the nested names against a real result.
 */
export function columnsFor<R extends object>(columns: Record<keyof R, readonly string[]>): string[] {
  return Object.values<readonly string[]>(columns).flat();
}
