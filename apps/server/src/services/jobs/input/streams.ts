import { Readable } from 'node:stream';

function toBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw new TypeError('a job input stream must yield bytes or strings');
}

/**
 * Reads the first `bytes` of a stream (fewer at its end) and gives back a stream of all of it, the
 * head included, so the format can be sniffed without a second opening. Only the head is held.
 */
export async function peek(input: Readable, bytes: number): Promise<{ head: Buffer; stream: Readable }> {
  const iterator: AsyncIterator<unknown> = input[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let size = 0;
  let ended = false;
  while (size < bytes) {
    const step = await iterator.next();
    if (step.done === true) {
      ended = true;
      break;
    }
    const chunk = toBuffer(step.value);
    chunks.push(chunk);
    size += chunk.length;
  }
  const all = Buffer.concat(chunks);
  async function* replay(): AsyncGenerator<Buffer> {
    let finished = ended;
    try {
      if (all.length > 0) yield all;
      while (!finished) {
        const step = await iterator.next();
        if (step.done === true) {
          finished = true;
          return;
        }
        yield toBuffer(step.value);
      }
    } finally {
      // Stopped early (or failed): let the source close its file.
      if (!finished) await iterator.return?.();
    }
  }
  return { head: all.subarray(0, bytes), stream: Readable.from(replay(), { objectMode: false }) };
}

/** A source for one reading only: the second call fails, naming what the caller should pass instead. */
export function once(stream: Readable): () => Readable {
  let used = false;
  return () => {
    if (used) {
      throw new Error(
        'this job input was given as a stream, which can be read once; pass a function that opens it again',
      );
    }
    used = true;
    return stream;
  };
}
