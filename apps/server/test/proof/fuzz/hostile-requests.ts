import { TOOL_NAMES } from '@textai/contracts';
import fc from 'fast-check';
import {
  deepNesting,
  hostileJson,
  hostileString,
  hugeString,
  invalidUtf8,
  PATH_LIKE,
  plainText,
  prose,
  SQL_LIKE,
  type FuzzValue,
} from './hostile-values.ts';
import { shapedObject, shapedValue, type JsonSchema, type OperationShape } from './schema-shaped.ts';

/** Every byte outside the unreserved set percent-encoded (lone surrogates become U+FFFD's bytes). */
export function percentEncode(text: string): string {
  let encoded = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    encoded += /[A-Za-z0-9._~-]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded;
}

/** Path segments sent as they are: traversal, broken and null escapes, ids of the wrong type. */
const RAW_SEGMENTS = [
  '..',
  '.',
  '%2e%2e',
  '%2E%2E%2F%2E%2E',
  '..%2f..%2fpackage.json',
  '%00',
  'a%00b',
  '%ff',
  '%',
  '%zz',
  '%C0%AF',
  '%E2%82',
  '1',
  '0',
  '-1',
  '1.5',
  '1e309',
  '9999999999999999999999',
  'true',
  'null',
  '[]',
  '{}',
  'NaN',
  '00000000-0000-0000-0000-000000000000',
] as const;

const hostileSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...RAW_SEGMENTS),
  fc.uuid(),
  hostileString.map((value) => percentEncode(plainText(value))),
  fc.integer({ min: 150, max: 5000 }).map((length) => 'i'.repeat(length)),
);

/** The wildcard's tail (static files, the web app, the docs' assets). */
const hostileTail: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'index.html',
    'favicon.svg',
    'assets/does-not-exist.js',
    '.env',
    '.git/config',
    '../package.json',
    'assets/..%2f..%2f..%2fpackage.json',
    '%2e%2e/%2e%2e/etc/passwd',
    'sentiment',
    'history/..',
    'a/b/c/d/e/f/g',
    'index.html%00.js',
    'swagger-ui.css',
    'swagger-initializer.js',
  ),
  fc.array(hostileSegment, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/')),
);

/** A value for each `:param` and `*` of a route pattern: plausible (so handlers run) or hostile. */
function pathFor(url: string, realIds: readonly string[]): fc.Arbitrary<string> {
  const parts = url.split(/(:[A-Za-z_]+|\*)/).filter((p) => p !== '');
  return fc
    .tuple(
      ...parts.map((part): fc.Arbitrary<string> => {
        if (part === '*') return hostileTail;
        if (part === ':tool')
          return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...TOOL_NAMES) }, hostileSegment);
        if (part.startsWith(':')) {
          return realIds.length > 0
            ? fc.oneof(
                { weight: 1, arbitrary: fc.constantFrom(...realIds) },
                { weight: 3, arbitrary: hostileSegment },
              )
            : hostileSegment;
        }
        return fc.constant(part);
      }),
    )
    .map((values) => values.join(''));
}

const HOSTILE_QUERY_KEYS = [
  '__proto__[polluted]',
  'constructor[prototype][polluted]',
  'a[]',
  'a[b][c]',
  'format',
  'tz',
];

function queryFor(shape: OperationShape): fc.Arbitrary<string> {
  const documented = shape.query.map((q) =>
    fc
      .tuple(fc.constant(q.name), shapedValue(q.schema))
      .map(([name, value]) => [name, plainText(value)] as const),
  );
  const hostile = fc.tuple(
    fc.oneof(fc.constantFrom(...HOSTILE_QUERY_KEYS), fc.string({ maxLength: 12 })),
    hostileString.map(plainText),
  );
  const pair =
    documented.length > 0 ? fc.oneof({ weight: 3, arbitrary: fc.oneof(...documented) }, hostile) : hostile;
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant('') },
    {
      weight: 6,
      arbitrary: fc
        .array(pair, { minLength: 1, maxLength: 5 })
        .map((pairs) => `?${pairs.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&')}`),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '?%',
        '?a=%ff%fe',
        '?&&&==&',
        '?limit=1&limit=2&limit=3',
        '?tz=../../etc/localtime',
        '?tz=Mars/Olympus_Mons',
        `?${'a='.repeat(3000)}`,
        `?q=${'x'.repeat(20_000)}`,
        '?format=csv%00json',
        `?offset=${encodeURIComponent(SQL_LIKE[2])}`,
      ),
    },
  );
}

export type BodyCase =
  | { kind: 'none' }
  | { kind: 'json'; value: FuzzValue; contentType: string }
  | { kind: 'raw'; label: string; bytes: Uint8Array; contentType?: string }
  | { kind: 'multipart'; parts: MultipartPart[]; mangle: MultipartMangle };

