import { tally, type ChecklistItem, type CheckStatus } from '../services/checklist.ts';

const MARKS: Record<CheckStatus, string> = { pass: '✓', warn: '!', fail: '✗' };
/** ANSI colours: green, yellow, red. */
const COLOURS: Record<CheckStatus, string> = { pass: '32', warn: '33', fail: '31' };

function paint(text: string, status: CheckStatus, colour: boolean): string {
  return colour ? `\u001b[${COLOURS[status]}m${text}\u001b[0m` : text;
}

/**
 * A checklist for people: one line per item with its mark, what was found, and the fix under it.
 * Colour only when `colour` is set (the caller passes stdout.isTTY), so logs and pipes stay plain.
 */
export function formatChecklist(heading: string, items: readonly ChecklistItem[], colour: boolean): string {
  const lines = [heading, ''];
  for (const item of items) {
    lines.push(`${paint(MARKS[item.status], item.status, colour)} ${item.title}: ${item.detail}`);
    if (item.fix !== undefined && item.status !== 'pass') lines.push(`    fix: ${item.fix}`);
  }
  const counts = tally(items);
  lines.push('', `${counts.pass} passed, ${counts.warn} warnings, ${counts.fail} failed`);
  return `${lines.join('\n')}\n`;
}

/** The same list for machines: `{ok, summary, items}` on one JSON document. */
export function formatChecklistJson(
  items: readonly ChecklistItem[],
  extra: Record<string, unknown> = {},
): string {
  const counts = tally(items);
  return `${JSON.stringify({ ok: counts.fail === 0, ...extra, summary: counts, items }, null, 2)}\n`;
}
