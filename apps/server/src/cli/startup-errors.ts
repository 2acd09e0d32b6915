import { ConfigError, type Config } from '../config.ts';
import { CliError } from './errors.ts';
import { exitWhenDone } from './exit-when-done.ts';

/** PostgreSQL's SQLSTATE codes an operator meets at start, in words. */
const POSTGRES_STATES: Record<string, string> = {
  '28P01': 'the password was refused',
  '28000': 'the role may not connect',
  '3D000': 'the database does not exist',
  '57P03': 'the server is starting up or shutting down',
};

/**
 * The start-up failures an operator causes and fixes (a port in use, a database out of reach, a
 * file it may not open) become one line that names the problem and the setting to change, instead
 * of a stack trace. The database is named by host, port and name only: never with its password.
 * Anything else is returned unchanged, to be reported as the bug it is.
 */
export function explainStartupFailure(error: unknown, config: Config): unknown {
  if (error instanceof ConfigError) return new CliError(error.message);
  if (!(error instanceof Error)) return error;
  const { code } = error as NodeJS.ErrnoException;
  const listening = `${config.host}:${config.port}`;
  if (code === 'EADDRINUSE')
    return new CliError(
      `port ${config.port} is already in use on ${config.host} (another server?): stop it or set PORT`,
    );
  if (code === 'EACCES' && /listen/.test(error.message))
    return new CliError(`not allowed to listen on ${listening}: ports below 1024 need privileges; set PORT`);
  if (code === 'EADDRNOTAVAIL')
    return new CliError(`HOST ${config.host} is not an address of this machine: set HOST (0.0.0.0 for all)`);
  const database = databaseName(config);
  if (config.database.kind === 'postgres') {
    const state = code === undefined ? undefined : POSTGRES_STATES[code];
    if (state !== undefined)
      return new CliError(`cannot use the database ${database}: ${state} (check DATABASE_URL)`);
    if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT' || code === 'EHOSTUNREACH')
      return new CliError(
        `cannot reach the database ${database} (${code}): is PostgreSQL running? (check DATABASE_URL)`,
      );
  } else if (
    code === 'SQLITE_CANTOPEN' ||
    code === 'EACCES' ||
    code === 'EROFS' ||
    code === 'SQLITE_READONLY'
  ) {
    return new CliError(
      `cannot open the database ${database} (${code}): check that DATA_DIR exists and is writable`,
    );
  }
  return error;
}

/** Runs a long-lived process's start; on failure, explains it and lets open handles not hold the exit. */
export async function startOrExplain(config: Config, start: () => Promise<unknown>): Promise<void> {
  try {
    await start();
  } catch (error) {
    // A failed start can leave a pool or a socket open; the process must still end with its status.
    exitWhenDone();
    throw explainStartupFailure(error, config);
  }
}

function databaseName(config: Config): string {
  if (config.database.kind === 'sqlite') return config.database.file;
  try {
    const url = new URL(config.database.url);
    return `${url.hostname}:${url.port || '5432'}${url.pathname}`;
  } catch {
    return '(unreadable DATABASE_URL)';
  }
}
