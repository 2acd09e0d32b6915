import { writeFile } from 'node:fs/promises';
import type { TextaiProcess } from '../../helpers/processes.ts';
import type { SizeLimitedFolder } from './size-limited-folder.ts';

/** A fault the test turns on and off, and how it is made (printed with the figures). */
export interface Fault {
  way: string;
  /** Whether the kernel itself refuses the writes (not the injected switch). */
  real: boolean;
  on(): Promise<void>;
  off(): Promise<void>;
}

export const FAULT_SWITCH = new URL('./fault-switch.mjs', import.meta.url).pathname;

/** Flips the server's preloaded fault switch (fault-switch.mjs) and waits until it reports. */
async function flip(server: TextaiProcess, switchFile: string, state: 'read-only' | 'full' | 'off') {
  await writeFile(switchFile, state);
  const seen = server.lines.length;
  server.child.kill('SIGUSR2');
  const deadline = Date.now() + 10_000;
  while (!server.lines.slice(seen).some((line) => line === `[fault-switch] ${state}`)) {
    if (Date.now() > deadline) throw new Error(`the fault switch did not report "${state}"`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A full disk: the tmpfs filled to the last block when there is one, else the injected page limit. */
export function diskFull(
  folder: SizeLimitedFolder | undefined,
  server: TextaiProcess,
  switchFile: string,
): Fault {
  if (folder !== undefined) {
    return {
      way: 'a size-limited tmpfs filled until ENOSPC',
      real: true,
      on: async () => void (await folder.fill()),
      off: () => folder.free(),
    };
  }
  return {
    way: 'injected: SQLite page limit at the current size (SQLITE_FULL)',
    real: false,
    on: () => flip(server, switchFile, 'full'),
    off: () => flip(server, switchFile, 'off'),
  };
}

/**
 * A read-only database: the tmpfs remounted read-only when the kernel allows it. Linux refuses
 * ("mount point is busy") while a process holds files there open for writing, as a running server
 * does, so then the injected query_only switch (SQLITE_READONLY) stands in; `way` says which.
 */
export function readOnly(
  folder: SizeLimitedFolder | undefined,
  server: TextaiProcess,
  switchFile: string,
): Fault {
  const fault: Fault = {
    way: '',
    real: false,
    async on() {
      const refused = folder === undefined ? 'no mount permitted' : await folder.remountReadOnly();
      fault.real = refused === undefined;
      fault.way = fault.real
        ? 'the tmpfs remounted read-only'
        : `injected: SQLite query_only (SQLITE_READONLY), as the remount was refused: ${refused ?? ''}`;
      if (!fault.real) await flip(server, switchFile, 'read-only');
    },
    async off() {
      if (fault.real) await folder?.remountWritable();
      else await flip(server, switchFile, 'off');
    },
  };
  return fault;
}
