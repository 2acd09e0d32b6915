import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DatabaseTarget } from '../../src/config.ts';

/**
 * Where the storage suite runs: a real SQLite file always, and a real PostgreSQL database (created
 * fresh for the run, dropped after) when TEST_POSTGRES_URL's server answers. CI sets REQUIRE_POSTGRES=1
 * so that an unreachable server fails the run instead of skipping quietly.
 */

const ADMIN_URL = process.env['TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  target: DatabaseTarget;
  drop(): Promise<void>;
}

export function sqliteTestDatabase(): TestDatabase {
  const dir = mkdtempSync(path.join(tmpdir(), 'textai-db-'));
  return {
    target: { kind: 'sqlite', file: path.join(dir, 'textai.db') },
    drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
  };
}

let reachable: Promise<string | null> | undefined;

/** null when PostgreSQL answers, else the reason it does not. */
export function postgresUnavailableReason(): Promise<string | null> {
  reachable ??= (async () => {
    const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query('select 1');
      return null;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return reachable;
}

export async function postgresTestDatabase(): Promise<TestDatabase> {
  const name = `textai_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    target: { kind: 'postgres', url: url.toString() },
    async drop() {
      const client = new pg.Client({ connectionString: ADMIN_URL });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

export const requirePostgres = process.env['REQUIRE_POSTGRES'] === '1';

export interface TestDialect {
  name: 'sqlite' | 'postgres';
  make: () => Promise<TestDatabase>;
  skip: boolean;
}

/**
 * The databases a suite runs on: SQLite always, PostgreSQL when it answers — skipped with a printed
 * reason, or failing the suite under REQUIRE_POSTGRES=1.
 */
export async function testDialects(suite: string): Promise<TestDialect[]> {
  const reason = await postgresUnavailableReason();
  if (reason !== null) {
    if (requirePostgres)
      throw new Error(`PostgreSQL is required (REQUIRE_POSTGRES=1) but unreachable: ${reason}`);
    console.warn(`${suite}: skipping PostgreSQL: ${reason}`);
  }
  return [
    { name: 'sqlite', make: () => Promise.resolve(sqliteTestDatabase()), skip: false },
    { name: 'postgres', make: postgresTestDatabase, skip: reason !== null },
  ];
}
