import { createTestApp, type TestApp } from '../../helpers/app.ts';
import type { TestDatabase } from '../../helpers/databases.ts';
import { credentialHeaders, encodeBody } from './encode-request.ts';
import type { Answer } from './fuzz-checks.ts';
import type { FuzzCase } from './hostile-requests.ts';
import { Identities, type IdentityName } from './identities.ts';

const PLENTY = '100000000';

/**
 * The app under fuzz: real SQLite, real models, BCRYPT_COST at its floor, and every limit high,
 * so rate limits and lockouts do not hide how the routes treat what they receive.
 */
export async function createFuzzApp(
  database?: TestDatabase,
): Promise<{ t: TestApp; identities: Identities }> {
  const t = await createTestApp(
    {
      BCRYPT_COST: '4',
      GUEST_RATE_LIMIT: PLENTY,
      USER_RATE_LIMIT: PLENTY,
      PRO_RATE_LIMIT: PLENTY,
      GUEST_DAILY_ROWS: PLENTY,
      USER_DAILY_ROWS: PLENTY,
      PRO_DAILY_ROWS: PLENTY,
      LOGIN_MAX_FAILURES: '1000',
      LOGIN_IP_MAX_FAILURES: '100000',
      SIGNUP_IP_LIMIT: '100000',
      LOG_LEVEL: 'silent',
    },
    database === undefined ? {} : { database },
  );
  return { t, identities: await Identities.create(t) };
}

/** Sends one case through app.inject and returns what the properties look at. */
export async function sendCase(
  t: TestApp,
  identities: Identities,
  fuzzCase: FuzzCase<IdentityName>,
): Promise<Answer> {
  const body = encodeBody(fuzzCase.body);
  const headers: Record<string, string> = {
    ...credentialHeaders(identities.headers(fuzzCase.identity), fuzzCase.twist),
    ...fuzzCase.headers,
    ...(body.contentType === undefined ? {} : { 'content-type': body.contentType }),
  };
  const response = await t.app.inject({
    method: fuzzCase.method as 'GET',
    url: fuzzCase.path + fuzzCase.query,
    headers,
    remoteAddress: '10.7.0.1',
    ...(body.payload === undefined ? {} : { payload: body.payload }),
  });
  const contentType = response.headers['content-type'];
  const requestId = response.headers['x-request-id'];
  const noSniff = response.headers['x-content-type-options'];
  return {
    noSniff: typeof noSniff === 'string' ? noSniff : undefined,
    requestId: typeof requestId === 'string' ? requestId : undefined,
    status: response.statusCode,
    contentType: typeof contentType === 'string' ? contentType : undefined,
    body: response.body,
    method: fuzzCase.method,
  };
}
