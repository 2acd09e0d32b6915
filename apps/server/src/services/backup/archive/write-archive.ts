import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import tar from 'tar-stream';
import { BackupError } from '../errors.ts';
import type { Header } from '../format/header.ts';
import { SealStream } from '../format/seal-stream.ts';
import type { BackupEntry } from '../types.ts';
import { MANIFEST_ENTRY } from './manifest.ts';

/** An archive entry and the file its content is read from. */
export interface SourceEntry extends BackupEntry {
  path: string;
}

/**
 * Writes `out` (created 0600, never over an existing file): the header, then tar → gzip → sealed
 * records. Each entry is read again as it is archived and must still have the size and SHA-256
 * the manifest gives; a data file changed in between fails the backup instead of storing a
 * manifest that would not match its content.
 */
export async function writeArchive(
  out: string,
  header: Header,
  key: Buffer | undefined,
  manifest: Buffer,
  entries: readonly SourceEntry[],
  mtime: Date,
): Promise<void> {
  const pack = tar.pack();
  const writing = pipeline(
    pack,
    createGzip({ level: 6 }),
    new SealStream(header, key),
    createWriteStream(out, { flags: 'wx', mode: 0o600 }),
  );
  // Keep the pipeline's failure (a full disk, say) from being unhandled while entries are added.
  const written = writing.then(
    () => undefined,
    (error: unknown) => error,
  );
  try {
    await addBuffer(pack, MANIFEST_ENTRY, manifest, mtime);
    for (const entry of entries) await addFile(pack, entry, mtime);
    pack.finalize();
  } catch (error) {
    pack.destroy(error instanceof Error ? error : new Error(String(error)));
    await written;
    throw error;
  }
  const failure = await written;
  if (failure !== undefined) {
    const detail = failure instanceof Error ? failure.message : String(failure);
    throw new BackupError('io', `cannot write ${out}: ${detail}`);
  }
}

function addBuffer(pack: tar.Pack, name: string, content: Buffer, mtime: Date): Promise<void> {
  return new Promise((resolve, reject) => {
    pack.entry({ name, size: content.length, mode: 0o600, mtime, type: 'file' }, content, (error) =>
      error ? reject(error) : resolve(),
    );
  });
}

async function addFile(pack: tar.Pack, entry: SourceEntry, mtime: Date): Promise<void> {
  const digest = createHash('sha256');
  const changed = () =>
    new BackupError(
      'source-changed',
      `${entry.path} changed while it was being backed up; run the backup again`,
    );
  if (entry.bytes === 0) {
    await addBuffer(pack, entry.name, Buffer.alloc(0), mtime);
    digest.update(Buffer.alloc(0));
  } else {
    await new Promise<void>((resolve, reject) => {
      const sink = pack.entry(
        { name: entry.name, size: entry.bytes, mode: 0o600, mtime, type: 'file' },
        (error) => (error ? reject(changed()) : resolve()),
      );
      const source = createReadStream(entry.path, { start: 0, end: entry.bytes - 1 });
      source.on('data', (chunk) => digest.update(chunk));
      pipeline(source, sink).catch(() => reject(changed()));
    });
  }
  if (digest.digest('hex') !== entry.sha256) throw changed();
}
