import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { BackupError } from '../errors.ts';

/**
 * The backup file format, version 1.
 *
 *   header (78 bytes)
 *     0  magic "TEXTAIBK"
 *     8  format version (1)
 *     9  protection: 1 = AES-256-GCM with a key from BACKUP_KEY, 0 = none (SHA-256 integrity only)
 *    10  compression: 1 = gzip
 *    11  scrypt log2(N), r, p (zero when unprotected)
 *    14  record size: most plaintext bytes in one record (u32, big-endian)
 *    18  scrypt salt (16 random bytes)
 *    34  nonce base (12 random bytes)
 *    46  check: HMAC-SHA256(check key, bytes 0..46) when encrypted, else SHA-256(bytes 0..46)
 *   records, each
 *     u32 big-endian: bit 31 = last record, bits 0..30 = plaintext length (at most the record size)
 *     ciphertext, then a 16-byte tag
 *
 * The payload (gzip of a tar archive) is cut into records of 64 KiB, each sealed on its own with
 * AES-256-GCM: nonce = nonce base XOR the record's counter, associated data = the whole header and
 * the record's length word. So a reader checks every record as it streams (constant memory, nothing
 * written before it has been checked), a swapped or repeated record fails (wrong nonce), a file cut
 * at a record boundary fails (no record marked last) and a changed header fails every record.
 * This is the STREAM construction (Hoang, Reyhanitabar, Rogaway, Vizár 2015), as in age and Tink.
 * The separate key check in the header tells a wrong key from a damaged file.
 * Unprotected files (no BACKUP_KEY, refused in production) use the same records with a truncated
 * SHA-256 of header, counter, length word and plaintext as the tag: it catches damage and
 * truncation, not deliberate tampering.
 */

export const MAGIC = Buffer.from('TEXTAIBK', 'ascii');
export const FORMAT_VERSION = 1;
export const HEADER_BYTES = 78;
export const TAG_BYTES = 16;
export const RECORD_HEADER_BYTES = 4;
export const DEFAULT_RECORD_SIZE = 64 * 1024;
/** Bounds what a crafted header can make a reader allocate. */
const MAX_RECORD_SIZE = 16 * 1024 * 1024;
const CHECKED_BYTES = 46;

export interface ScryptParams {
  log2N: number;
  r: number;
  p: number;
}

/** 32 MiB and about 0.1 s per derivation: costly for a guesser, cheap for one backup. */
export const DEFAULT_SCRYPT: ScryptParams = { log2N: 15, r: 8, p: 1 };

export interface Header {
  encrypted: boolean;
  scrypt: ScryptParams;
  recordSize: number;
  salt: Buffer;
  nonceBase: Buffer;
  /** The 78 header bytes as written: associated data of every record. */
  bytes: Buffer;
}

/** A new header; `checkKey` is the key-check half of the derived key (undefined: unprotected). */
export function encodeHeader(
  fields: { scrypt: ScryptParams; salt: Buffer; recordSize?: number },
  checkKey: Buffer | undefined,
): Header {
  const encrypted = checkKey !== undefined;
  const bytes = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(bytes, 0);
  bytes[8] = FORMAT_VERSION;
  bytes[9] = encrypted ? 1 : 0;
  bytes[10] = 1;
  const scrypt = encrypted ? fields.scrypt : { log2N: 0, r: 0, p: 0 };
  bytes[11] = scrypt.log2N;
  bytes[12] = scrypt.r;
  bytes[13] = scrypt.p;
  const recordSize = fields.recordSize ?? DEFAULT_RECORD_SIZE;
  bytes.writeUInt32BE(recordSize, 14);
  fields.salt.copy(bytes, 18);
  const nonceBase = randomBytes(12);
  nonceBase.copy(bytes, 34);
  headerCheck(bytes, checkKey).copy(bytes, CHECKED_BYTES);
  return { encrypted, scrypt, recordSize, salt: fields.salt, nonceBase, bytes };
}

/** Parses and bounds-checks a header; the key check is verified separately (verifyHeaderCheck). */
export function decodeHeader(bytes: Buffer, fileBytes: number): Header {
  if (bytes.length < HEADER_BYTES) {
    const prefix = bytes.subarray(0, Math.min(bytes.length, MAGIC.length));
    if (bytes.length === 0) throw new BackupError('not-a-backup', 'the file is empty: not a TextAI backup');
    if (prefix.equals(MAGIC.subarray(0, prefix.length)))
      throw new BackupError(
        'truncated',
        `the file is truncated: it ends inside its header (${fileBytes} bytes)`,
      );
    throw new BackupError('not-a-backup', 'not a TextAI backup (unknown file signature)');
  }
  if (!bytes.subarray(0, MAGIC.length).equals(MAGIC))
    throw new BackupError('not-a-backup', 'not a TextAI backup (unknown file signature)');
  const version = bytes[8] ?? 0;
  if (version !== FORMAT_VERSION)
    throw new BackupError(
      'unsupported-format',
      `backup format version ${version} is not supported by this release (it reads version ${FORMAT_VERSION}); use the release that wrote it`,
    );
  const protection = bytes[9];
  const compression = bytes[10];
  const recordSize = bytes.readUInt32BE(14);
  const scrypt = { log2N: bytes[11] ?? 0, r: bytes[12] ?? 0, p: bytes[13] ?? 0 };
  const encrypted = protection === 1;
  if ((protection !== 0 && protection !== 1) || compression !== 1)
    throw new BackupError('corrupted', 'the backup header is damaged (unknown protection or compression)');
  if (recordSize < 1024 || recordSize > MAX_RECORD_SIZE)
    throw new BackupError('corrupted', 'the backup header is damaged (impossible record size)');
  if (encrypted && !scryptParamsAcceptable(scrypt))
    throw new BackupError('corrupted', 'the backup header is damaged (impossible key-derivation parameters)');
  return {
    encrypted,
    scrypt,
    recordSize,
    salt: Buffer.from(bytes.subarray(18, 34)),
    nonceBase: Buffer.from(bytes.subarray(34, 46)),
    bytes: Buffer.from(bytes.subarray(0, HEADER_BYTES)),
  };
}

/** Throws wrong-key (encrypted) or corrupted (unprotected) when the header's check does not match. */
export function verifyHeaderCheck(header: Header, checkKey: Buffer | undefined): void {
  const expected = headerCheck(header.bytes, checkKey);
  const stored = header.bytes.subarray(CHECKED_BYTES, HEADER_BYTES);
  if (timingSafeEqual(expected, stored)) return;
  if (header.encrypted)
    throw new BackupError('wrong-key', 'wrong BACKUP_KEY for this backup (or its header is damaged)');
  throw new BackupError('corrupted', 'the backup header is damaged (its checksum does not match)');
}

/** Memory scrypt needs for these parameters (Node refuses above its `maxmem`). */
export function scryptMemory(params: ScryptParams): number {
  return 128 * 2 ** params.log2N * params.r * (params.p + 1);
}

function scryptParamsAcceptable(params: ScryptParams): boolean {
  return (
    params.log2N >= 10 &&
    params.log2N <= 20 &&
    params.r >= 1 &&
    params.r <= 32 &&
    params.p >= 1 &&
    params.p <= 16 &&
    scryptMemory(params) <= 512 * 1024 * 1024
  );
}

function headerCheck(bytes: Buffer, checkKey: Buffer | undefined): Buffer {
  const checked = bytes.subarray(0, CHECKED_BYTES);
  return checkKey === undefined
    ? createHash('sha256').update(checked).digest()
    : createHmac('sha256', checkKey).update(checked).digest();
}
