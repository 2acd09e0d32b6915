import { toJsonText } from './hostile-values.ts';
import type { BodyCase } from './hostile-bodies.ts';
import type { MultipartPart } from './hostile-multipart.ts';
import type { CredentialTwist } from './hostile-requests.ts';

export interface EncodedBody {
  payload?: Buffer;
  contentType?: string;
}

/**
 * multipart/form-data written by hand rather than with FormData: the fuzz needs what FormData
 * refuses to write (duplicate and odd field names, quotes in filenames, a wrong or missing
 * boundary, a body cut short).
 */
function encodeMultipart(parts: readonly MultipartPart[], mangle: string): EncodedBody {
  const boundary = `----fuzz${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.file ? `; filename="${part.file.filename}"` : ''}`;
    const type =
      part.file && part.file.contentType !== '' ? `\r\nContent-Type: ${part.file.contentType}` : '';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}${type}\r\n\r\n`, 'utf8'));
    chunks.push(part.file ? Buffer.from(part.file.data) : Buffer.from(part.value, 'utf8'));
    chunks.push(Buffer.from('\r\n'));
  }
  if (mangle !== 'no-closing-delimiter') chunks.push(Buffer.from(`--${boundary}--\r\n`));
  let payload = Buffer.concat(chunks);
  if (mangle === 'truncated') payload = payload.subarray(0, Math.floor(payload.length / 2));
  const contentType =
    mangle === 'no-boundary'
      ? 'multipart/form-data'
      : `multipart/form-data; boundary=${mangle === 'wrong-boundary' ? 'not-the-boundary' : boundary}`;
  return { payload, contentType };
}

export function encodeBody(body: BodyCase): EncodedBody {
  switch (body.kind) {
    case 'none':
      return {};
    case 'json':
      return { payload: Buffer.from(toJsonText(body.value), 'utf8'), contentType: body.contentType };
    case 'raw':
      return {
        payload: Buffer.from(body.bytes),
        ...(body.contentType === undefined ? {} : { contentType: body.contentType }),
      };
    case 'multipart':
      return encodeMultipart(body.parts, body.mangle);
  }
}

/**
 * The identity's headers bent by the twist. Duplicate headers are written the way Node's HTTP
 * parser hands them to the app (custom headers joined with ", "); the real-HTTP test sends true
 * duplicates on the wire.
 */
export function credentialHeaders(
  identity: Record<string, string>,
  twist: CredentialTwist,
): Record<string, string> {
  const headers = { ...identity };
  const csrf = headers['x-csrf-token'];
  const bearer = headers['authorization'];
  switch (twist) {
    case 'none':
      return headers;
    case 'no-csrf':
      delete headers['x-csrf-token'];
      return headers;
    case 'wrong-csrf':
      return { ...headers, 'x-csrf-token': 'not-the-token' };
    case 'duplicate-csrf':
      return csrf === undefined ? headers : { ...headers, 'x-csrf-token': `${csrf}, ${csrf}` };
    case 'bad-key':
      return { ...headers, authorization: 'Bearer tai_0000000000000000000000000000000000000000' };
    case 'duplicate-key': {
      const key = bearer?.replace(/^Bearer /, '') ?? 'tai_missing';
      return { ...headers, 'x-api-key': `${key}, ${key}` };
    }
    case 'key-and-cookie':
      return {
        ...headers,
        authorization: bearer ?? 'Bearer tai_x',
        cookie: headers['cookie'] ?? 'tai_session=forged',
      };
  }
}