export interface MultipartPart {
  name: string;
  value: string;
  file?: { filename: string; contentType: string; data: Uint8Array };
}

export type MultipartMangle =
  'none' | 'wrong-boundary' | 'no-boundary' | 'truncated' | 'no-closing-delimiter';

const WRONG_CONTENT_TYPES = [
  'text/plain',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'APPLICATION/JSON',
  'application/json, text/plain',
  'application/vnd.api+json',
  'application/octet-stream',
  'text/html; charset=utf-8',
  'image/png',
] as const;

const PROTO_BODIES = [
  '{"__proto__":{"tier":"admin","polluted":true},"text":"hello"}',
  '{"constructor":{"prototype":{"polluted":true}},"text":"hello"}',
  '{"text":"hi","__proto__":null}',
  '[{"__proto__":{"polluted":1}}]',
] as const;

const enc = (text: string) => new TextEncoder().encode(text);

/** A JSON body whose text has bytes that are not UTF-8, in a value, a key or alone. */
const invalidUtf8Body: fc.Arbitrary<BodyCase> = fc
  .tuple(invalidUtf8, fc.constantFrom('value', 'key', 'bare'))
  .map(([bytes, where]) => {
    const [before, after] =
      where === 'value' ? ['{"text":"ok ', '"}'] : where === 'key' ? ['{"', '":"x","text":"ok"}'] : ['', ''];
    return {
      kind: 'raw' as const,
      label: `invalid UTF-8 in ${where}`,
      bytes: Uint8Array.from([...enc(before), ...bytes, ...enc(after)]),
      contentType: 'application/json',
    };
  });

const FILE_FIELDS = ['file', 'resume', 'job_description'] as const;
const FORM_FIELDS = [
  'tool',
  'column',
  'title_column',
  'resume_column',
  'job_column',
  'job_description',
  'resume',
  'format',
  'delimiter',
  'sheet',
  'sentences',
  'ratio',
  'explain',
] as const;

const fileContents: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.constantFrom(
    enc('text\nI love it\nThis is bad\n'),
    enc('id,text\n1,"unterminated\n2,x\n'),
    enc('\uFEFFtext;other\n"a";"b"\n'),
    enc('{"text":"fine"}\n{"text":\n[1,2]\n'),
    enc('%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage'),
    enc('PK\u0003\u0004 not really a zip'),
    enc('=HYPERLINK("http://x","y"),@SUM(1)\n'),
    new Uint8Array(0),
  ),
  fc.uint8Array({ maxLength: 2048 }),
  invalidUtf8.map((bytes) => Uint8Array.from([...enc('text\n'), ...bytes, 0x0a])),
);

const filename: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'rows.csv',
    'rows.tsv',
    'rows.jsonl',
    'rows.xlsx',
    'resume.pdf',
    'resume.docx',
    'resume.txt',
    'noext',
    '.csv',
    'a"b.csv',
    'evil.csv.exe',
    `${'n'.repeat(600)}.csv`,
    ...PATH_LIKE,
  ),
  hostileString.map(plainText).map((name) => name.replace(/[\r\n]/g, '') + '.csv'),
);

const multipartPart: fc.Arbitrary<MultipartPart> = fc.oneof(
  fc.record({
    name: fc.oneof(fc.constantFrom(...FORM_FIELDS), fc.string({ maxLength: 10 })),
    value: fc.oneof(
      fc.constantFrom(...TOOL_NAMES, 'text', 'csv', 'xlsx', '0.5', '3'),
      prose,
      hostileString.map(plainText),
    ),
  }),
  fc.record({
    name: fc.oneof(fc.constantFrom(...FILE_FIELDS), fc.string({ maxLength: 10 })),
    value: fc.constant(''),
    file: fc.record({
      filename,
      contentType: fc.constantFrom(
        'text/csv',
        'text/plain',
        'application/pdf',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'application/octet-stream',
        'image/png',
        '',
      ),
      data: fileContents,
    }),
  }),
);

const multipartBody: fc.Arbitrary<BodyCase> = fc.record({
  kind: fc.constant('multipart' as const),
  parts: fc.oneof(
    // A job that is valid, so the upload path runs to the end too.
    fc.constant<MultipartPart[]>([
      { name: 'tool', value: 'sentiment' },
      { name: 'column', value: 'text' },
      {
        name: 'file',
        value: '',
        file: { filename: 'rows.csv', contentType: 'text/csv', data: enc('text\nI love it\n') },
      },
    ]),
    fc.array(multipartPart, { maxLength: 6 }),
  ),
  mangle: fc.constantFrom<MultipartMangle>(
    'none',
    'none',
    'none',
    'wrong-boundary',
    'no-boundary',
    'truncated',
    'no-closing-delimiter',
  ),
});

