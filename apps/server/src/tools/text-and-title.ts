import type { ColumnSpec, RowFields } from './rows.ts';
import { optionalText, requiredText } from './fields.ts';
import type { ToolSettings } from './types.ts';

/**
 * Input of the tools that read a text with an optional title (fake-news, summarize): the text
 * column, and a title column — an explicit --title-column must exist, while the default `title`
 * is used only when present.
 */
export function textAndTitleColumns(settings: ToolSettings): ColumnSpec[] {
  return [
    { field: 'text', column: settings.column, required: true },
    settings.titleColumn === undefined
      ? { field: 'title', column: 'title', required: false }
      : { field: 'title', column: settings.titleColumn, required: true },
  ];
}

/** A single text from the command line, with the --title option if given. */
export function textAndTitleFromText(text: string, settings: ToolSettings): RowFields {
  return settings.title === undefined ? { text } : { text, title: settings.title };
}

/** The text (required) and title (optional) of a row, each within the size limit. */
export function readTextAndTitle(fields: RowFields, maxChars: number): { text: string; title?: string } {
  const text = requiredText(fields, 'text', maxChars);
  const title = optionalText(fields, 'title', maxChars);
  return title === undefined ? { text } : { text, title };
}
