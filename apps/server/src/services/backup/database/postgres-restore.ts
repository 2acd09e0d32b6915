import { BackupError } from '../errors.ts';
import { databaseName, runPostgresTool } from './libpq.ts';
import { withPostgresClient } from './postgres-client.ts';
import { countRows } from './postgres-snapshot.ts';
import type { DatabaseSnapshot } from './snapshot.ts';

/** Refuses a target database that already holds tables: a restore never merges into live data. */
export async function assertEmptyPostgres(url: string): Promise<void> {
  const tables = await withPostgresClient(url, async (client) => {
    const result = await client.query<{ n: string }>(
      "select count(*)::text as n from pg_tables where schemaname not in ('pg_catalog', 'information_schema')",
    );
    return Number(result.rows[0]?.n ?? 0);
  });
  if (tables > 0)
    throw new BackupError(
      'target-not-empty',
      `the database ${databaseName(url)} already has ${tables} table(s); restore needs an empty database (create one with createdb)`,
    );
}

/** pg_restore in one transaction: a failure part-way leaves the target database as empty as it was. */
export function restorePostgres(url: string, dump: string): Promise<void> {
  return runPostgresTool(
    'pg_restore',
    ['--single-transaction', '--exit-on-error', '--no-owner', '--no-privileges', dump],
    url,
  );
}

export function inspectPostgres(url: string): Promise<DatabaseSnapshot> {
  return withPostgresClient(url, countRows);
}
