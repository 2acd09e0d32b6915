import { existsSync, statfsSync } from 'node:fs';
import { availableParallelism, freemem, totalmem } from 'node:os';
import path from 'node:path';
import { outcome, pass, type DoctorCheck } from './types.ts';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

/** Below this the database, backups and logs can fill the disk within a day of normal use. */
const DISK_FAIL_BYTES = 512 * MiB;
const DISK_WARN_BYTES = 2 * GiB;
/** The checklist's recommendation for the machine; the server itself runs in far less. */
const RECOMMENDED_MEMORY_BYTES = 4 * GiB;
const MEMORY_FAIL_BYTES = 256 * MiB;

function size(bytes: number): string {
  return bytes >= GiB ? `${(bytes / GiB).toFixed(1)} GiB` : `${Math.round(bytes / MiB)} MiB`;
}

/** The folder itself, or the nearest parent that exists (the data folder may not exist yet). */
function existingAncestor(folder: string): string {
  let current = path.resolve(folder);
  while (!existsSync(current) && path.dirname(current) !== current) current = path.dirname(current);
  return current;
}

const diskSpace: DoctorCheck = {
  id: 'disk-space',
  title: 'Disk headroom',
  run(ctx) {
    const folder = existingAncestor(ctx.config.dataDir);
    const stats = statfsSync(folder);
    const free = stats.bavail * stats.bsize;
    const total = stats.blocks * stats.bsize;
    const detail = `${size(free)} free of ${size(total)} where ${ctx.config.dataDir} lives`;
    const fix = 'free space (old logs, old backups) or grow the disk';
    if (free < DISK_FAIL_BYTES) return outcome('fail', detail, fix);
    if (free < DISK_WARN_BYTES || free < total * 0.1) return outcome('warn', detail, fix);
    return pass(detail);
  },
};

const memory: DoctorCheck = {
  id: 'memory',
  title: 'Memory headroom',
  run() {
    const free = freemem();
    const total = totalmem();
    const cores = availableParallelism();
    const detail = `${size(free)} available of ${size(total)}, ${cores} CPU cores`;
    if (free < MEMORY_FAIL_BYTES) {
      return outcome('fail', detail, 'stop what uses the memory, or add memory (or swap)');
    }
    if (total < RECOMMENDED_MEMORY_BYTES || cores < 2) {
      return outcome(
        'warn',
        `${detail}; 4 GiB and 2 cores are recommended`,
        'give the machine more memory or cores',
      );
    }
    return pass(detail);
  },
};

export const resourceChecks: DoctorCheck[] = [diskSpace, memory];
