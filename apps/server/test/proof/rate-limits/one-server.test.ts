import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type TextaiProcess } from '../../helpers/processes.ts';
import { recordFigures } from '../figures.ts';
import { awayFromHourBoundary, HttpSession } from '../real-http.ts';
import { batchOf, burst, CLIENTS, eachPlaceOnce, judgeBurst, loginBurst, signUpMany } from './burst.ts';

const HOURLY = 37;
const DAILY_ROWS = 50;
const ITEMS_PER_CALL = 3;
const PASSWORD = 'a long passphrase for the limit proof 42';
const LOGIN_FAILURES = 5;

/**
 * Rate limits under concurrency on one real `textai serve` over loopback HTTP: 100 clients with one
 * key, each on its own connection and fired together, get exactly the hourly limit of successes
 * and a 429 envelope with Retry-After for the rest; batch calls count their items against the
 * daily row budget as exactly as requests count against the hourly one.
 */
describe('rate limits under concurrency, one server', { timeout: 120_000 }, () => {
  let dataDir = '';
  let server: TextaiProcess | undefined;
  let url = '';
  let session: HttpSession;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'textai-proof-limits-'));
    const started = await startServerProcess({
      APP_ENV: 'development',
      DATA_DIR: dataDir,
      SECRET_KEY: 'proof-limits-secret-0123456789abcdef01234567',
      BCRYPT_COST: '4',
      USER_RATE_LIMIT: String(HOURLY),
      USER_DAILY_ROWS: String(DAILY_ROWS),
      // Client addresses come from X-Forwarded-For: the login bursts below arrive from many.
      TRUST_PROXY: '1',
      LOGIN_MAX_FAILURES: String(LOGIN_FAILURES),
    });
    server = started.process;
    url = started.url;
    session = new HttpSession(url);
    await session.signup('limit_prover', PASSWORD);
  });
  afterAll(async () => {
    server?.child.kill('SIGTERM');
    await server?.exited;
    await rm(dataDir, { recursive: true, force: true });
  });

  it(`admits exactly ${HOURLY} of ${CLIENTS} parallel calls with one key`, async () => {
    const key = await session.createKey('burst');
    await awayFromHourBoundary();
    const outcome = judgeBurst(await burst([url], key, '/api/v1/sentiment', { text: 'What a fine day.' }));
    recordFigures('rate-limits', [
      {
        name: `one server: ${CLIENTS} parallel calls, limit ${HOURLY}/h`,
        value: `${outcome.successes} × 200, ${outcome.rejections} × 429`,
        target: `exactly ${HOURLY} × 200`,
        ok: outcome.successes === HOURLY,
      },
    ]);
    expect(outcome.counts).toEqual({ 200: HOURLY, 429: CLIENTS - HOURLY });
    // Every success took a place of its own: the remaining counts are 36, 35, …, 0, each once.
    expect(outcome.remaining).toEqual(eachPlaceOnce(HOURLY));
    // The budget is spent: the next call is refused too.
    const after = judgeBurst(await burst([url], key, '/api/v1/sentiment', { text: 'And another.' }, 1));
    expect(after.rejections).toBe(1);
  });

  it('counts batch items against the daily row budget exactly', async () => {
    const key = await session.createKey('batch burst');
    await awayFromHourBoundary();
    const outcome = judgeBurst(await burst([url], key, '/api/v1/batch/sentiment', batchOf(ITEMS_PER_CALL)));
    // Each call is one request (37 pass the hourly limit) and 3 rows (16 of those fit in 50 rows).
    const expected = Math.min(HOURLY, Math.floor(DAILY_ROWS / ITEMS_PER_CALL));
    recordFigures('rate-limits', [
      {
        name: `one server: ${CLIENTS} parallel batch calls of ${ITEMS_PER_CALL} items, ${DAILY_ROWS} rows/day`,
        value: `${outcome.successes} × 200 (${outcome.successes * ITEMS_PER_CALL} rows), ${outcome.rejections} × 429`,
        target: `exactly ${expected} × 200`,
        ok: outcome.successes === expected,
      },
    ]);
    expect(outcome.successes).toBe(expected);
    expect(outcome.rowRejections).toBe(HOURLY - expected);
    expect(outcome.rejections - outcome.rowRejections).toBe(CLIENTS - HOURLY);
  });

  it(`logs ${CLIENTS} users in at once through the real throttle; ${CLIENTS} guesses at one get exactly ${LOGIN_FAILURES} tries`, async () => {
    await signUpMany([url], 'crowd', PASSWORD);
    const logins = await loginBurst(
      [url],
      (i) => `crowd_${i}`,
      () => PASSWORD,
    );
    const loggedIn = logins.filter((r) => r.status === 200).length;
    const guesses = await loginBurst(
      [url],
      () => 'limit_prover',
      (i) => `wrong guess ${i}`,
    );
    const tried = guesses.filter((r) => r.status === 401).length;
    const throttled = guesses.filter((r) => r.status === 429).length;
    recordFigures('rate-limits', [
      {
        name: `one server: ${CLIENTS} parallel logins of ${CLIENTS} users from their own addresses`,
        value: `${loggedIn} × 200`,
        target: `${CLIENTS} × 200`,
        ok: loggedIn === CLIENTS,
      },
      {
        name: `one server: ${CLIENTS} parallel wrong guesses at one account, LOGIN_MAX_FAILURES ${LOGIN_FAILURES}`,
        value: `${tried} tried (401), ${throttled} × 429`,
        target: `exactly ${LOGIN_FAILURES} tried`,
        ok: tried === LOGIN_FAILURES,
      },
    ]);
    expect(loggedIn).toBe(CLIENTS);
    expect({ tried, throttled }).toEqual({ tried: LOGIN_FAILURES, throttled: CLIENTS - LOGIN_FAILURES });
    for (const response of guesses.filter((r) => r.status === 429)) {
      expect(JSON.parse(response.body)).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
      expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    }
  });
});
