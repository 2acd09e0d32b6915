import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { connectionFor, runPostgresTool } from '../../src/services/backup/database/libpq.ts';
import { BackupError, createBackup } from '../../src/services/backup/index.ts';
import { tempDir } from './helpers.ts';

/** Port 1 on loopback: nothing listens there, so these run with or without PostgreSQL. */
const URL_WITH_PASSWORD = 'postgres://backup:s3cret%40pw@127.0.0.1:1/textai?sslmode=disable';

describe('PostgreSQL credentials in backups', () => {
  const root = tempDir('backup-pg-credentials');
  afterAll(() => root.remove());

  it('hands the password to pg_dump and pg_restore through the environment, not the command line', () => {
    const connection = connectionFor(URL_WITH_PASSWORD);
    expect(connection.dbname).toBe('postgres://backup@127.0.0.1:1/textai?sslmode=disable');
    expect(connection.env['PGPASSWORD']).toBe('s3cret@pw');
  });

  it('never puts the password in an error message', async () => {
    const dump = runPostgresTool('pg_dump', [`--file=${path.join(root.dir, 'x.dump')}`], URL_WITH_PASSWORD);
    const dumpError = await dump.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(dumpError).toBeInstanceOf(BackupError);
    expect(String((dumpError as Error).message)).toMatch(/^pg_dump (failed|not found)/);
    expect(String((dumpError as Error).message)).not.toMatch(/s3cret/);

    const config = loadConfig({ APP_ENV: 'test', DATA_DIR: root.dir, DATABASE_URL: URL_WITH_PASSWORD });
    const backupError = await createBackup(config).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(backupError).toMatchObject({
      code: 'io',
      message: expect.stringMatching(/cannot connect to the database "textai"/),
    });
    expect(String((backupError as Error).message)).not.toMatch(/s3cret/);
  });
});
