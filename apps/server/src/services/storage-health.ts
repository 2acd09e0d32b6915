import { statfs } from 'node:fs/promises';
import type { Storage } from '../storage/repositories.ts';
import { storageFault, storageFaultOf, type StorageFault } from './storage-faults.ts';

/**
 * Below this much free space in DATA_DIR the server counts as not writable: SQLite's next page,
 * the WAL's next frames and an upload's spool file would not fit. Checking the space is what finds a
 * full disk while nothing is being written, because a write probe can succeed on a full disk
 * (SQLite rewrites its WAL in place after a checkpoint, needing no new blocks).
 */
const MIN_FREE_BYTES = 256 * 1024;
/** /readyz may be polled every second by several monitors; the probe runs at most this often. */
const CHECK_CACHE_MS = 1500;
/** While faulted, sooner: a refused write costs next to nothing, and the recovery shows quickly. */
const FAULTED_CHECK_CACHE_MS = 250;

export interface StorageHealthOptions {
  storage: Pick<Storage, 'probeWrite'>;
  /** The folder holding the SQLite file and the upload spool. */
  dataDir: string;
  /** Called once per change between writable and a fault (or between faults), never per request. */
  onChange: (fault: StorageFault | undefined) => void;
}

/**
 * Whether the database (and DATA_DIR) can be written: what /readyz reports. It learns of a fault
 * from failed writes (reportFailure) and from its own check — free space, then a write probe whose
 * row does not outlive the probe's transaction — and learns of the recovery from the next check, so
 * a fixed disk brings the server back without a restart.
 */
export class StorageHealth {
  private fault: StorageFault | undefined;
  private checked: { at: number; result: Promise<StorageFault | undefined> } | undefined;

  constructor(private readonly options: StorageHealthOptions) {}

  /** Notes `error` when it is a storage fault; returns the fault (undefined for any other error). */
  reportFailure(error: unknown): StorageFault | undefined {
    const fault = storageFaultOf(error);
    if (fault === undefined) return undefined;
    this.update(fault);
    // The next /readyz checks afresh instead of answering from before the failure.
    this.checked = undefined;
    return fault;
  }

  /** The current fault (undefined: writable), checked at most every CHECK_CACHE_MS. */
  check(): Promise<StorageFault | undefined> {
    // A monotonic clock of its own: the cache is about load, not about the (injectable) time of day.
    const now = performance.now();
    const cacheMs = this.fault === undefined ? CHECK_CACHE_MS : FAULTED_CHECK_CACHE_MS;
    if (this.checked !== undefined && now - this.checked.at < cacheMs) return this.checked.result;
    const result: Promise<StorageFault | undefined> = this.probe().then((fault) => {
      // A failure reported while this probe ran is newer than its answer: it stands.
      if (this.checked?.result === result) this.update(fault);
      return fault;
    });
    this.checked = { at: now, result };
    return result;
  }

  private async probe(): Promise<StorageFault | undefined> {
    const free = await freeBytes(this.options.dataDir);
    if (free !== undefined && free < MIN_FREE_BYTES) {
      return storageFault('disk_full');
    }
    try {
      await this.options.storage.probeWrite();
      return undefined;
    } catch (error) {
      // Anything else (the database unreachable) is the reachability check's to report.
      return storageFaultOf(error);
    }
  }

  private update(fault: StorageFault | undefined): void {
    if (fault?.kind === this.fault?.kind) return;
    this.fault = fault;
    this.options.onChange(fault);
  }
}

/** Space left for this process where `dir` lives; undefined when the folder does not exist yet. */
async function freeBytes(dir: string): Promise<number | undefined> {
  try {
    const stats = await statfs(dir);
    return stats.bavail * stats.bsize;
  } catch {
    return undefined;
  }
}
