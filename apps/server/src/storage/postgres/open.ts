import { createRequire } from 'node:module';
import { Kysely, PostgresDialect, sql } from 'kysely';
import type pg from 'pg';
import type { Database } from '../schema.ts';
import { ReplaceNulCharacters } from './nul-characters.ts';

const require = createRequire(import.meta.url);
let driver: typeof pg | undefined;

/** The pg driver, loaded by the first PostgreSQL connection: SQLite deployments never load it (~14 MB). */
function loadPg(): typeof pg {
  if (driver !== undefined) return driver;
  const loaded = require('pg') as typeof pg;
  // Times are BIGINT epoch milliseconds, well inside 2^53: read them as numbers, not strings.
  loaded.types.setTypeParser(loaded.types.builtins.INT8, (value) => Number.parseInt(value, 10));
  loaded.types.setTypeParser(loaded.types.builtins.NUMERIC, (value) => Number.parseFloat(value));
  driver = loaded;
  return loaded;
}

export interface PostgresHandle {
  db: Kysely<Database>;
  pool: pg.Pool;
  sizeBytes(): Promise<number | null>;
}

export function openPostgres(url: string, poolSize = 10): PostgresHandle {
  const pool = new (loadPg().Pool)({
    connectionString: url,
    max: poolSize,
    // A server that does not answer (a dropped network, not a refused port) fails the request
    // within this bound instead of leaving it waiting for a connection or a pool slot.
    connectionTimeoutMillis: 10_000,
  });
  // An idle client's network error must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  // Nor may a checked-out client's: when the server shuts down between two statements of a
  // transaction, the client emits 'error' with no query to fail, and an unheard 'error' event
  // ends the process. The next statement fails instead, and the pool discards the broken client.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    plugins: [new ReplaceNulCharacters()],
  });
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
