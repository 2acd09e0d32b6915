/**
 * What went wrong with a request, for a person: fetch says only "fetch failed", and the cause
 * holds the useful part (ECONNREFUSED, ENOTFOUND, a certificate error).
 */
export function networkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause;
  if (cause instanceof Error) {
    const code = 'code' in cause && typeof cause.code === 'string' ? `${cause.code}: ` : '';
    return `${code}${cause.message}`;
  }
  return error.message;
}
