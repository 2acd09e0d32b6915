/**
 * A tiny, strict reader of a ZIP file's central directory, enough to tell a DOCX from other ZIP
 * formats and to stop zip bombs before mammoth (through JSZip) inflates anything. Job inputs use it
 * for XLSX too (services/jobs/input/zip-guard.ts), reading the directory from the archive's tail
 * so that the file is streamed, never held whole.
 *
 * Why our own: mammoth exposes no sizes, and a dependency for ~150 lines of well-specified parsing
 * (APPNOTE.TXT §4.3) is not worth it. It is deliberately stricter than general ZIP readers: no ZIP64,
 * no multi-disk archives, no data before the archive, no encryption, only stored and deflated
 * entries, no duplicate names. A real DOCX or XLSX needs none of those.
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

/** An entry as the central directory describes it; its local header has not been looked at. */
export interface ZipDirectoryEntry {
  name: string;
  /** General-purpose bit flags; bit 3 means the sizes follow the data in a data descriptor. */
  flags: number;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Offset of the entry's local header. */
  localOffset: number;
}

export interface ZipEntry extends ZipDirectoryEntry {
  /** Offset of the entry's compressed bytes (after its local header). */
  dataOffset: number;
}

export interface ZipDirectory {
  /** In central-directory order. */
  entries: ZipDirectoryEntry[];
  /** Where the central directory starts: the end of the last entry's data. */
  centralOffset: number;
  /** The archive's length in bytes. */
  archiveLength: number;
}

/**
 * `kind` names the file in messages: 'DOCX' for the document extractor, 'XLSX' for job inputs.
 * Either way the reader is the same strict one.
 */
function corrupt(message: string, kind: string): DocumentError {
  return new DocumentError(
    'EXTRACTION_FAILED',
    `The ${kind} file is damaged or not a valid ZIP archive: ${message}.`,
  );
}

function findEndOfCentralDirectory(tail: Buffer, kind: string): number {
  const last = tail.length - END_MIN_LENGTH;
  const first = Math.max(0, last - MAX_COMMENT_LENGTH);
  for (let i = last; i >= first; i--) {
    if (
      tail.readUInt32LE(i) === END_SIGNATURE &&
      i + END_MIN_LENGTH + tail.readUInt16LE(i + 20) === tail.length
    ) {
      return i;
    }
  }
  throw corrupt('no end of central directory record', kind);
}

/**
 * Reads the central directory from the end of an archive, without its local headers: `tail` holds
 * the archive's last bytes, starting at offset `tailOffset` (0 when it is the whole archive). A
 * caller that streams the archive keeps only its tail (the comment, at most 64 KiB, and the
 * directory); a directory that starts before the tail is refused. Every size and offset is checked
 * against the archive's length.
 */
export function readZipDirectory(tail: Buffer, tailOffset: number, kind = 'DOCX'): ZipDirectory {
  if (tail.length < END_MIN_LENGTH) throw corrupt('too short', kind);
  const endInTail = findEndOfCentralDirectory(tail, kind);
  const end = tailOffset + endInTail;
  const disk = tail.readUInt16LE(endInTail + 4);
  const centralDisk = tail.readUInt16LE(endInTail + 6);
  const entriesOnDisk = tail.readUInt16LE(endInTail + 8);
  const count = tail.readUInt16LE(endInTail + 10);
  const centralSize = tail.readUInt32LE(endInTail + 12);
  const centralOffset = tail.readUInt32LE(endInTail + 16);
  if (count === 0xffff || centralSize === 0xffffffff || centralOffset === 0xffffffff) {
    throw corrupt('ZIP64 archives are not supported', kind);
  }
  if (disk !== 0 || centralDisk !== 0 || entriesOnDisk !== count) throw corrupt('multi-disk archive', kind);
  // JSZip shifts every offset when the directory is not where the record says (data prepended to
  // the archive); requiring an exact fit means both readers see the same bytes.
  if (centralOffset + centralSize !== end) {
    throw corrupt('central directory is not where the archive says', kind);
  }
  if (count > MAX_ENTRIES) throw corrupt(`more than ${MAX_ENTRIES} entries`, kind);
  if (centralOffset < tailOffset) throw corrupt('central directory is too large', kind);

  const entries: ZipDirectoryEntry[] = [];
  const names = new Set<string>();
  let at = centralOffset - tailOffset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > endInTail || tail.readUInt32LE(at) !== CENTRAL_SIGNATURE)
      throw corrupt('bad central directory entry', kind);
    const flags = tail.readUInt16LE(at + 8);
    const method = tail.readUInt16LE(at + 10);
    const compressedSize = tail.readUInt32LE(at + 20);
    const uncompressedSize = tail.readUInt32LE(at + 24);
    const nameLength = tail.readUInt16LE(at + 28);
    const extraLength = tail.readUInt16LE(at + 30);
    const commentLength = tail.readUInt16LE(at + 32);
    const localOffset = tail.readUInt32LE(at + 42);
    const next = at + 46 + nameLength + extraLength + commentLength;
    if (next > endInTail) throw corrupt('bad central directory entry', kind);
    const name = tail.toString('utf8', at + 46, at + 46 + nameLength);
    at = next;

    if (flags & 0x1) {
      throw new DocumentError(
        'EXTRACTION_FAILED',
        `The ${kind} file is encrypted; save it without a password.`,
      );
    }
    if (method !== 0 && method !== 8) {
      throw corrupt(`entry "${name}" uses unsupported compression ${method}`, kind);
    }
    if (names.has(name)) throw corrupt(`duplicate entry "${name}"`, kind);
    names.add(name);
    if (localOffset + 30 + compressedSize > centralOffset) {
      throw corrupt(`entry "${name}" runs past the archive`, kind);
    }
    if (method === 0 && compressedSize !== uncompressedSize) {
      throw corrupt(`stored entry "${name}" has two sizes`, kind);
    }
    entries.push({ name, flags, method, compressedSize, uncompressedSize, localOffset });
  }
  if (at !== endInTail) throw corrupt('central directory size mismatch', kind);
  return { entries, centralOffset, archiveLength: tailOffset + tail.length };
}

