import fc from 'fast-check';

/**
 * Hostile values for the fuzz. Huge values are kept as small descriptors (a repeated unit, a
 * nesting depth) until a request is built, so a failing case prints as a readable counterexample
 * instead of a megabyte of text.
 */

/** A string of `times` copies of `unit` (a 1 MB word, a very long token). */
export class Repeated {
  constructor(
    readonly unit: string,
    readonly times: number,
  ) {}
  text(): string {
    return this.unit.repeat(this.times);
  }
  [fc.toStringMethod](): string {
    return `${JSON.stringify(this.unit)}.repeat(${this.times})`;
  }
}

/** JSON nested `depth` levels deep: `[[[…]]]` or `{"a":{"a":…}}`. */
export class Nested {
  constructor(
    readonly kind: 'array' | 'object',
    readonly depth: number,
  ) {}
  jsonText(): string {
    return this.kind === 'array'
      ? '['.repeat(this.depth) + ']'.repeat(this.depth)
      : '{"a":'.repeat(this.depth) + '1' + '}'.repeat(this.depth);
  }
  [fc.toStringMethod](): string {
    return `nested ${this.kind} ${this.depth} deep`;
  }
}

export type FuzzValue =
  | string
  | number
  | boolean
  | null
  | Repeated
  | Nested
  | readonly FuzzValue[]
  | { readonly [key: string]: FuzzValue };

/** JSON text of a fuzz value; object keys are written as given, `__proto__` included. */
export function toJsonText(value: FuzzValue): string {
  if (value instanceof Repeated) return JSON.stringify(value.text());
  if (value instanceof Nested) return value.jsonText();
  if (Array.isArray(value)) return `[${value.map((item: FuzzValue) => toJsonText(item)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, FuzzValue>);
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${toJsonText(item)}`).join(',')}}`;
  }
  // NaN and Infinity are not JSON: JSON.stringify writes null, which is what a client would send.
  return JSON.stringify(value);
}

/** The plain text of a string-like fuzz value (for form fields, query strings and path segments). */
export function plainText(value: FuzzValue): string {
  if (value instanceof Repeated) return value.text();
  if (typeof value === 'string') return value;
  return toJsonText(value);
}

const MEGABYTE = 1024 * 1024;

export const PATH_LIKE = [
  '../../../../etc/passwd',
  '..\\..\\..\\windows\\win.ini',
  '/etc/shadow',
  './.env',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '....//....//etc/passwd',
  'C:\\boot.ini',
  'file:///etc/passwd',
  '\\\\server\\share',
  '/dev/zero',
  '~root/.ssh/id_rsa',
] as const;

export const SQL_LIKE = [
  "' OR '1'='1",
  "1' OR 1=1 --",
  "'; DROP TABLE users; --",
  '1; DELETE FROM history',
  '" OR ""="',
  "admin'--",
  '1 UNION SELECT password_hash FROM users',
  "%' AND 1=0 UNION SELECT * FROM sessions --",
  '$1',
  '?',
  '\\x27',
] as const;

export const MARKUP_LIKE = [
  '<script>alert(1)</script>',
  '{{7*7}}',
  '${process.exit(1)}',
  '=cmd|" /C calc"!A0',
  '@SUM(1+1)',
  '\u202Eevil\u202C',
  '\uFEFFbom',
] as const;

/** Strings built to hurt: control characters, lone surrogates, odd Unicode, injections, long runs. */
export const hostileString: fc.Arbitrary<string | Repeated> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), maxLength: 30 }),
  // Lone surrogates: JSON.stringify escapes them, so they reach the server as ill-formed strings.
  fc.string({
    unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
    maxLength: 8,
  }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom(...PATH_LIKE, ...SQL_LIKE, ...MARKUP_LIKE, '', ' ', '\u0000', 'null', 'undefined', 'NaN'),
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'),
  fc
    .record({
      unit: fc.constantFrom('a', 'x', 'é', '😀', '\u0000', ' ', 'ab '),
      times: fc.integer({ min: 1000, max: 20_000 }),
    })
    .map(({ unit, times }) => new Repeated(unit, times)),
);

/** Strings rarely sent because they are expensive: 1 MB single words, tokens longer than any limit. */
export const hugeString: fc.Arbitrary<Repeated> = fc.oneof(
  fc.constant(new Repeated('a', MEGABYTE)),
  fc.constant(new Repeated('supercalifragilistic', 30_000)),
  fc.constant(new Repeated('w ', 60_000)),
  fc.integer({ min: 99_000, max: 101_000 }).map((times) => new Repeated('x', times)),
);

/** Ordinary prose, so that tool routes also run their models on what they receive. */
export const prose: fc.Arbitrary<string> = fc
  .array(
    fc.constantFrom(
      'The product works well and I love it.',
      'Terrible service, never again.',
      'Scientists say the moon is made of cheese, sources claim.',
      'Senior TypeScript engineer with Node.js, PostgreSQL and React experience.',
      'We are hiring a backend developer who knows Fastify and SQL.',
      'It was fine.',
      'Breaking: you will not believe this one trick!!!',
    ),
    { minLength: 1, maxLength: 12 },
  )
  .map((sentences) => sentences.join(' '));

/** Numbers on and over every edge. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -0, -1, 1, 0.5, 2 ** 31, 2 ** 53 + 1, -(2 ** 63), 1e308, Number.MAX_VALUE, 1e-320),
);

export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/** Random JSON with hostile strings and keys, nested a few levels. */
export const hostileJson: fc.Arbitrary<FuzzValue> = fc.letrec<{ value: FuzzValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    hostileNumber,
    hostileString,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(...PROTOTYPE_KEYS)), tie('value'), {
      maxKeys: 4,
    }),
  ),
})).value;

/** Bodies nested far deeper than any parser should follow. */
export const deepNesting: fc.Arbitrary<Nested> = fc
  .record({
    kind: fc.constantFrom('array' as const, 'object' as const),
    depth: fc.constantFrom(100, 1000, 10_000, 100_000),
  })
  .map(({ kind, depth }) => new Nested(kind, depth));

/** Byte sequences that are not UTF-8: stray continuation bytes, overlongs, surrogates, truncations. */
export const invalidUtf8: fc.Arbitrary<Uint8Array> = fc
  .oneof(
    fc.constantFrom(
      [0xff],
      [0xfe, 0xff],
      [0xc0, 0xaf],
      [0xe0, 0x80, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xf8, 0x88, 0x80, 0x80, 0x80],
      [0xc3],
      [0xe2, 0x82],
      [0x80, 0x80, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
    ),
    fc.array(fc.integer({ min: 0x80, max: 0xff }), { minLength: 1, maxLength: 16 }),
  )
  .map((bytes) => Uint8Array.from(bytes));

export const utf8Bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
