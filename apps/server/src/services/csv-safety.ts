/**
 * A cell a spreadsheet would run as a formula is prefixed with ' (CSV injection): exports and job
 * results carry text users typed or uploaded, and are opened in spreadsheets.
 */
export function safeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
