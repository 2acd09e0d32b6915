import { readFileSync } from 'node:fs';

/** One row of a generic evaluation file (`textai eval TASK --file FILE.jsonl`). */
export interface GenericLabelledRow {
  line: number;
  text: string;
  title?: string;
  label: string;
}

/**
 * Reads `{text, label}` JSONL (fake-news rows may carry `title`). Lines that are not valid JSON
 * or lack a string text or label are reported with their line number, not silently skipped.
 */
export function readLabelledJsonl(
  path: string,
  allowed: readonly string[],
): { rows: GenericLabelledRow[]; errors: string[] } {
  const rows: GenericLabelledRow[] = [];
  const errors: string[] = [];
  readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .forEach((line, i) => {
      if (line.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        errors.push(`line ${i + 1}: not valid JSON`);
        return;
      }
      const row = value as Record<string, unknown>;
      const label = typeof row.label === 'string' ? row.label.toLowerCase() : undefined;
      if (typeof row.text !== 'string' || row.text.trim() === '')
        errors.push(`line ${i + 1}: missing "text"`);
      else if (!label || !allowed.includes(label))
        errors.push(`line ${i + 1}: "label" must be one of ${allowed.join(', ')}`);
      else
        rows.push({
          line: i + 1,
          text: row.text,
          label,
          ...(typeof row.title === 'string' ? { title: row.title } : {}),
        });
    });
  return { rows, errors };
}
