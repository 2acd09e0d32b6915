import { execFile } from 'node:child_process';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A folder on a file system of its own with a fixed size: a tmpfs mounted for the test. Filling it
 * gives a process writing there a real ENOSPC (SQLite: SQLITE_FULL); the filler's removal frees
 * the space again. Mounting needs root (or CAP_SYS_ADMIN); where it is not permitted, `mount`
 * says why and the caller falls back to an injected fault.
 */
export interface SizeLimitedFolder {
  dir: string;
  /** Writes a filler file until the file system refuses more (ENOSPC); returns its size in bytes. */
  fill(): Promise<number>;
  /** Deletes the filler, freeing its space. */
  free(): Promise<void>;
  /** Remounts read-only; the error (e.g. "mount point is busy" while files are open for writing) when refused. */
  remountReadOnly(): Promise<string | undefined>;
  remountWritable(): Promise<void>;
  /** Unmounts and removes the folder; safe to call twice and after a failed test. */
  remove(): Promise<void>;
}

export async function mountSizeLimitedFolder(
  sizeBytes: number,
): Promise<{ folder: SizeLimitedFolder } | { unavailable: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'textai-faults-'));
  try {
    await run('mount', ['-t', 'tmpfs', '-o', `size=${sizeBytes},mode=0700`, 'textai-faults', dir]);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    return { unavailable: commandError(error) };
  }
  const filler = path.join(dir, 'filler');
  let mounted = true;
  return {
    folder: {
      dir,
      async fill() {
        const handle = await open(filler, 'a');
        const block = Buffer.alloc(64 * 1024, 1);
        let written = 0;
        try {
          for (;;) {
            const { bytesWritten } = await handle.write(block);
            written += bytesWritten;
            if (bytesWritten < block.length) break;
          }
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
        } finally {
          await handle.close();
        }
        return written;
      },
      free: () => rm(filler, { force: true }),
      async remountReadOnly() {
        try {
          await run('mount', ['-o', 'remount,ro', dir]);
          return undefined;
        } catch (error) {
          return commandError(error);
        }
      },
      async remountWritable() {
        await run('mount', ['-o', 'remount,rw', dir]);
      },
      async remove() {
        if (mounted) {
          // Lazy: the server under test may still hold its files open if it was killed late.
          await run('umount', ['-l', dir]).catch(() => undefined);
          mounted = false;
        }
        await rm(dir, { recursive: true, force: true });
      },
    },
  };
}

/** The command's first line of complaint, without the machine's folder names (it goes in reports). */
function commandError(error: unknown): string {
  const stderr = (error as { stderr?: unknown }).stderr;
  const text = typeof stderr === 'string' && stderr.trim() !== '' ? stderr : String(error);
  const first = text.split('\n')[0]?.trim() ?? text;
  return first.replace(/^(u?mount): \S+: /, '$1: ');
}
