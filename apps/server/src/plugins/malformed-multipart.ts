/**
 * The multipart parser (@fastify/busboy) reports a body it cannot parse — no boundary in the
 * Content-Type, a body that ends before its closing delimiter — with plain Errors that carry no
 * code or status, so without this they fell through to the generic 500. They are the client's
 * fault: the error handler answers them 400 VALIDATION_ERROR. Matched on busboy's own messages
 * (@fastify/busboy 3.x), the only thing that tells them apart.
 */
const BUSBOY_MESSAGES = [
  /^Multipart: Boundary not found$/,
  /^Unexpected end of multipart data$/,
  /terminated early due to unexpected end of multipart data$/,
  /^Missing Content-Type-header\.$/,
  /^Unsupported Content-Type\.$/,
  /^Boundary required$/,
];

export function isMalformedMultipart(error: Error): boolean {
  if ('code' in error || 'statusCode' in error) return false;
  return BUSBOY_MESSAGES.some((pattern) => pattern.test(error.message));
}
