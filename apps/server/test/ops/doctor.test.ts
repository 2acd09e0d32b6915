import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChecklistItem, CheckStatus } from '../../src/services/checklist.ts';
import { buildDoctorContext } from '../../src/services/doctor/context.ts';
import { runChecks } from '../../src/services/doctor/runner.ts';
import { makeTempDir, runCli } from '../cli/helpers.ts';

interface DoctorJson {
  ok: boolean;
  production: boolean;
  summary: Record<CheckStatus, number>;
  items: ChecklistItem[];
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function deploymentFolder(): Promise<string> {
  const { dir, cleanup } = await makeTempDir();
  cleanups.push(cleanup);
  return dir;
}

/**
 * `textai doctor` as an operator runs it: from the deployment folder, with only its .env. npm's
 * registry points at a closed port, so `npm audit` fails fast and the "registry unreachable"
 * warning is what the test sees, whatever network the machine has.
 */
async function doctor(
  dir: string,
  args: string[] = [],
): Promise<{ code: number | null; report: DoctorJson; raw: string }> {
  const run = await runCli(['doctor', '--json', ...args], '', {
    cwd: dir,
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? '',
      TZ: 'UTC',
      npm_config_registry: 'http://127.0.0.1:9/',
    },
  });
  expect(run.stderr).toBe('');
  return { code: run.code, report: JSON.parse(run.stdout) as DoctorJson, raw: run.stdout };
}

function statuses(report: DoctorJson): Record<string, CheckStatus> {
  return Object.fromEntries(report.items.map((item) => [item.id, item.status]));
}

function writeEnv(dir: string, settings: Record<string, string>, mode: number): void {
  const file = join(dir, '.env');
  writeFileSync(
    file,
    Object.entries(settings)
      .map(([k, v]) => `${k}=${v}\n`)
      .join(''),
  );
  chmodSync(file, mode);
}

const gitInstalled = spawnSync('git', ['--version']).status === 0;

