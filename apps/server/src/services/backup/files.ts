import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { SourceEntry } from './archive/write-archive.ts';

/** `inner` relative to `outer` when it is `outer` itself ('') or lies inside it, else undefined. */
export function pathWithin(inner: string, outer: string): string | undefined {
  const relative = path.relative(path.resolve(outer), path.resolve(inner));
  return relative.startsWith('..') || path.isAbsolute(relative) ? undefined : relative;
}

/** SHA-256 of a file's content, streamed. */
export async function sha256OfFile(file: string): Promise<string> {
  const digest = createHash('sha256');
  for await (const chunk of createReadStream(file)) digest.update(chunk as Buffer);
  return digest.digest('hex');
}

/** Flushes a file (or a folder's entries, after a rename) to disk. */
export async function syncPath(target: string): Promise<void> {
  const handle = await open(target, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Every regular file under `dataDir`, leaving out the files and folders `skip` picks (the
 * database's own files, the backup folder), as archive entries `data/<relative path>`, sorted for
 * a stable archive. Symbolic links and special files are skipped: following a link could pull in (or, at restore,
 * write to) files outside the data folder.
 */
export async function collectDataFiles(
  dataDir: string,
  skip: (file: string) => boolean,
): Promise<SourceEntry[]> {
  const found: SourceEntry[] = [];
  const walk = async (dir: string): Promise<void> => {
    let items;
    try {
      items = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const item of items.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = path.join(dir, item.name);
      if (skip(full)) continue;
      if (item.isDirectory()) await walk(full);
      else if (item.isFile()) found.push(await describe(full, dataDir));
    }
  };
  await walk(dataDir);
  return found;
}

/** An archive entry for `file`, sized and hashed now (the archive writer checks both again). */
export async function describe(file: string, root: string, name?: string): Promise<SourceEntry> {
  const handle = await open(file, 'r');
  const { size } = await handle.stat().finally(() => handle.close());
  const relative = path.relative(root, file).split(path.sep).join('/');
  return { name: name ?? `data/${relative}`, path: file, bytes: size, sha256: await sha256OfFile(file) };
}
