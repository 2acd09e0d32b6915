import fc from 'fast-check';
import { bodyFor, type BodyCase } from './hostile-bodies.ts';
import { pathFor, queryFor } from './hostile-urls.ts';
import type { OperationShape } from './schema-shaped.ts';

/** How a case bends its identity's credentials: missing, wrong or doubled CSRF tokens and keys. */
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

/** One hostile request for a route: who sends it, how its credentials are bent, and what it carries. */
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