describe('textai doctor', { timeout: 120_000 }, () => {
  it('passes a good development deployment, with only the warnings such a deployment has', async () => {
    const dir = await deploymentFolder();
    writeEnv(
      dir,
      {
        APP_ENV: 'development',
        SECRET_KEY: randomBytes(32).toString('hex'),
        ADMIN_PASSWORD: 'a quiet harbour at dawn',
        BACKUP_KEY: randomBytes(32).toString('hex'),
        BCRYPT_COST: '12',
      },
      0o600,
    );
    writeFileSync(join(dir, '.gitignore'), 'node_modules/\n.env\n');
    mkdirSync(join(dir, 'data', 'backups'), { recursive: true, mode: 0o700 });
    chmodSync(join(dir, 'data'), 0o700);
    for (const command of ['migrate', 'backup']) {
      const run = await runCli([command], '', { cwd: dir, env: { PATH: process.env['PATH'] ?? '' } });
      expect(run.code, run.stderr).toBe(0);
    }

    const { code, report } = await doctor(dir);
    const status = statuses(report);
    expect(code).toBe(0);
    expect(report.ok).toBe(true);
    expect(report.production).toBe(false);
    expect(report.summary.fail).toBe(0);
    for (const id of [
      'env-file',
      'config',
      'required-settings',
      'example-values',
      'secret-key',
      'admin-password',
      'app-env',
      'debug',
      'auth-settings',
      'env-permissions',
      'env-gitignored',
      'git-history',
      'data-folder',
      'database',
      'model-folder',
      'log-folder',
      'backup-encryption',
      'backup-recent',
      'backup-restorable',
      'https',
      'http-redirect',
      'node-version',
      'log-rotation',
      'log-secrets',
      'alerts',
    ]) {
      expect(status[id], id).toBe('pass');
    }
    expect(report.items.find((i) => i.id === 'backup-restorable')?.detail).toMatch(
      /encrypted, sqlite at migration/,
    );
    // Known warnings of this setup: backups on the data's disk, no registry for npm audit.
    expect(status['backup-folder']).toBe('warn');
    expect(status['npm-audit']).toBe('warn');
    expect(report.items.find((i) => i.id === 'npm-audit')?.detail).toMatch(/could not be reached/);
    // Model timings depend on the machine; in development a slow one is a warning, never a fail.
    for (const tool of ['sentiment', 'summarize', 'fake-news', 'job-match']) {
      expect(['pass', 'warn'], tool).toContain(status[`model-${tool}`]);
    }
  });

  it('fails a bad configuration under --production, item by item, without printing its secrets', async () => {
    const dir = await deploymentFolder();
    const secretKey = 'too-short-secret';
    const adminPassword = 'Password1';
    writeEnv(
      dir,
      {
        APP_ENV: 'development',
        DEBUG: 'true',
        SECRET_KEY: secretKey,
        ADMIN_PASSWORD: adminPassword,
        DATA_DIR: './data',
        PUBLIC_URL: 'http://127.0.0.1:9',
        BACKUP_DIR: './backups',
      },
      0o644,
    );
    // The data "folder" is a file: the server could not create its database there.
    writeFileSync(join(dir, 'data'), 'not a folder');
    // A backup by its name, and damaged: what a full disk or a bad copy leaves behind.
    mkdirSync(join(dir, 'backups'), { mode: 0o700 });
    const stamp = new Date().toISOString().replaceAll(':', '-');
    writeFileSync(join(dir, 'backups', `textai-backup-${stamp}.tbk`), 'TEXTAI? no, just some bytes');
    writeFileSync(join(dir, '.gitignore'), 'node_modules/\n');
    if (gitInstalled) {
      const git = (...args: string[]) =>
        execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args], { cwd: dir });
      git('init', '--quiet');
      git('add', '.env', '.gitignore');
      git('commit', '--quiet', '-m', 'settings');
    }

    const { code, report, raw } = await doctor(dir, ['--production']);
    const status = statuses(report);
    expect(code).toBe(1);
    expect(report.ok).toBe(false);
    expect(report.production).toBe(true);
    for (const id of [
      'config',
      'required-settings',
      'secret-key',
      'admin-password',
      'app-env',
      'debug',
      'env-permissions',
      'data-folder',
      'backup-encryption',
      'backup-restorable',
      'https',
    ]) {
      expect(status[id], id).toBe('fail');
    }
    const detail = (id: string) => report.items.find((i) => i.id === id)?.detail ?? '';
    expect(detail('secret-key')).toMatch(/shorter than 32 characters/);
    expect(detail('env-permissions')).toMatch(/^644/);
    expect(detail('data-folder')).toMatch(/is not a folder/);
    expect(detail('required-settings')).toMatch(/BACKUP_KEY/);
    expect(status['backup-recent']).toBe('pass');
    expect(status['alerts']).toBe('warn');
    expect(detail('backup-restorable')).toMatch(/textai-backup-.*\.tbk: /);
    if (gitInstalled) {
      expect(status['env-gitignored']).toBe('fail');
      expect(status['git-history']).toBe('fail');
      expect(detail('git-history')).toMatch(/\.env: a committed env file/);
      expect(detail('git-history')).toMatch(/the current ADMIN_PASSWORD/);
      expect(detail('git-history')).toMatch(/the current SECRET_KEY/);
    }
    expect(raw).not.toContain(secretKey);
    expect(raw).not.toContain(adminPassword);
  });

  it('prints a readable checklist with a fix under each problem', async () => {
    const dir = await deploymentFolder();
    writeEnv(dir, { SECRET_KEY: 'short' }, 0o600);
    const run = await runCli(['doctor'], '', {
      cwd: dir,
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: process.env['HOME'] ?? '',
        npm_config_registry: 'http://127.0.0.1:9/',
      },
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^✗ Configuration accepted: the server would refuse to start/m);
    expect(run.stdout).toMatch(/^✓ DEBUG off: DEBUG=false$/m);
    expect(run.stdout).toMatch(/^! Recent backup: no backup in /m);
    expect(run.stdout).toMatch(/^ {4}fix: run textai backup/m);
    expect(run.stdout).toMatch(/\d+ passed, \d+ warnings, [1-9]\d* failed\n$/);
    // Not a terminal: no colour codes.
    expect(run.stdout).not.toContain('\u001b[');
  });
});

describe('doctor runner', () => {
  it('fails a check that hangs or throws, and still runs the others', async () => {
    const dir = await deploymentFolder();
    const base = buildDoctorContext({ env: {}, cwd: dir, production: false });
    let sawAbort = false;
    const items = await runChecks(
      [
        {
          id: 'hangs',
          title: 'Hangs',
          timeoutMs: 100,
          run: (ctx) =>
            new Promise(() => {
              ctx.signal.addEventListener('abort', () => (sawAbort = true));
            }),
        },
        {
          id: 'throws',
          title: 'Throws',
          run: () => {
            throw new Error('boom');
          },
        },
        { id: 'fine', title: 'Fine', run: () => ({ status: 'pass', detail: 'ok' }) },
      ],
      base,
    );
    expect(items.map((i) => [i.id, i.status])).toEqual([
      ['hangs', 'fail'],
      ['throws', 'fail'],
      ['fine', 'pass'],
    ]);
    expect(items[0]?.detail).toMatch(/did not finish within/);
    expect(items[1]?.detail).toMatch(/boom/);
    expect(sawAbort).toBe(true);
  });
});
