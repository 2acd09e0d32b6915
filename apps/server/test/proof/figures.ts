import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

/**
 * One measured figure of the proof suite: what was measured, its value, and the promise it is
 * held to (when there is one). Tests print their figures and, when `npm run proof` runs them
 * (PROOF_FIGURES_DIR set), also append them to a JSON Lines file per section for reports/proof.md.
 */
export interface ProofFigure {
  name: string;
  value: string | number;
  /** The promise, e.g. "0 errors" or "≥ 10000 cases"; empty when the figure is informative. */
  target?: string;
  /** Whether the promise held; undefined when there is no promise. */
  ok?: boolean;
}

/** How many cases a property test runs: its CI share, multiplied by PROOF_SCALE on demand. */
export function proofScale(): number {
  const scale = Number(process.env['PROOF_SCALE'] ?? 1);
  return Number.isFinite(scale) && scale > 0 ? scale : 1;
}

export function recordFigures(section: string, figures: readonly ProofFigure[]): void {
  for (const figure of figures) {
    const target =
      figure.target === undefined ? '' : ` (target ${figure.target}${figure.ok === false ? ': MISSED' : ''})`;
    console.log(`[proof] ${section} · ${figure.name}: ${figure.value}${target}`);
  }
  const dir = process.env['PROOF_FIGURES_DIR'];
  if (dir === undefined || dir === '') return;
  mkdirSync(dir, { recursive: true });
  const lines = figures.map((figure) => JSON.stringify({ section, ...figure })).join('\n');
  appendFileSync(path.join(dir, `${section.replace(/[^a-z0-9-]+/gi, '-')}.jsonl`), `${lines}\n`);
}
