import { randomBytes } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.ts';
import {
  BackupError,
  createBackup,
  restoreBackup,
  verifyBackup,
  type BackupResult,
} from '../../src/services/backup/index.ts';
import { BACKUP_KEY, migratedDeployment, modeOf, runTextai, tempDir } from './helpers.ts';

const HEADER = 78;
const RECORD = 4 + 64 * 1024 + 16;

/** Resolves with the BackupError `work` fails with (and fails the test if it succeeds). */
async function refusal(work: Promise<unknown>): Promise<BackupError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BackupError);
  return error as BackupError;
}

describe('backups refuse what they cannot trust', { timeout: 120_000 }, () => {
  const root = tempDir('backup-tamper');
  let config: Config;
  let encrypted: BackupResult;
  let plain: BackupResult;
  const scratch = (name: string) => path.join(root.dir, 'scratch', name);

  beforeAll(async () => {
    const dataDir = path.join(root.dir, 'data');
    mkdirSync(path.join(dataDir, 'uploads'), { recursive: true });
    // Incompressible, so the payload spans several 64 KiB segments.
    writeFileSync(path.join(dataDir, 'uploads', 'noise.bin'), randomBytes(300_000));
    config = await migratedDeployment(dataDir, { BACKUP_KEY, BACKUP_DIR: path.join(root.dir, 'backups') });
    encrypted = await createBackup(config);
    plain = await createBackup({ ...config, backup: { ...config.backup, key: undefined } });
    mkdirSync(path.join(root.dir, 'scratch'));
  });
  afterAll(() => root.remove());

  it('writes owner-only files in an owner-only folder, encrypted unless no key is set', async () => {
    expect(encrypted.encrypted).toBe(true);
    expect(plain.encrypted).toBe(false);
    expect(encrypted.bytes).toBeGreaterThan(HEADER + 4 * RECORD);
    for (const backup of [encrypted, plain]) expect(modeOf(backup.file)).toBe(0o600);
    expect(modeOf(config.backup.dir)).toBe(0o700);
    // No staging or half-written files stay behind.
    expect(readdirSync(config.backup.dir).sort()).toEqual(
      [path.basename(encrypted.file), path.basename(plain.file)].sort(),
    );
    // The data is not readable in the encrypted file (a known upload byte run does not appear).
    const noise = readFileSync(path.join(config.dataDir, 'uploads', 'noise.bin')).subarray(1000, 1032);
    expect(readFileSync(encrypted.file).includes(noise)).toBe(false);
    expect((await verifyBackup(plain.file, undefined)).encrypted).toBe(false);
  });

  it('refuses a wrong key or a missing key, and writes nothing', async () => {
    const target = scratch('wrong-key');
    const wrong = await refusal(
      restoreBackup(encrypted.file, 'another key of quite some length 0123456789', { dataDir: target }),
    );
    expect(wrong.code).toBe('wrong-key');
    expect(wrong.message).toMatch(/wrong BACKUP_KEY/);
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(path.dirname(target))).toEqual([]);
    const missing = await refusal(verifyBackup(encrypted.file, undefined));
    expect(missing.code).toBe('key-required');
  });

  it('refuses a file truncated anywhere, including exactly at a segment boundary', async () => {
    const size = encrypted.bytes;
    const cuts = [
      0,
      5,
      HEADER - 1,
      HEADER,
      HEADER + 3,
      HEADER + 100,
      HEADER + RECORD,
      HEADER + 2 * RECORD,
      size - 17,
      size - 1,
    ];
    for (const [index, cut] of cuts.entries()) {
      const copy = scratch(`cut-${index}.tbk`);
      copyFileSync(encrypted.file, copy);
      truncateSync(copy, cut);
      const error = await refusal(restoreBackup(copy, BACKUP_KEY, { dataDir: scratch(`cut-${index}`) }));
      expect(error.code, `cut at ${cut}`).toBe(cut === 0 ? 'not-a-backup' : 'truncated');
      expect(existsSync(scratch(`cut-${index}`))).toBe(false);
    }
    const atBoundary = await refusal(verifyBackup(scratch('cut-6.tbk'), BACKUP_KEY));
    expect(atBoundary.message).toMatch(/truncated: it ends at a segment boundary, before its last segment/);
  });

  it('refuses a flipped byte in the payload or the header, encrypted or not', async () => {
    const cases = [
      { file: encrypted.file, at: HEADER + RECORD + 1000, code: 'corrupted' },
      { file: encrypted.file, at: 40, code: 'wrong-key' },
      { file: plain.file, at: HEADER + 2 * RECORD + 10, code: 'corrupted' },
      { file: plain.file, at: 20, code: 'corrupted' },
    ] as const;
    for (const [index, { file, at, code }] of cases.entries()) {
      const bytes = readFileSync(file);
      bytes[at] = (bytes[at] ?? 0) ^ 0x01;
      const copy = scratch(`flipped-${index}.tbk`);
      writeFileSync(copy, bytes);
      const error = await refusal(restoreBackup(copy, BACKUP_KEY, { dataDir: scratch(`flipped-${index}`) }));
      expect(error.code, `byte ${at} of ${path.basename(file)}`).toBe(code);
      expect(existsSync(scratch(`flipped-${index}`))).toBe(false);
    }
  });

  it('refuses a file that is not a backup', async () => {
    const other = scratch('photo.jpg');
    writeFileSync(other, randomBytes(5000));
    expect((await refusal(verifyBackup(other, BACKUP_KEY))).code).toBe('not-a-backup');
    expect((await refusal(verifyBackup(scratch('missing.tbk'), BACKUP_KEY))).message).toMatch(/no such file/);
  });

  it('restores only into a new or empty folder, naming the one it refuses', async () => {
    const occupied = scratch('occupied');
    mkdirSync(occupied);
    writeFileSync(path.join(occupied, 'keep.txt'), 'someone else’s data');
    const error = await refusal(restoreBackup(encrypted.file, BACKUP_KEY, { dataDir: occupied }));
    expect(error.code).toBe('target-not-empty');
    expect(error.message).toContain(occupied);
    expect(readdirSync(occupied)).toEqual(['keep.txt']);

    const empty = scratch('empty');
    mkdirSync(empty);
    const manifest = await restoreBackup(encrypted.file, BACKUP_KEY, { dataDir: empty });
    expect(manifest.entries.map((e) => e.name)).toEqual(['database/textai.db', 'data/uploads/noise.bin']);
    expect(readFileSync(path.join(empty, 'uploads', 'noise.bin'))).toEqual(
      readFileSync(path.join(config.dataDir, 'uploads', 'noise.bin')),
    );
    // No staging folder is left beside the target.
    expect(readdirSync(path.dirname(empty)).filter((n) => n.includes('restoring'))).toEqual([]);
  });

  it('refuses to write a backup without a safe key in production', async () => {
    const production: Config = {
      ...config,
      appEnv: 'production',
      backup: { ...config.backup, dir: scratch('prod') },
    };
    const noKey = await refusal(
      createBackup({ ...production, backup: { ...production.backup, key: undefined } }),
    );
    expect(noKey.code).toBe('key-required');
    expect(noKey.message).toMatch(/never written unencrypted in production.*at least 32/);
    const short = await refusal(
      createBackup({ ...production, backup: { ...production.backup, key: 'short-key' } }),
    );
    expect(short.code).toBe('key-unsafe');
    expect(existsSync(scratch('prod'))).toBe(false);
    expect((await createBackup(production)).encrypted).toBe(true);
  });

  it('turns a file-system failure into a clear error', async () => {
    const blocked = {
      ...config,
      backup: { ...config.backup, dir: path.join(encrypted.file, 'inside-a-file') },
    };
    const error = await refusal(createBackup(blocked));
    expect(error.code).toBe('io');
    expect(error.message).toMatch(/^the backup failed: ENOTDIR/);
  });

  it('reports refusals on the command line as `textai: <message>` with status 1', async () => {
    const env = {
      APP_ENV: 'test',
      DATA_DIR: config.dataDir,
      BACKUP_KEY: 'not the key it was made with, at all',
    };
    const wrong = await runTextai(['backup', '--verify', encrypted.file], env);
    expect(wrong.code).toBe(1);
    expect(wrong.output).toMatch(/^textai: wrong BACKUP_KEY for this backup/m);
    const restore = await runTextai(['restore', encrypted.file, '--data-dir', scratch('cli')], env);
    expect(restore.code).toBe(1);
    expect(existsSync(scratch('cli'))).toBe(false);
    const production = await runTextai(['backup'], {
      ...env,
      APP_ENV: 'production',
      BACKUP_KEY: '',
      SECRET_KEY: '8c1f0e2d4b6a79358c1f0e2d4b6a79358c1f0e2d',
    });
    expect(production.code).toBe(1);
    expect(production.output).toMatch(/^textai: BACKUP_KEY is not set/m);
  });
});
