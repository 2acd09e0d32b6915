import { BackupError, listBackups, verifyBackup, type BackupInfo } from '../backup/index.ts';
import { settingValue } from './environment-checks.ts';
import { outcome, pass, type DoctorCheck, type DoctorContext } from './types.ts';

/** A daily schedule plus slack for a slow run: anything older means a backup was missed. */
const MAX_BACKUP_AGE_MS = 26 * 3_600_000;

function age(ms: number): string {
  const hours = ms / 3_600_000;
  return hours < 48 ? `${hours.toFixed(1)} hours` : `${Math.floor(hours / 24)} days`;
}

async function newestBackup(ctx: DoctorContext): Promise<BackupInfo | undefined> {
  try {
    return (await listBackups(ctx.config.backup.dir))[0];
  } catch {
    // No folder yet: backup-folder says so.
    return undefined;
  }
}

const backupEncryption: DoctorCheck = {
  id: 'backup-encryption',
  title: 'Backup encryption (BACKUP_KEY)',
  run(ctx) {
    if (settingValue(ctx, 'BACKUP_KEY') !== undefined) return pass('backups are encrypted (AES-256-GCM)');
    return outcome(
      ctx.severe,
      ctx.production
        ? 'BACKUP_KEY not set: textai backup refuses to run'
        : 'BACKUP_KEY not set: backups are not encrypted',
      'BACKUP_KEY=$(openssl rand -hex 32), kept somewhere safe besides this machine (a lost key loses the backups)',
    );
  },
};

const backupSchedule: DoctorCheck = {
  id: 'backup-schedule',
  title: 'Backup schedule and retention',
  run(ctx) {
    const { schedule, retentionDays } = ctx.config.backup;
    const retention = `kept ${retentionDays} days`;
    if (schedule !== undefined) return pass(`BACKUP_SCHEDULE "${schedule}", ${retention}`);
    return outcome(
      ctx.production ? 'warn' : 'pass',
      `BACKUP_SCHEDULE not set (fine when cron or a systemd timer runs textai backup), ${retention}`,
      'BACKUP_SCHEDULE="0 3 * * *" for a daily backup at 03:00',
    );
  },
};

const backupRecent: DoctorCheck = {
  id: 'backup-recent',
  title: 'Recent backup',
  async run(ctx) {
    const newest = await newestBackup(ctx);
    if (newest === undefined) {
      return outcome(
        ctx.severe,
        `no backup in ${ctx.config.backup.dir}`,
        'run textai backup (and schedule it daily)',
      );
    }
    const ageMs = Date.now() - newest.createdAt;
    const detail = `newest ${newest.file}, ${age(ageMs)} old`;
    if (ageMs > MAX_BACKUP_AGE_MS) {
      return outcome(ctx.severe, detail, 'check the backup schedule and its logs; run textai backup now');
    }
    return pass(detail);
  },
};

const backupRestorable: DoctorCheck = {
  id: 'backup-restorable',
  title: 'Newest backup verifies',
  // Verification reads and decrypts the whole file.
  timeoutMs: 600_000,
  async run(ctx) {
    const newest = await newestBackup(ctx);
    if (newest === undefined) return outcome(ctx.severe, 'no backup to verify', 'run textai backup');
    try {
      const manifest = await verifyBackup(newest.file, ctx.config.backup.key);
      const files = manifest.entries.length;
      return pass(
        `${newest.file}: ${manifest.encrypted ? 'encrypted, ' : ''}${manifest.database.kind} at migration ` +
          `${manifest.database.schemaVersion}, ${files} files, every checksum matches`,
      );
    } catch (error) {
      if (!(error instanceof BackupError)) throw error;
      return outcome(
        'fail',
        `${newest.file}: ${error.message}`,
        'take a new backup and find out what damaged this one',
      );
    }
  },
};

export const backupChecks: DoctorCheck[] = [backupEncryption, backupSchedule, backupRecent, backupRestorable];
