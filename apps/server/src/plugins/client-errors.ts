import type { FastifyServerOptions } from 'fastify';
import { SECURITY_HEADERS } from './security-headers.ts';

const ANSWERS: Record<string, { status: number; reason: string; code: string; message: string }> = {
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    reason: 'Request Timeout',
    code: 'TIMEOUT',
    message: 'the request did not arrive in time',
  },
  HPE_HEADER_OVERFLOW: {
    status: 431,
    reason: 'Request Header Fields Too Large',
    code: 'VALIDATION_ERROR',
    message: 'the request headers are too large',
  },
};
const NOT_HTTP = {
  status: 400,
  reason: 'Bad Request',
  code: 'VALIDATION_ERROR',
  message: 'the request is not valid HTTP/1.1',
};

/**
 * Fastify's `clientErrorHandler`: bytes Node's HTTP parser rejects (a malformed request line,
 * a header without a colon, conflicting lengths, headers over 16 KB) never become a request, so
 * no hook or error handler sees them. Fastify's default answers with a body of its own; this
 * answers in the one envelope, with a request id like every other error, then closes.
 */
export const sendClientError: NonNullable<FastifyServerOptions['clientErrorHandler']> = (error, socket) => {
  // A reset connection has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const answer = (error.code === undefined ? undefined : ANSWERS[error.code]) ?? NOT_HTTP;
  const requestId = crypto.randomUUID();
  const body = JSON.stringify({ error: answer.message, code: answer.code, request_id: requestId });
  const headers = {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    'X-Request-Id': requestId,
    Connection: 'close',
  };
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
  if (socket.writable)
    socket.write(`HTTP/1.1 ${answer.status} ${answer.reason}\r\n${head.join('')}\r\n${body}`);
  socket.destroy(error);
};
