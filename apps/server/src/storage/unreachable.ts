/**
 * Whether an error means "the database server cannot be reached right now" — stopped, restarting,
 * shutting down, or cut off — as opposed to a bad query or a broken row. Such a failure is the
 * operator's (or time's) to fix and a retry later can succeed, so requests answer 503 and queued
 * writes are kept for a retry rather than given up.
 */

/** Node's socket errors on the way to the server. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * PostgreSQL SQLSTATEs: class 08 (connection exception); 57P01 admin_shutdown (a fast shutdown
 * ends the session), 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up or shutting down).
 */
function isUnreachableSqlState(code: string): boolean {
  return code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03';
}

/** node-postgres's own errors for a connection that died or never came (they carry no code). */
const PG_CONNECTION_MESSAGES = [
  'Connection terminated',
  'is not queryable',
  'timeout exceeded when trying to connect',
  'timeout expired',
];

export function isDatabaseUnreachable(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 4) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || isUnreachableSqlState(code))) return true;
  if (
    PG_CONNECTION_MESSAGES.some(
      (message) => error.message.startsWith(message) || error.message.endsWith(message),
    )
  )
    return true;
  // Connecting to a name with several addresses fails with one error per address.
  if (
    error instanceof AggregateError &&
    error.errors.some((inner) => isDatabaseUnreachable(inner, depth + 1))
  )
    return true;
  return isDatabaseUnreachable(error.cause, depth + 1);
}

/**
 * An unreachable database's error in one line, without its stack: "connect ECONNREFUSED
 * 127.0.0.1:5432", or "ECONNREFUSED: …" for errors whose message leaves the code out. Connecting
 * to a name with several addresses gives an AggregateError with an empty message: its parts speak.
 */
export function describeUnreachable(error: unknown, depth = 0): string {
  if (!(error instanceof Error) || depth > 4) return String(error);
  const code = (error as { code?: unknown }).code;
  let message = error.message;
  if (message === '' && error instanceof AggregateError) {
    message = error.errors.map((inner) => describeUnreachable(inner, depth + 1)).join('; ');
  }
  if (message === '' && error.cause !== undefined) message = describeUnreachable(error.cause, depth + 1);
  if (message === '') message = error.name;
  return typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message;
}
