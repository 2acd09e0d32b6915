import { Transform, type TransformCallback } from 'node:stream';
import type { Header } from './header.ts';
import { recordHeader, sealRecord } from './records.ts';

/**
 * Turns the payload into the backup file's bytes: the header, then records of `header.recordSize`
 * plaintext bytes. A record is written as "not last" only once more payload has arrived, so the
 * final record (possibly empty) is always the one marked last.
 */
export class SealStream extends Transform {
  private pending: Buffer = Buffer.alloc(0);
  private counter = 0n;

  constructor(
    private readonly header: Header,
    private readonly key: Buffer | undefined,
  ) {
    super();
    this.push(header.bytes);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const size = this.header.recordSize;
    let offset = 0;
    while (this.pending.length - offset > size) {
      this.emitRecord(this.pending.subarray(offset, offset + size), false);
      offset += size;
    }
    this.pending = Buffer.from(this.pending.subarray(offset));
    done();
  }

  override _flush(done: TransformCallback): void {
    this.emitRecord(this.pending, true);
    done();
  }

  private emitRecord(plaintext: Buffer, last: boolean): void {
    const word = recordHeader(plaintext.length, last);
    this.push(word);
    this.push(sealRecord(this.header, this.key, this.counter, word, plaintext));
    this.counter += 1n;
  }
}
