import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../helpers/app.ts';
import { createFuzzApp, sendCase } from './fuzz-app.ts';
import { violationOf } from './fuzz-checks.ts';
import type { FuzzCase } from './hostile-requests.ts';
import type { Identities, IdentityName } from './identities.ts';

/**
 * The fuzz's counterexamples, kept as fixed cases: each was a 5xx or an error outside the
 * envelope before its fix (listed in the fuzz's report), and must stay a 4xx in the envelope.
 */
const base: Omit<FuzzCase<IdentityName>, 'method' | 'path' | 'body'> = {
  identity: 'guest',
  twist: 'none',
  query: '',
  headers: {},
};

const REGRESSIONS: { why: string; status: number; fuzzCase: FuzzCase<IdentityName> }[] = [
  {
    why: 'a URL the router cannot decode answered with Fastify’s own body (FST_ERR_BAD_URL)',
    status: 400,
    fuzzCase: {
      ...base,
      method: 'POST',
      path: '/api/v1/batch/%zz',
      body: { kind: 'json', value: null, contentType: 'application/json' },
    },
  },
  {
    why: 'the web app’s catch-all with a broken escape',
    status: 400,
    fuzzCase: { ...base, method: 'GET', path: '/%', body: { kind: 'none' } },
  },
  {
    why: 'a path parameter over maxParamLength answered 414 with Fastify’s own body',
    status: 414,
    fuzzCase: { ...base, method: 'DELETE', path: `/api/v1/jobs/${'i'.repeat(300)}`, body: { kind: 'none' } },
  },
  {
    why: 'multipart without a boundary was a 500 (busboy’s plain Error)',
    status: 400,
    fuzzCase: {
      ...base,
      method: 'POST',
      path: '/api/v1/job-match',
      body: { kind: 'multipart', parts: [], mangle: 'no-boundary' },
    },
  },
  {
    why: 'multipart cut short was a 500 (Unexpected end of multipart data)',
    status: 400,
    fuzzCase: {
      ...base,
      method: 'POST',
      path: '/api/job-match',
      body: { kind: 'multipart', parts: [{ name: 'resume', value: 'x' }], mangle: 'truncated' },
    },
  },
  {
    why: 'a job upload without its closing delimiter was a 500',
    status: 400,
    fuzzCase: {
      ...base,
      identity: 'apiKey',
      method: 'POST',
      path: '/api/v1/jobs',
      body: {
        kind: 'multipart',
        parts: [
          {
            name: 'file',
            value: '',
            file: {
              filename: 'rows.csv',
              contentType: 'text/csv',
              data: new TextEncoder().encode('text\nok\n'),
            },
          },
        ],
        mangle: 'no-closing-delimiter',
      },
    },
  },
];

describe('fuzz counterexamples stay fixed', () => {
  let t: TestApp;
  let identities: Identities;
  beforeAll(async () => {
    ({ t, identities } = await createFuzzApp());
  });
  afterAll(() => t.close());

  it.each(REGRESSIONS)('$why', async ({ status, fuzzCase }) => {
    const answer = await sendCase(t, identities, fuzzCase);
    expect(violationOf(answer)).toBeUndefined();
    expect(answer.status).toBe(status);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'VALIDATION_ERROR' });
  });
});
