import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import { RECORD_HEADER_BYTES, TAG_BYTES, type Header } from './header.ts';

/** Sealing and opening of one record (see header.ts for the layout and why). */

const LAST_FLAG = 0x8000_0000;

export function recordHeader(length: number, last: boolean): Buffer {
  const word = Buffer.alloc(RECORD_HEADER_BYTES);
  word.writeUInt32BE((last ? LAST_FLAG : 0) + length, 0);
  return word;
}

export function parseRecordHeader(word: Buffer): { length: number; last: boolean } {
  const value = word.readUInt32BE(0);
  return { length: value & 0x7fff_ffff, last: value >= LAST_FLAG };
}

/** The record's ciphertext (or plaintext, unprotected) followed by its 16-byte tag. */
export function sealRecord(
  header: Header,
  key: Buffer | undefined,
  counter: bigint,
  word: Buffer,
  plaintext: Buffer,
): Buffer {
  if (key === undefined) return Buffer.concat([plaintext, digestTag(header, counter, word, plaintext)]);
  const cipher = createCipheriv('aes-256-gcm', key, nonceFor(header, counter), { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.concat([header.bytes, word]));
  return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

/** The record's plaintext, or undefined when its tag does not match. */
export function openRecord(
  header: Header,
  key: Buffer | undefined,
  counter: bigint,
  word: Buffer,
  body: Buffer,
): Buffer | undefined {
  const content = body.subarray(0, body.length - TAG_BYTES);
  const tag = body.subarray(body.length - TAG_BYTES);
  if (key === undefined) return digestTag(header, counter, word, content).equals(tag) ? content : undefined;
  const decipher = createDecipheriv('aes-256-gcm', key, nonceFor(header, counter), {
    authTagLength: TAG_BYTES,
  });
  decipher.setAAD(Buffer.concat([header.bytes, word]));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(content), decipher.final()]);
  } catch {
    return undefined;
  }
}

/** nonce base XOR the 64-bit record counter (in the nonce's last 8 bytes). */
function nonceFor(header: Header, counter: bigint): Buffer {
  const nonce = Buffer.from(header.nonceBase);
  const low = nonce.readBigUInt64BE(4) ^ counter;
  nonce.writeBigUInt64BE(low, 4);
  return nonce;
}

function digestTag(header: Header, counter: bigint, word: Buffer, plaintext: Buffer): Buffer {
  const position = Buffer.alloc(8);
  position.writeBigUInt64BE(counter, 0);
  return createHash('sha256')
    .update(header.bytes)
    .update(position)
    .update(word)
    .update(plaintext)
    .digest()
    .subarray(0, TAG_BYTES);
}
