import { expect } from 'vitest';
import { HttpSession, requestOnNewConnection, statusCounts, type RawResponse } from '../real-http.ts';

export const CLIENTS = 100;

/**
 * `clients` calls with one API key, each on its own connection, all started in the same tick and
 * spread round-robin over the servers' URLs (one server, or several sharing Redis).
 */
export function burst(
  urls: readonly string[],
  key: string,
  path: string,
  body: unknown,
  clients = CLIENTS,
): Promise<RawResponse[]> {
  return Promise.all(
    Array.from({ length: clients }, (_, i) =>
      requestOnNewConnection(`${urls[i % urls.length]}${path}`, {
        headers: { 'x-api-key': key },
        json: body,
      }),
    ),
  );
}

export interface BurstOutcome {
  successes: number;
  rejections: number;
  counts: Record<number, number>;
  /** Rejections whose message names the daily row budget (the rest name the hourly one). */
  rowRejections: number;
  /** X-RateLimit-Remaining of each success, in ascending order. */
  remaining: number[];
}

/**
 * Every answer is either a success or a 429 in the error envelope with Retry-After and the
 * X-RateLimit headers; anything else (a 5xx, a lost connection) fails the test here.
 */
export function judgeBurst(responses: readonly RawResponse[]): BurstOutcome {
  const counts = statusCounts(responses);
  const unexpected = responses.filter((r) => r.status !== 200 && r.status !== 429);
  expect(unexpected.map((r) => `${r.status} ${r.body.slice(0, 200)}`)).toEqual([]);
  let rowRejections = 0;
  for (const response of responses.filter((r) => r.status === 429)) {
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const envelope = JSON.parse(response.body) as { error: string; code: string; request_id: string };
    expect(envelope).toMatchObject({ code: 'RATE_LIMIT_EXCEEDED', request_id: expect.any(String) });
    expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    if (/rows/.test(envelope.error)) rowRejections += 1;
    // Refused by the hourly budget: it is spent.
    else expect(response.headers['x-ratelimit-remaining']).toBe('0');
  }
  return {
    successes: counts[200] ?? 0,
    rejections: counts[429] ?? 0,
    counts,
    rowRejections,
    remaining: responses
      .filter((r) => r.status === 200)
      .map((r) => Number(r.headers['x-ratelimit-remaining']))
      .sort((a, b) => a - b),
  };
}

/** The batch call of `items` texts used by the row-budget bursts. */
export function batchOf(items: number): { texts: string[] } {
  return { texts: Array.from({ length: items }, (_, i) => `Row ${i + 1} was a lovely surprise.`) };
}

/** A client address per client (X-Forwarded-For, believed with TRUST_PROXY=1). */
function addressOf(client: number): string {
  return `198.51.${100 + Math.floor(client / 250)}.${client % 250}`;
}

/** `clients` accounts, `${prefix}_${i}`, signed up in parallel from their own addresses. */
export async function signUpMany(
  urls: readonly string[],
  prefix: string,
  password: string,
  clients = CLIENTS,
) {
  await Promise.all(
    Array.from({ length: clients }, (_, i) =>
      new HttpSession(urls[i % urls.length] ?? '', { 'x-forwarded-for': addressOf(i) }).signup(
        `${prefix}_${i}`,
        password,
      ),
    ),
  );
}

/**
 * `clients` browsers logging in at once, each from its own client address and connection, spread
 * over the servers: the CSRF tokens are fetched first, then every login is fired in the same tick.
 */
export async function loginBurst(
  urls: readonly string[],
  usernameOf: (client: number) => string,
  passwordOf: (client: number) => string,
  clients = CLIENTS,
): Promise<RawResponse[]> {
  const sessions = await Promise.all(
    Array.from({ length: clients }, async (_, i) => {
      const session = new HttpSession(urls[i % urls.length] ?? '', { 'x-forwarded-for': addressOf(i) });
      await session.prepareLogin();
      return session;
    }),
  );
  return Promise.all(sessions.map((session, i) => session.submitLogin(usernameOf(i), passwordOf(i))));
}

/** 0, 1, …, n − 1: the remaining counts n successes show when each took a place of its own. */
export function eachPlaceOnce(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
