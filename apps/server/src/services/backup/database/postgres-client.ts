import type pg from 'pg';
import { openPostgres } from '../../../storage/postgres/open.ts';
import { BackupError } from '../errors.ts';
import { databaseName } from './libpq.ts';

/** One dedicated connection to `url` for `work`, closed after; a failed connection is a BackupError. */
export async function withPostgresClient<T>(
  url: string,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const handle = openPostgres(url, 1);
  try {
    const client = await handle.pool.connect().catch((error: Error) => {
      throw new BackupError('io', `cannot connect to the database ${databaseName(url)}: ${error.message}`);
    });
    try {
      return await work(client);
    } finally {
      client.release();
    }
  } finally {
    await handle.db.destroy();
  }
}
