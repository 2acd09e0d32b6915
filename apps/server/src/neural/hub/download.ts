import { createHash, type Hash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, renameSync, statSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { open } from 'node:fs/promises';
import { PARTIAL_SUFFIX } from '../model-folder.ts';
import type { RemoteFile } from './remote-files.ts';

export class ChecksumError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChecksumError';
  }
}

interface Hashes {
  sha256: Hash;
  gitOid: Hash;
}

function newHashes(size: number): Hashes {
  const gitOid = createHash('sha1');
  gitOid.update(`blob ${size}\0`);
  return { sha256: createHash('sha256'), gitOid };
}

async function hashFile(file: string, hashes: Hashes): Promise<void> {
  for await (const chunk of createReadStream(file)) {
    hashes.sha256.update(chunk as Buffer);
    hashes.gitOid.update(chunk as Buffer);
  }
}

function verify(file: RemoteFile, hashes: Hashes): string {
  const sha256 = hashes.sha256.digest('hex');
  const gitOid = hashes.gitOid.digest('hex');
  if (file.sha256 !== undefined && file.sha256 !== sha256) {
    throw new ChecksumError(
      `${file.path}: checksum mismatch (expected sha256 ${file.sha256}, got ${sha256})`,
    );
  }
  if (file.gitOid !== undefined && file.gitOid !== gitOid) {
    throw new ChecksumError(
      `${file.path}: checksum mismatch (expected git oid ${file.gitOid}, got ${gitOid})`,
    );
  }
  return sha256;
}

export interface DownloadProgress {
  (bytesDone: number): void;
}

/**
 * Fetches one file into `target`, through `target.part`: an interrupted download resumes from the
 * bytes already there (HTTP Range; a server that ignores it sends the whole file again), and the
 * file only takes its name once its size and checksum match what the hub lists. A mismatch
 * discards the partial file, so the next run starts clean. A file already in place and matching
 * is not fetched again. Returns the content's SHA-256.
 */
export async function downloadFile(
  url: string,
  file: RemoteFile,
  target: string,
  onProgress: DownloadProgress,
): Promise<string> {
  if (existsSync(target) && statSync(target).size === file.size) {
    const hashes = newHashes(file.size);
    await hashFile(target, hashes);
    try {
      const sha256 = verify(file, hashes);
      onProgress(file.size);
      return sha256;
    } catch {
      unlinkSync(target);
    }
  }
  mkdirSync(path.dirname(target), { recursive: true });
  const part = `${target}${PARTIAL_SUFFIX}`;
  let start = existsSync(part) ? statSync(part).size : 0;
  if (start > file.size) {
    unlinkSync(part);
    start = 0;
  }
  const response = await fetch(url, start > 0 ? { headers: { range: `bytes=${start}-` } } : {});
  if (response.status === 416 && start === file.size) {
    // Everything was already there: only the check and the rename were missing.
  } else if (!response.ok || response.body === null) {
    throw new Error(`${url} answered ${response.status}`);
  } else {
    if (response.status !== 206) start = 0;
    let done = start;
    // Each chunk is on disk before the next is read, so a dropped connection keeps every byte that
    // arrived (a write stream destroyed by the error could drop its queued writes) for the resume.
    const handle = await open(part, start > 0 ? 'a' : 'w');
    try {
      for await (const chunk of response.body) {
        await handle.write(chunk);
        done += chunk.length;
        onProgress(done);
      }
    } finally {
      await handle.close();
    }
  }
  const hashes = newHashes(file.size);
  await hashFile(part, hashes);
  const size = statSync(part).size;
  try {
    if (size !== file.size) throw new ChecksumError(`${file.path}: got ${size} bytes, expected ${file.size}`);
    const sha256 = verify(file, hashes);
    renameSync(part, target);
    return sha256;
  } catch (error) {
    unlinkSync(part);
    throw error;
  }
}