/** A schema-shaped body with one field (or the whole body) replaced by something far too big. */
function hugeBody(shape: OperationShape): fc.Arbitrary<BodyCase> {
  const keys = Object.keys(shape.body?.properties ?? {});
  const big = fc.oneof(hugeString, deepNesting);
  return fc
    .tuple(fc.constantFrom(...(keys.length > 0 ? keys : ['text'])), big, fc.boolean())
    .map(([key, value, wrapped]) => ({
      kind: 'json' as const,
      value: wrapped ? { [key]: value } : value,
      contentType: 'application/json',
    }));
}

function bodyFor(method: string, shape: OperationShape, multipart: boolean): fc.Arbitrary<BodyCase> {
  const json = (value: fc.Arbitrary<FuzzValue>) =>
    value.map((v): BodyCase => ({ kind: 'json', value: v, contentType: 'application/json' }));
  const schema: JsonSchema = shape.body ?? { type: 'object', properties: {} };
  if (method === 'GET' || method === 'HEAD') {
    return fc.oneof(
      { weight: 12, arbitrary: fc.constant<BodyCase>({ kind: 'none' }) },
      { weight: 1, arbitrary: json(hostileJson) },
    );
  }
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant<BodyCase>({ kind: 'none' }) },
    { weight: 12, arbitrary: json(schema.anyOf !== undefined ? shapedValue(schema) : shapedObject(schema)) },
    { weight: 4, arbitrary: json(hostileJson) },
    { weight: 1, arbitrary: hugeBody(shape) },
    { weight: 2, arbitrary: invalidUtf8Body },
    {
      weight: 2,
      arbitrary: fc
        .tuple(shapedObject(schema), fc.constantFrom(...WRONG_CONTENT_TYPES))
        .map(([value, contentType]): BodyCase => ({ kind: 'json', value, contentType })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom<BodyCase>(
        { kind: 'raw', label: 'empty JSON body', bytes: new Uint8Array(0), contentType: 'application/json' },
        { kind: 'raw', label: 'body without a content type', bytes: enc('{"text":"hi"}') },
        { kind: 'raw', label: 'truncated JSON', bytes: enc('{"text":"hi'), contentType: 'application/json' },
        {
          kind: 'raw',
          label: 'JSON with a BOM',
          bytes: enc('\uFEFF{"text":"hi"}'),
          contentType: 'application/json',
        },
        { kind: 'raw', label: 'NUL bytes', bytes: new Uint8Array(64), contentType: 'application/json' },
      ),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(...PROTO_BODIES).map((text): BodyCase => ({
        kind: 'raw',
        label: 'prototype pollution',
        bytes: enc(text),
        contentType: 'application/json',
      })),
    },
    { weight: multipart ? 8 : 1, arbitrary: multipartBody },
  );
}

export type CredentialTwist =
  'none' | 'no-csrf' | 'wrong-csrf' | 'duplicate-csrf' | 'bad-key' | 'duplicate-key' | 'key-and-cookie';

/** Headers any request may carry, hostile where the server reads them. */
const headerValue = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 60 }),
  fc.constantFrom(
    '',
    ' ',
    'x'.repeat(8000),
    '..',
    '*/*',
    'bytes=999999999-',
    'bytes=-1,0-0,5-2',
    'bytes=a-b',
  ),
);
const extraHeaders: fc.Arbitrary<Record<string, string>> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({}) },
  {
    weight: 1,
    arbitrary: fc.dictionary(
      fc.constantFrom(
        'x-request-id',
        'x-forwarded-for',
        'accept',
        'accept-encoding',
        'accept-language',
        'range',
        'if-none-match',
        'if-modified-since',
        'origin',
        'user-agent',
        'x-api-key',
      ),
      headerValue,
      { maxKeys: 3 },
    ),
  },
);

export interface FuzzCase<Identity extends string> {
  identity: Identity;
  twist: CredentialTwist;
  method: string;
  path: string;
  query: string;
  body: BodyCase;
  headers: Record<string, string>;
}

export function caseFor<Identity extends string>(
  route: { method: string; url: string },
  shape: OperationShape,
  options: { identities: readonly Identity[]; multipart: boolean; realIds: readonly string[] },
): fc.Arbitrary<FuzzCase<Identity>> {
  return fc.record({
    identity: fc.constantFrom(...options.identities),
    twist: fc.oneof(
      { weight: 12, arbitrary: fc.constant<CredentialTwist>('none') },
      {
        weight: 3,
        arbitrary: fc.constantFrom<CredentialTwist>(
          'no-csrf',
          'wrong-csrf',
          'duplicate-csrf',
          'bad-key',
          'duplicate-key',
          'key-and-cookie',
        ),
      },
    ),
    method: fc.constant(route.method),
    path: pathFor(route.url, options.realIds),
    query: queryFor(shape),
    body: bodyFor(route.method, shape, options.multipart),
    headers: extraHeaders,
  });
}
