import { open, type FileHandle } from 'node:fs/promises';
import { BackupError } from '../errors.ts';
import { deriveKeys } from './keys.ts';
import { decodeHeader, HEADER_BYTES, verifyHeaderCheck, type Header } from './header.ts';

export interface OpenedBackupFile {
  handle: FileHandle;
  bytes: number;
  header: Header;
  /** The records' AES key; undefined for an unprotected file. */
  key: Buffer | undefined;
}

/**
 * Opens a backup file and checks its header and key: a file that is not ours, from a newer
 * format, encrypted without a key at hand, or under another key is refused here, before any of
 * its payload is read. The caller closes `handle`.
 */
export async function openBackupFile(file: string, secret: string | undefined): Promise<OpenedBackupFile> {
  const handle = await open(file, 'r').catch((error: NodeJS.ErrnoException) => {
    throw new BackupError(
      'io',
      `cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`,
    );
  });
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new BackupError('not-a-backup', `${file} is not a file`);
    const first = Buffer.alloc(HEADER_BYTES);
    const { bytesRead } = await handle.read(first, 0, HEADER_BYTES, 0);
    const header = decodeHeader(first.subarray(0, bytesRead), info.size);
    let key: Buffer | undefined;
    if (header.encrypted) {
      if (secret === undefined)
        throw new BackupError(
          'key-required',
          'this backup is encrypted: set BACKUP_KEY to the key it was made with',
        );
      const keys = await deriveKeys(secret, header.salt, header.scrypt);
      verifyHeaderCheck(header, keys.check);
      key = keys.encryption;
    } else {
      verifyHeaderCheck(header, undefined);
    }
    return { handle, bytes: info.size, header, key };
  } catch (error) {
    await handle.close();
    throw error;
  }
}