/** Lists the archive's entries from its central directory, checking every offset against the buffer. */
export function readZipEntries(data: Buffer, kind = 'DOCX'): ZipEntry[] {
  const { entries, centralOffset } = readZipDirectory(data, 0, kind);
  return entries.map((entry) => {
    const { name, localOffset, compressedSize } = entry;
    if (data.readUInt32LE(localOffset) !== ZIP_LOCAL_SIGNATURE) {
      throw corrupt(`bad local header for "${name}"`, kind);
    }
    const dataOffset =
      localOffset + 30 + data.readUInt16LE(localOffset + 26) + data.readUInt16LE(localOffset + 28);
    if (dataOffset + compressedSize > centralOffset) {
      throw corrupt(`entry "${name}" runs past the archive`, kind);
    }
    return { ...entry, dataOffset };
  });
}

const MIB = 1024 * 1024;

function formatBytes(bytes: number): string {
  return bytes >= MIB ? `${Math.round((bytes / MIB) * 10) / 10} MiB` : `${bytes} bytes`;
}

/**
 * The first half of the zip-bomb guard: the sum of the declared sizes must stay within
 * `maxUnzippedBytes`. It needs only the central directory, so a streaming reader can run it before
 * anything is inflated; the sizes are then enforced as the entries are inflated.
 */
export function checkDeclaredZipSize(
  entries: readonly ZipDirectoryEntry[],
  maxUnzippedBytes: number,
  kind = 'DOCX',
): void {
  let declared = 0;
  for (const entry of entries) declared += entry.uncompressedSize;
  if (declared > maxUnzippedBytes) {
    throw new DocumentError(
      'PAYLOAD_TOO_LARGE',
      `The ${kind} file unpacks to ${formatBytes(declared)}, more than the limit of ${formatBytes(maxUnzippedBytes)}.`,
      { limit: maxUnzippedBytes, actual: declared },
    );
  }
}

/**
 * Zip-bomb guard. First the declared sizes: their sum must stay within `maxUnzippedBytes`. Then the
 * actual ones: every entry is inflated with zlib's `maxOutputLength` set to its declared size, so an
 * entry that lies about its size is caught after producing at most that many bytes. Once this passes,
 * whatever JSZip inflates later is bounded by `maxUnzippedBytes` in total.
 */
export function checkZipSizes(
  data: Buffer,
  entries: readonly ZipEntry[],
  maxUnzippedBytes: number,
  kind = 'DOCX',
): void {
  checkDeclaredZipSize(entries, maxUnzippedBytes, kind);
  for (const entry of entries) {
    if (entry.method === 0 || entry.compressedSize === 0) {
      if (entry.compressedSize !== entry.uncompressedSize && entry.uncompressedSize !== 0) {
        throw corrupt(`entry "${entry.name}" is empty but declares ${entry.uncompressedSize} bytes`, kind);
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
          `The ${kind} file was rejected: entry "${entry.name}" inflates to more than its declared ` +
            `${entry.uncompressedSize} bytes (a zip bomb or a damaged file).`,
        );
      }
      throw corrupt(`entry "${entry.name}" cannot be inflated`, kind);
    }
    if (inflated.length !== entry.uncompressedSize) {
      throw corrupt(
        `entry "${entry.name}" inflates to ${inflated.length} bytes, not ${entry.uncompressedSize}`,
        kind,
      );
    }
  }
}
