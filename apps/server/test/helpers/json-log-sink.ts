import { Writable } from 'node:stream';

/**
 * A stream to hand pino in place of stdout: each JSON line the logger writes is parsed into
 * `lines`, so a test asserts on the fields of what was logged rather than on text.
 */
export function jsonLogSink<Line>(): { lines: Line[]; sink: Writable } {
  const lines: Line[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) if (line !== '') lines.push(JSON.parse(line) as Line);
      done();
    },
  });
  return { lines, sink };
}
