import type { FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { BackupError } from '../errors.ts';
import { HEADER_BYTES, RECORD_HEADER_BYTES, TAG_BYTES, type Header } from './header.ts';
import { openRecord, parseRecordHeader } from './records.ts';

/**
 * The payload of a backup file, checked record by record as it is read: a record whose tag fails,
 * a file that ends before the record marked last, or bytes after it stop the stream with a
 * BackupError before the unchecked bytes reach anyone.
 */
export function openPayload(
  handle: FileHandle,
  fileBytes: number,
  header: Header,
  key: Buffer | undefined,
): Readable {
  return Readable.from(records(handle, fileBytes, header, key), { objectMode: false });
}

async function* records(
  handle: FileHandle,
  fileBytes: number,
  header: Header,
  key: Buffer | undefined,
): AsyncGenerator<Buffer> {
  let position = HEADER_BYTES;
  for (let counter = 0n; ; counter += 1n) {
    if (position === fileBytes) throw truncated(fileBytes, 'at a segment boundary, before its last segment');
    const word = await readExactly(handle, position, RECORD_HEADER_BYTES, fileBytes);
    const { length, last } = parseRecordHeader(word);
    if (length > header.recordSize)
      throw new BackupError(
        'corrupted',
        `the backup is corrupted: segment ${counter} at byte ${position} is damaged`,
      );
    const body = await readExactly(handle, position + RECORD_HEADER_BYTES, length + TAG_BYTES, fileBytes);
    const plaintext = openRecord(header, key, counter, word, body);
    if (plaintext === undefined)
      throw new BackupError(
        'corrupted',
        `the backup is corrupted or was modified: segment ${counter} at byte ${position} fails its ${
          header.encrypted ? 'authentication' : 'checksum'
        } check`,
      );
    position += RECORD_HEADER_BYTES + length + TAG_BYTES;
    if (plaintext.length > 0) yield plaintext;
    if (last) break;
  }
  if (position !== fileBytes)
    throw new BackupError(
      'corrupted',
      `the backup is corrupted: ${fileBytes - position} unexpected bytes after its last segment`,
    );
}

async function readExactly(handle: FileHandle, position: number, length: number, fileBytes: number) {
  if (position + length > fileBytes) throw truncated(fileBytes, 'inside a segment');
  const buffer = Buffer.alloc(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled);
    if (bytesRead === 0) throw truncated(position + filled, 'inside a segment');
    filled += bytesRead;
  }
  return buffer;
}

function truncated(fileBytes: number, where: string): BackupError {
  return new BackupError('truncated', `the backup is truncated: it ends ${where} (${fileBytes} bytes)`);
}
