import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../src/config.ts';
import { openStorage } from '../../src/storage/index.ts';
import type { TestDatabase } from '../helpers/databases.ts';
import { startTextai } from '../helpers/processes.ts';

/** A BACKUP_KEY as an operator would generate it (openssl rand -hex 32), made up for the tests. */
export const BACKUP_KEY = '3f9c1be07a5d42e8b6c0d19f7e2a4c5b8d1e6f0a9b3c7d2e4f5a6b7c8d9e0f1a';

/** Permission bits of a file or folder. */
export function modeOf(file: string): number {
  return statSync(file).mode & 0o777;
}

/** A temporary folder removed by the returned function. */
export function tempDir(label: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), `textai-${label}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A SQLite deployment laid out as in production: the database at DATA_DIR/textai.db (so its -wal
 * and -shm sit in the data folder the backup walks), backups at the default DATA_DIR/backups.
 */
export function sqliteInDataDir(dataDir: string): TestDatabase {
  return {
    target: { kind: 'sqlite', file: path.join(dataDir, 'textai.db') },
    drop: () => Promise.resolve(rmSync(dataDir, { recursive: true, force: true })),
  };
}

/** The environment `textai` needs to reach a test deployment. */
export function deploymentEnv(dataDir: string, database: TestDatabase, extra: Record<string, string> = {}) {
  const url = database.target.kind === 'sqlite' ? `sqlite:${database.target.file}` : database.target.url;
  return { APP_ENV: 'test', DATA_DIR: dataDir, DATABASE_URL: url, ...extra };
}

/** A migrated, empty SQLite deployment in `dataDir` and its configuration. */
export async function migratedDeployment(dataDir: string, env: Record<string, string> = {}): Promise<Config> {
  const config = loadConfig({ ...deploymentEnv(dataDir, sqliteInDataDir(dataDir)), ...env });
  const storage = openStorage(config.database);
  await storage.migrate();
  await storage.close();
  return config;
}

/** Runs `textai ARGS` to its end; `lines` are stdout and stderr lines in arrival order. */
export async function runTextai(args: string[], env: Record<string, string>) {
  const run = startTextai(args, env);
  const { code } = await run.exited;
  // Output may still be in flight when 'exit' fires; 'close' comes after the pipes drain.
  if (run.child.stdout.readable || run.child.stderr.readable)
    await new Promise((resolve) => run.child.once('close', resolve));
  return { code, lines: run.lines, output: run.lines.join('\n') };
}
