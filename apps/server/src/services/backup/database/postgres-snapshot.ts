import type pg from 'pg';
import { openPostgres } from '../../../storage/postgres/open.ts';
import { BackupError } from '../errors.ts';
import { databaseName, runPostgresTool } from './libpq.ts';
import type { DatabaseSnapshot } from './snapshot.ts';

/**
 * Dumps the PostgreSQL database at `url` into `destination` (pg_dump custom format). The row
 * counts and schema version are read inside a REPEATABLE READ transaction whose snapshot pg_dump
 * then uses (--snapshot), so they describe exactly the dumped data while servers keep writing.
 */
export async function snapshotPostgres(url: string, destination: string): Promise<DatabaseSnapshot> {
  const handle = openPostgres(url, 1);
  let client: pg.PoolClient | undefined;
  try {
    client = await handle.pool.connect().catch((error: Error) => {
      throw new BackupError('io', `cannot connect to the database ${databaseName(url)}: ${error.message}`);
    });
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const snapshotId = (await client.query<{ id: string }>('select pg_export_snapshot() as id')).rows[0]?.id;
    const counts = await countRows(client);
    await runPostgresTool(
      'pg_dump',
      [
        '--format=custom',
        '--no-owner',
        '--no-privileges',
        `--snapshot=${snapshotId ?? ''}`,
        `--file=${destination}`,
      ],
      url,
    );
    await client.query('COMMIT');
    return counts;
  } finally {
    client?.release();
    await handle.db.destroy();
  }
}

/** Rows per table of the current schema, and the applied migration (null when never migrated). */
export async function countRows(client: pg.ClientBase): Promise<DatabaseSnapshot> {
  const tables = (
    await client.query<{ name: string }>(
      'select tablename as name from pg_tables where schemaname = current_schema() order by tablename',
    )
  ).rows.map((r) => r.name);
  const rowCounts: Record<string, number> = {};
  for (const table of tables) {
    const quoted = `"${table.replaceAll('"', '""')}"`;
    const result = await client.query<{ n: string }>(`select count(*)::text as n from ${quoted}`);
    rowCounts[table] = Number(result.rows[0]?.n ?? 0);
  }
  const schemaVersion = tables.includes('schema_migrations')
    ? Number(
        (await client.query<{ v: number | null }>('select max(version) as v from schema_migrations')).rows[0]
          ?.v ?? 0,
      )
    : null;
  return { schemaVersion, rowCounts };
}
