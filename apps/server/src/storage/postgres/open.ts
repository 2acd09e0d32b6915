import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from '../schema.ts';

// Times are BIGINT epoch milliseconds, well inside 2^53: read them as numbers, not strings.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number.parseFloat(value));

export interface PostgresHandle {
  db: Kysely<Database>;
  pool: pg.Pool;
  sizeBytes(): Promise<number | null>;
}

export function openPostgres(url: string, poolSize = 10): PostgresHandle {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client's network error must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    pool,
    async sizeBytes() {
      const result = await sql<{ size: number }>`select pg_database_size(current_database()) as size`.execute(
        db,
      );
      return result.rows[0]?.size ?? null;
    },
  };
}
