import { randomUUID } from 'node:crypto';
import { rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CheckOutcome, CheckStatus } from '../checklist.ts';
import { octalMode } from './env-file-checks.ts';
import { outcome, pass, type DoctorCheck, type DoctorContext } from './types.ts';

interface FolderRule {
  /** What lives there, for the messages. */
  role: string;
  /** Status when the folder does not exist yet. */
  missing: CheckStatus;
  /** Why it may be missing, when that is fine. */
  missingNote?: string;
  /** Holds users' data or secrets: no access for group or others (700). */
  private: boolean;
}

/**
 * Writes and removes a probe file: the only test that also holds for root, read-only mounts and
 * full disks, where permission bits alone would answer wrongly.
 */
function writeProbe(folder: string): string | undefined {
  const probe = path.join(folder, `.textai-doctor-${randomUUID()}`);
  try {
    writeFileSync(probe, '', { mode: 0o600 });
    rmSync(probe);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

export function checkFolder(ctx: DoctorContext, folder: string, rule: FolderRule): CheckOutcome {
  let stats;
  try {
    stats = statSync(folder);
  } catch {
    const detail = `${folder} does not exist${rule.missingNote ? ` (${rule.missingNote})` : ''}`;
    return outcome(rule.missing, detail, `mkdir -p -m 700 ${folder}`);
  }
  if (!stats.isDirectory())
    return outcome('fail', `${folder} is not a folder`, `point the setting at a folder`);
  const unwritable = writeProbe(folder);
  if (unwritable !== undefined) {
    return outcome(
      'fail',
      `${folder} is not writable: ${unwritable}`,
      `give the server's account write access to ${folder}`,
    );
  }
  const mode = octalMode(stats.mode);
  if (rule.private && (stats.mode & 0o077) !== 0) {
    return outcome(
      ctx.severe,
      `${folder} is ${mode}: other accounts can look into ${rule.role}`,
      `chmod 700 ${folder}`,
    );
  }
  if ((stats.mode & 0o002) !== 0) {
    return outcome(
      ctx.severe,
      `${folder} is ${mode}: any account can write into ${rule.role}`,
      `chmod o-w ${folder}`,
    );
  }
  return pass(`${folder} (${mode}), writable`);
}

const dataFolder: DoctorCheck = {
  id: 'data-folder',
  title: 'Data folder (DATA_DIR)',
  run: (ctx) =>
    checkFolder(ctx, ctx.config.dataDir, {
      role: 'the database and uploads',
      missing: ctx.severe,
      missingNote: 'the first start creates it',
      private: true,
    }),
};

const backupFolder: DoctorCheck = {
  id: 'backup-folder',
  title: 'Backup folder (BACKUP_DIR)',
  run(ctx) {
    const { dir } = ctx.config.backup;
    const result = checkFolder(ctx, dir, {
      role: 'the backups',
      missing: ctx.severe,
      missingNote: 'the first textai backup creates it',
      private: true,
    });
    if (result.status !== 'pass') return result;
    try {
      if (statSync(dir).dev === statSync(ctx.config.dataDir).dev) {
        return outcome(
          'warn',
          `${dir} is on the same disk as the data: one disk failure loses both`,
          'point BACKUP_DIR at another disk or a mounted remote volume (or copy backups off the machine)',
        );
      }
    } catch {
      // No data folder yet: data-folder reports it.
    }
    return result;
  },
};

const modelFolder: DoctorCheck = {
  id: 'model-folder',
  title: 'Model folder (MODEL_CACHE_DIR)',
  run(ctx) {
    const { models } = ctx.config;
    const specs = [models.sentiment, models.summarize, models.fakeNews, models.jobMatch];
    if (specs.every((spec) => spec === 'builtin')) {
      return pass('not used: every tool runs its built-in model, shipped with the code');
    }
    return checkFolder(ctx, models.cacheDir, {
      role: 'the model files',
      missing: models.allowDownload ? ctx.severe : 'warn',
      private: false,
    });
  },
};

const logFolder: DoctorCheck = {
  id: 'log-folder',
  title: 'Log folder (LOG_FILE)',
  run(ctx) {
    const { logFile } = ctx.config;
    if (logFile === undefined) return pass('LOG_FILE not set: logs go to standard output');
    return checkFolder(ctx, path.dirname(path.resolve(ctx.cwd, logFile)), {
      role: 'the logs',
      missing: 'warn',
      missingNote: 'the server creates it',
      private: false,
    });
  },
};

export const folderChecks: DoctorCheck[] = [dataFolder, backupFolder, modelFolder, logFolder];
