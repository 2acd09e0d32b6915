import { RowInputError } from './rows.ts';
import type { RowFields } from './rows.ts';

/**
 * Row-field checks shared by the adapters. They run before the model so that a bad row gets a
 * message naming the field, and so that an over-long text is refused before any work is done on it.
 */

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function checkLength(name: string, value: string, maxChars: number): void {
  if (value.length > maxChars) {
    throw new RowInputError(
      'PAYLOAD_TOO_LARGE',
      `"${name}" has ${value.length} characters; the limit is ${maxChars}`,
    );
  }
}

/** A field that must be a non-blank string within the length limit. */
export function requiredText(fields: RowFields, name: string, maxChars: number): string {
  const value = fields[name];
  if (value === undefined || value === null) {
    throw new RowInputError('VALIDATION_ERROR', `missing "${name}" field`);
  }
  if (typeof value !== 'string') {
    throw new RowInputError('VALIDATION_ERROR', `"${name}" must be a string, not ${describe(value)}`);
  }
  if (value.trim() === '') {
    throw new RowInputError('EMPTY_TEXT', `"${name}" is empty`);
  }
  checkLength(name, value, maxChars);
  return value;
}

/** A field that may be absent (or null, or an empty CSV cell); when present, a string within the limit. */
export function optionalText(fields: RowFields, name: string, maxChars: number): string | undefined {
  const value = fields[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') {
    throw new RowInputError('VALIDATION_ERROR', `"${name}" must be a string, not ${describe(value)}`);
  }
  checkLength(name, value, maxChars);
  return value;
}
