import { spawn } from 'node:child_process';
import { BackupError } from '../errors.ts';

/**
 * Runs pg_dump / pg_restore against a DATABASE_URL without putting its password where others can
 * read it: the URL on the command line (visible in `ps`) has the password removed, and the
 * password goes to the child through PGPASSWORD. Nothing here logs the URL.
 */
export function connectionFor(url: string): { dbname: string; env: NodeJS.ProcessEnv; password: string } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return {
    dbname: parsed.toString(),
    password,
    env: { ...process.env, PGCONNECT_TIMEOUT: '10', ...(password === '' ? {} : { PGPASSWORD: password }) },
  };
}

/** The database name in a URL, for messages (never the URL itself). */
export function databaseName(url: string): string {
  const parsed = new URL(url);
  return `"${decodeURIComponent(parsed.pathname.replace(/^\//, ''))}" on ${parsed.hostname}`;
}

/** Runs a PostgreSQL client program; rejects with its error output (password redacted). */
export function runPostgresTool(
  program: 'pg_dump' | 'pg_restore',
  args: string[],
  url: string,
): Promise<void> {
  const connection = connectionFor(url);
  return new Promise((resolve, reject) => {
    const child = spawn(program, [...args, `--dbname=${connection.dbname}`], {
      env: connection.env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let errors = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      if (errors.length < 4000) errors += chunk;
    });
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        new BackupError(
          'io',
          error.code === 'ENOENT'
            ? `${program} not found: install the PostgreSQL client tools (same major version as the server)`
            : `${program} failed to start: ${error.message}`,
        ),
      ),
    );
    child.on('close', (code) => {
      if (code === 0) return resolve();
      const detail = redact(errors.trim(), connection.password) || `exit status ${code}`;
      reject(new BackupError('io', `${program} failed: ${detail}`));
    });
  });
}

function redact(text: string, secret: string): string {
  return secret === '' ? text : text.replaceAll(secret, '***');
}
