/**
 * A tiny, strict reader of a ZIP file's central directory, enough to tell a DOCX from other ZIP
 * formats and to stop zip bombs before mammoth (through JSZip) inflates anything.
 *
 * Why our own: mammoth exposes no sizes, and a dependency for ~150 lines of well-specified parsing
 * (APPNOTE.TXT §4.3) is not worth it. It is deliberately stricter than general ZIP readers: no ZIP64,
 * no multi-disk archives, no data before the archive, no encryption, only stored and deflated
 * entries, no duplicate names. A real DOCX needs none of those.
 */
import { inflateRawSync } from 'node:zlib';
import { DocumentError } from './errors.ts';

export const ZIP_LOCAL_SIGNATURE = 0x04034b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const END_SIGNATURE = 0x06054b50;
const END_MIN_LENGTH = 22;
const MAX_COMMENT_LENGTH = 0xffff;
/** A DOCX has a few dozen parts; thousands of entries is a sign of abuse. */
const MAX_ENTRIES = 5_000;

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Offset of the entry's compressed bytes (after its local header). */
  dataOffset: number;
}

function corrupt(message: string): DocumentError {
  return new DocumentError(
    'EXTRACTION_FAILED',
    `The DOCX file is damaged or not a valid ZIP archive: ${message}.`,
  );
}

function findEndOfCentralDirectory(data: Buffer): number {
  const last = data.length - END_MIN_LENGTH;
  const first = Math.max(0, last - MAX_COMMENT_LENGTH);
  for (let i = last; i >= first; i--) {
    if (
      data.readUInt32LE(i) === END_SIGNATURE &&
      i + END_MIN_LENGTH + data.readUInt16LE(i + 20) === data.length
    ) {
      return i;
    }
  }
  throw corrupt('no end of central directory record');
}

/** Lists the archive's entries from its central directory, checking every offset against the buffer. */
export function readZipEntries(data: Buffer): ZipEntry[] {
  if (data.length < END_MIN_LENGTH) throw corrupt('too short');
  const end = findEndOfCentralDirectory(data);
  const disk = data.readUInt16LE(end + 4);
  const centralDisk = data.readUInt16LE(end + 6);
  const entriesOnDisk = data.readUInt16LE(end + 8);
  const count = data.readUInt16LE(end + 10);
  const centralSize = data.readUInt32LE(end + 12);
  const centralOffset = data.readUInt32LE(end + 16);
  if (count === 0xffff || centralSize === 0xffffffff || centralOffset === 0xffffffff) {
    throw corrupt('ZIP64 archives are not supported');
  }
  if (disk !== 0 || centralDisk !== 0 || entriesOnDisk !== count) throw corrupt('multi-disk archive');
  // JSZip shifts every offset when the directory is not where the record says (data prepended to
  // the archive); requiring an exact fit means both readers see the same bytes.
  if (centralOffset + centralSize !== end) throw corrupt('central directory is not where the archive says');
  if (count > MAX_ENTRIES) throw corrupt(`more than ${MAX_ENTRIES} entries`);

  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  let at = centralOffset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > end || data.readUInt32LE(at) !== CENTRAL_SIGNATURE)
      throw corrupt('bad central directory entry');
    const flags = data.readUInt16LE(at + 8);
    const method = data.readUInt16LE(at + 10);
    const compressedSize = data.readUInt32LE(at + 20);
    const uncompressedSize = data.readUInt32LE(at + 24);
    const nameLength = data.readUInt16LE(at + 28);
    const extraLength = data.readUInt16LE(at + 30);
    const commentLength = data.readUInt16LE(at + 32);
    const localOffset = data.readUInt32LE(at + 42);
    const next = at + 46 + nameLength + extraLength + commentLength;
    if (next > end) throw corrupt('bad central directory entry');
    const name = data.toString('utf8', at + 46, at + 46 + nameLength);
    at = next;

    if (flags & 0x1) {
      throw new DocumentError('EXTRACTION_FAILED', 'The DOCX file is encrypted; save it without a password.');
    }
    if (method !== 0 && method !== 8) throw corrupt(`entry "${name}" uses unsupported compression ${method}`);
    if (names.has(name)) throw corrupt(`duplicate entry "${name}"`);
    names.add(name);

    if (localOffset + 30 > centralOffset || data.readUInt32LE(localOffset) !== ZIP_LOCAL_SIGNATURE) {
      throw corrupt(`bad local header for "${name}"`);
    }
    const dataOffset =
      localOffset + 30 + data.readUInt16LE(localOffset + 26) + data.readUInt16LE(localOffset + 28);
    if (dataOffset + compressedSize > centralOffset) throw corrupt(`entry "${name}" runs past the archive`);
    if (method === 0 && compressedSize !== uncompressedSize)
      throw corrupt(`stored entry "${name}" has two sizes`);
    entries.push({ name, method, compressedSize, uncompressedSize, dataOffset });
  }
  if (at !== end) throw corrupt('central directory size mismatch');
  return entries;
}

const MIB = 1024 * 1024;

function formatBytes(bytes: number): string {
  return bytes >= MIB ? `${Math.round((bytes / MIB) * 10) / 10} MiB` : `${bytes} bytes`;
}

/**
 * Zip-bomb guard. First the declared sizes: their sum must stay within `maxUnzippedBytes`. Then the
 * actual ones: every entry is inflated with zlib's `maxOutputLength` set to its declared size, so an
 * entry that lies about its size is caught after producing at most that many bytes. Once this passes,
 * whatever JSZip inflates later is bounded by `maxUnzippedBytes` in total.
 */
export function checkZipSizes(data: Buffer, entries: readonly ZipEntry[], maxUnzippedBytes: number): void {
  let declared = 0;
  for (const entry of entries) declared += entry.uncompressedSize;
  if (declared > maxUnzippedBytes) {
    throw new DocumentError(
      'PAYLOAD_TOO_LARGE',
      `The DOCX file unpacks to ${formatBytes(declared)}, more than the limit of ${formatBytes(maxUnzippedBytes)}.`,
      { limit: maxUnzippedBytes, actual: declared },
    );
  }
  for (const entry of entries) {
    if (entry.method === 0 || entry.compressedSize === 0) {
      if (entry.compressedSize !== entry.uncompressedSize && entry.uncompressedSize !== 0) {
        throw corrupt(`entry "${entry.name}" is empty but declares ${entry.uncompressedSize} bytes`);
      }
      continue;
    }
    const compressed = data.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
    let inflated: Buffer;
    try {
      inflated = inflateRawSync(compressed, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
    } catch (error) {
      if (error instanceof RangeError) {
        throw new DocumentError(
          'EXTRACTION_FAILED',
          `The DOCX file was rejected: entry "${entry.name}" inflates to more than its declared ` +
            `${entry.uncompressedSize} bytes (a zip bomb or a damaged file).`,
        );
      }
      throw corrupt(`entry "${entry.name}" cannot be inflated`);
    }
    if (inflated.length !== entry.uncompressedSize) {
      throw corrupt(
        `entry "${entry.name}" inflates to ${inflated.length} bytes, not ${entry.uncompressedSize}`,
      );
    }
  }
}
