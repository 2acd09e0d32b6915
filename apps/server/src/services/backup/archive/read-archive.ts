import { createHash, type Hash } from 'node:crypto';
import { Transform, Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import { BackupError } from '../errors.ts';
import { openBackupFile } from '../format/backup-file.ts';
import { openPayload } from '../format/open-stream.ts';
import type { BackupEntry, BackupManifest } from '../types.ts';
import { decodeManifest, MANIFEST_ENTRY, MAX_MANIFEST_BYTES } from './manifest.ts';

type TarEntry = tar.ExtractEvents['entry'][1];

/** Receives one checked-in-order entry's content; must consume `content` to its end. */
export type EntryConsumer = (entry: BackupEntry, content: Readable) => Promise<void>;

/**
 * Reads a backup from end to end in constant memory: header and key, every record's tag, the
 * manifest, and every entry's size and SHA-256 against the manifest. Without `consume` it only
 * verifies; with it, each entry's content is also handed over as it streams (restore checks the
 * whole file first, so by then only a file changed between the two passes can fail here).
 */
export async function readArchive(
  file: string,
  secret: string | undefined,
  consume?: EntryConsumer,
): Promise<BackupManifest> {
  const opened = await openBackupFile(file, secret);
  try {
    const extract = tar.extract();
    const piping = pipeline(
      openPayload(opened.handle, opened.bytes, opened.header, opened.key),
      createGunzip(),
      extract,
    );
    let manifest: BackupManifest | undefined;
    let entryError: unknown;
    try {
      manifest = await readEntries(extract, opened.header.encrypted, consume);
    } catch (error) {
      entryError = error;
      extract.destroy();
    }
    const pipelineError = await piping.then(
      () => undefined,
      (error: unknown) => error,
    );
    // A failed record is the root cause of whatever the tar reader then saw: report it first.
    if (pipelineError instanceof BackupError) throw pipelineError;
    if (entryError !== undefined) throw entryError;
    if (pipelineError !== undefined) throw payloadError(pipelineError);
    if (manifest === undefined) throw new BackupError('corrupted', 'the backup holds no manifest');
    return manifest;
  } finally {
    await opened.handle.close();
  }
}

async function readEntries(
  extract: tar.Extract,
  encrypted: boolean,
  consume: EntryConsumer | undefined,
): Promise<BackupManifest> {
  let manifest: BackupManifest | undefined;
  let index = 0;
  for await (const entry of extract) {
    if (manifest === undefined) {
      manifest = decodeManifest(await readManifest(entry), encrypted);
      continue;
    }
    const expected = manifest.entries[index];
    if (expected === undefined || entry.header.name !== expected.name)
      throw new BackupError('corrupted', `the backup holds an unexpected entry "${entry.header.name}"`);
    if (entry.header.type !== 'file' || entry.header.size !== expected.bytes)
      throw new BackupError('corrupted', `the backup's entry "${expected.name}" does not match its manifest`);
    const digest = createHash('sha256');
    const hashed = hashing(digest);
    await Promise.all([
      pipeline(entry, hashed),
      consume ? consume(expected, hashed) : pipeline(hashed, discard()),
    ]);
    if (digest.digest('hex') !== expected.sha256)
      throw new BackupError('corrupted', `the backup's entry "${expected.name}" fails its SHA-256 check`);
    index += 1;
  }
  if (manifest === undefined) throw new BackupError('corrupted', 'the backup holds no manifest');
  const missing = manifest.entries[index];
  if (missing !== undefined)
    throw new BackupError('corrupted', `the backup ends before its entry "${missing.name}"`);
  return manifest;
}

async function readManifest(entry: TarEntry): Promise<Buffer> {
  if (entry.header.name !== MANIFEST_ENTRY || (entry.header.size ?? 0) > MAX_MANIFEST_BYTES)
    throw new BackupError('corrupted', 'the backup does not start with its manifest');
  const chunks: Buffer[] = [];
  for await (const chunk of entry) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Passes content through unchanged while hashing it. */
function hashing(digest: Hash): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      digest.update(chunk);
      done(null, chunk);
    },
  });
}

function discard(): Writable {
  return new Writable({ write: (_chunk, _encoding, done) => done() });
}

/** Decompression or tar errors behind records that passed their checks: a damaged payload. */
function payloadError(error: unknown): BackupError {
  const detail = error instanceof Error ? error.message : String(error);
  return new BackupError('corrupted', `the backup's content is damaged (${detail})`);
}
