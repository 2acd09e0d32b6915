import net from 'node:net';

export interface RawAnswer {
  /** The status of the first response, or undefined when the server sent none. */
  status: number | undefined;
  headers: Record<string, string>;
  body: string;
  /** Everything the server sent (several responses when the bytes held several requests). */
  raw: string;
}

/**
 * Writes bytes to the server exactly as given — malformed request lines, duplicate headers,
 * invalid UTF-8, bodies past the limit — and reads until it closes the connection (or the wait
 * ends). fetch and http.request refuse to send most of these.
 */
export function rawExchange(
  port: number,
  chunks: readonly (Buffer | string)[],
  options: { waitMs?: number; endAfterWrite?: boolean; paceBytes?: number } = {},
): Promise<RawAnswer> {
  const waitMs = options.waitMs ?? 10_000;
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(parseFirstResponse(Buffer.concat(received).toString('utf8')));
    };
    const timer = setTimeout(finish, waitMs);
    socket.on('data', (data) => received.push(data));
    socket.on('close', finish);
    // The server may close while we are still writing a body it refused: that is an answer.
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE') finish();
      else reject(error);
    });
    socket.on('connect', () => {
      void (async () => {
        for (const chunk of chunks) {
          const bytes = Buffer.from(chunk);
          const step = options.paceBytes ?? bytes.length;
          for (let at = 0; at < bytes.length; at += step) {
            // Paced: stop once the server has answered, so it is not left with unread bytes
            // (closing a socket with unread data sends a reset that can swallow its answer).
            if (received.length > 0 || socket.destroyed) return;
            socket.write(bytes.subarray(at, at + step));
            if (options.paceBytes !== undefined) await new Promise((done) => setTimeout(done, 2));
          }
        }
        if (options.endAfterWrite === true) socket.end();
      })();
    });
  });
}

function parseFirstResponse(raw: string): RawAnswer {
  const head = /^HTTP\/1\.[01] (\d{3})[^\r\n]*\r\n([\s\S]*?)\r\n\r\n/.exec(raw);
  if (head === null) return { status: undefined, headers: {}, body: '', raw };
  const headers: Record<string, string> = {};
  for (const line of (head[2] ?? '').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = raw.slice(head[0].length);
  const length = Number(headers['content-length']);
  if (Number.isInteger(length)) body = Buffer.from(body, 'utf8').subarray(0, length).toString('utf8');
  else if (headers['transfer-encoding'] === 'chunked') body = unchunk(body);
  return { status: Number(head[1]), headers, body, raw };
}

function unchunk(text: string): string {
  let out = '';
  let rest = text;
  for (;;) {
    const lineEnd = rest.indexOf('\r\n');
    if (lineEnd < 0) return out;
    const size = parseInt(rest.slice(0, lineEnd), 16);
    if (!Number.isFinite(size) || size === 0) return out;
    out += rest.slice(lineEnd + 2, lineEnd + 2 + size);
    rest = rest.slice(lineEnd + 2 + size + 2);
  }
}

/** An HTTP/1.1 request as bytes; `headers` may repeat a name (true duplicate headers on the wire). */
export function requestBytes(
  method: string,
  target: string,
  headers: readonly (readonly [string, string])[],
  body: Buffer = Buffer.alloc(0),
): Buffer {
  const lines = [`${method} ${target} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close'];
  for (const [name, value] of headers) lines.push(`${name}: ${value}`);
  if (!headers.some(([name]) => name.toLowerCase() === 'content-length') && body.length > 0) {
    lines.push(`Content-Length: ${body.length}`);
  }
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), body]);
}
