/** Shared helpers for the benchmarks: timing loops and a figures-beside-targets table. */
export interface Row {
  name: string;
  value: string;
  target?: string;
  ok?: boolean;
}

/**
 * Items per second of `fn` over `items`, repeated until at least `minMs` have passed (after one
 * warm-up pass so the JIT has compiled the hot path).
 */
export function rate<T>(items: readonly T[], fn: (item: T) => void, minMs = 1500): number {
  for (const item of items) fn(item);
  let done = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (const item of items) fn(item);
    done += items.length;
    elapsed = performance.now() - started;
  }
  return (done / elapsed) * 1000;
}

export function printTable(title: string, rows: Row[]): void {
  const width = Math.max(...rows.map((r) => r.name.length)) + 2;
  const valueWidth = Math.max(...rows.map((r) => r.value.length)) + 2;
  console.log(`\n${title}`);
  for (const r of rows) {
    const verdict = r.ok === undefined ? '' : r.ok ? '  ok' : '  BELOW TARGET';
    console.log(
      `  ${r.name.padEnd(width)}${r.value.padEnd(valueWidth)}${r.target ? `target ${r.target}` : ''}${verdict}`,
    );
  }
}
