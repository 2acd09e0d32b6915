import fc from 'fast-check';
import {
  deepNesting,
  hostileJson,
  hugeString,
  invalidUtf8,
  utf8Bytes as enc,
  type FuzzValue,
} from './hostile-values.ts';
import { multipartBody, type MultipartMangle, type MultipartPart } from './hostile-multipart.ts';
import { shapedObject, shapedValue, type JsonSchema, type OperationShape } from './schema-shaped.ts';

export type BodyCase =
  | { kind: 'none' }
  | { kind: 'json'; value: FuzzValue; contentType: string }
  | { kind: 'raw'; label: string; bytes: Uint8Array; contentType?: string }
  | { kind: 'multipart'; parts: MultipartPart[]; mangle: MultipartMangle };

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

export function bodyFor(method: string, shape: OperationShape, multipart: boolean): fc.Arbitrary<BodyCase> {
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
