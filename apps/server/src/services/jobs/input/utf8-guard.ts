import { isUtf8 } from 'node:buffer';
import { Transform, type TransformCallback } from 'node:stream';
import { JobInputError } from './errors.ts';
import { utf16Error } from './format.ts';

const NEWLINE = 0x0a;

/** Bytes a UTF-8 sequence has, from its lead byte; 0 for a byte that cannot start one. */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** How much of `data` ends on a whole UTF-8 sequence; the rest waits for the next chunk. */
function wholeLength(data: Buffer): number {
  for (let i = data.length - 1; i >= Math.max(0, data.length - 3); i--) {
    const byte = data[i] ?? 0;
    if ((byte & 0xc0) !== 0x80) {
      const length = sequenceLength(byte);
      return length > 0 && i + length > data.length ? i : data.length;
    }
  }
  return data.length;
}

/** Offset of the first byte that is not part of valid UTF-8 (only called once we know there is one). */
function firstInvalid(data: Buffer): number {
  let i = 0;
  while (i < data.length) {
    const lead = data[i] ?? 0;
    const length = sequenceLength(lead);
    if (length === 0 || i + length > data.length) return i;
    if (length > 1 && !isUtf8(data.subarray(i, i + length))) return i;
    i += length;
  }
  return data.length;
}

function countNewlines(data: Buffer, end = data.length): number {
  let count = 0;
  let at = data.indexOf(NEWLINE);
  while (at >= 0 && at < end) {
    count += 1;
    at = data.indexOf(NEWLINE, at + 1);
  }
  return count;
}

/**
 * Passes a text file's bytes through unchanged while checking they are UTF-8: drops a UTF-8
 * byte-order mark, refuses UTF-16 (by its mark) and NUL bytes (binary data, or UTF-16 without a
 * mark), and stops at the first invalid sequence with an error naming its line. Without it a
 * Windows-1252 export would be read with U+FFFD in place of every accented letter.
 */
export class Utf8Guard extends Transform {
  private line = 1;
  private started = false;
  private carry: Buffer = Buffer.alloc(0);

  constructor(private readonly label: string) {
    super();
  }

  override _transform(chunk: Buffer | string, _encoding: BufferEncoding, callback: TransformCallback): void {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    let data = this.carry.length > 0 ? Buffer.concat([this.carry, bytes]) : bytes;
    if (!this.started) {
      if (data.length < 3) {
        this.carry = Buffer.from(data);
        callback();
        return;
      }
      this.started = true;
      if ((data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff)) {
        callback(utf16Error(this.label));
        return;
      }
      if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) data = data.subarray(3);
    }
    const whole = wholeLength(data);
    this.carry = whole < data.length ? Buffer.from(data.subarray(whole)) : Buffer.alloc(0);
    const body = data.subarray(0, whole);
    const problem = this.check(body);
    if (problem) {
      callback(problem);
      return;
    }
    this.line += countNewlines(body);
    callback(null, body);
  }

  override _flush(callback: TransformCallback): void {
    if (!this.started) {
      // A file of fewer than 3 bytes: check it like any other chunk.
      this.started = true;
      const data = this.carry;
      this.carry = Buffer.alloc(0);
      if (
        data.length >= 2 &&
        ((data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff))
      ) {
        callback(utf16Error(this.label));
        return;
      }
      callback(this.check(data) ?? null, data);
      return;
    }
    if (this.carry.length > 0) {
      callback(this.invalid(this.line));
      return;
    }
    callback();
  }

  private check(body: Buffer): JobInputError | undefined {
    const nul = body.indexOf(0);
    const valid = isUtf8(body);
    if (valid && nul < 0) return undefined;
    const bad = valid ? body.length : firstInvalid(body);
    if (nul >= 0 && nul < bad) {
      return new JobInputError(
        'UNSUPPORTED_FILE',
        'BINARY_FILE',
        `${this.label} has a NUL byte on line ${this.line + countNewlines(body, nul)}: it is binary data or ` +
          'UTF-16 text, not UTF-8 text. Save it as UTF-8.',
        { line: this.line + countNewlines(body, nul) },
      );
    }
    return this.invalid(this.line + countNewlines(body, bad));
  }

  private invalid(line: number): JobInputError {
    return new JobInputError(
      'UNSUPPORTED_FILE',
      'INVALID_UTF8',
      `${this.label} is not valid UTF-8: line ${line} has bytes that are not UTF-8 text (a Windows or ` +
        'Latin-1 export?). Save it as UTF-8 (in Excel: "CSV UTF-8 (Comma delimited)").',
      { line },
    );
  }
}
