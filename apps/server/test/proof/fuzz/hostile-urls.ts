import { TOOL_NAMES } from '@textai/contracts';
import fc from 'fast-check';
import { hostileString, plainText, SQL_LIKE } from './hostile-values.ts';
import { shapedValue, type OperationShape } from './schema-shaped.ts';

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
export function pathFor(url: string, realIds: readonly string[]): fc.Arbitrary<string> {
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

export function queryFor(shape: OperationShape): fc.Arbitrary<string> {
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
