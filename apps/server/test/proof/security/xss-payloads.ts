/**
 * Stored-XSS payloads: each would run if a page put it into the DOM as HTML. They set a global
 * flag instead of calling alert, so a test can read whether any ran (the CSP would also block
 * inline code — the probes check the text as well, so the CSP is not the only thing standing).
 */
export const XSS_PAYLOADS = [
  '<script>window.__xss="script"</script>',
  '<img src=x onerror="window.__xss=\'img\'">',
  '"><svg onload="window.__xss=\'svg\'">',
] as const;

/** Cells a spreadsheet would run as formulas (CSV injection). */
export const FORMULA_PAYLOADS = [
  '=HYPERLINK("http://evil.example","click")',
  "+cmd|' /C calc'!A0",
  '@SUM(1+1)',
] as const;

/** True when a CSV cell is one a spreadsheet would run as a formula (a plain number is not). */
export function isLiveFormula(cell: string): boolean {
  return /^[=+\-@\t\r]/.test(cell) && !/^[-+]?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(cell);
}

/** A file name carrying markup (no quotes: multipart encodes them in file names). */
export const XSS_FILE_NAME = '<img src=x onerror=window.__xss=1>.csv';
