import { open } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { CliError } from '../errors.ts';

export interface Output {
  stream: Writable;
  /** Flushes and closes a file; leaves stdout open (the process still owns it). */
  close(): Promise<void>;
}

/** `--output FILE` (created or truncated) or stdout. */
export async function openOutput(path: string | undefined): Promise<Output> {
  if (path === undefined) {
    return { stream: process.stdout, close: async () => {} };
  }
  let stream: Writable;
  try {
    stream = (await open(path, 'w')).createWriteStream();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError(`cannot write ${path}: ${reason}`);
  }
  return {
    stream,
    async close() {
      stream.end();
      await finished(stream);
    },
  };
}
