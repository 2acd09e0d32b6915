/** Markdown building blocks for the generated reference. */

/** A table cell: pipes escaped, line breaks folded, never empty (an empty cell reads as a mistake). */
export function cell(text: string): string {
  const folded = text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
  return folded === '' ? '–' : folded;
}

export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export function code(text: string): string {
  return `\`${text}\``;
}
