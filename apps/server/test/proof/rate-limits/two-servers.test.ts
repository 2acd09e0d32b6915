import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  postgresTestDatabase,
  postgresUnavailableReason,
  requirePostgres,
  type TestDatabase,
} from '../../helpers/databases.ts';
import { startServerProcess, type TextaiProcess } from '../../helpers/processes.ts';
import { redisUnavailableReason, requireRedis, TEST_REDIS_URL } from '../../helpers/redis.ts';
import { recordFigures } from '../figures.ts';
import { awayFromHourBoundary, HttpSession } from '../real-http.ts';
import { batchOf, burst, CLIENTS, eachPlaceOnce, judgeBurst, loginBurst, signUpMany } from './burst.ts';

const HOURLY = 37;
const DAILY_ROWS = 50;
const ITEMS_PER_CALL = 3;
const PASSWORD = 'a long passphrase for the limit proof 42';
const LOGIN_FAILURES = 5;

const unavailable = (await postgresUnavailableReason()) ?? (await redisUnavailableReason());
if (unavailable !== null) {
  if (requirePostgres || requireRedis) throw new Error(`PostgreSQL and Redis are required: ${unavailable}`);
  console.warn(`rate limits across two servers: skipped, PostgreSQL or Redis unreachable: ${unavailable}`);
}

/**
 * The same bursts spread over two `textai serve` processes sharing a fresh PostgreSQL database and
 * Redis (under a key prefix of this run's own, so runs never collide): the counters live in Redis,
 * so the two processes together admit exactly the limit, no more.
 */
describe.skipIf(unavailable !== null)(
  'rate limits under concurrency, two servers and Redis',
  { timeout: 180_000 },
  () => {
    const prefix = `proof_limits_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const servers: TextaiProcess[] = [];
    const urls: string[] = [];
    const dataDirs: string[] = [];
    let database: TestDatabase | undefined;
    let session: HttpSession;

    beforeAll(async () => {
      database = await postgresTestDatabase();
      if (database.target.kind !== 'postgres') throw new Error('expected a PostgreSQL database');
      const env = {
        APP_ENV: 'development',
        SECRET_KEY: 'proof-limits-secret-0123456789abcdef01234567',
        BCRYPT_COST: '4',
        DATABASE_URL: database.target.url,
        REDIS_URL: TEST_REDIS_URL,
        REDIS_PREFIX: prefix,
        USER_RATE_LIMIT: String(HOURLY),
        USER_DAILY_ROWS: String(DAILY_ROWS),
        // Client addresses come from X-Forwarded-For: the login bursts below arrive from many.
        TRUST_PROXY: '1',
        LOGIN_MAX_FAILURES: String(LOGIN_FAILURES),
      };
      // One after the other: the first migrates the fresh database, the second finds it migrated.
      for (const name of ['a', 'b']) {
        const dataDir = await mkdtemp(path.join(tmpdir(), `textai-proof-limits-${name}-`));
        dataDirs.push(dataDir);
        const started = await startServerProcess({ ...env, DATA_DIR: dataDir });
        servers.push(started.process);
        urls.push(started.url);
      }
      session = new HttpSession(urls[0] ?? '');
      await session.signup('limit_prover', PASSWORD);
    });
    afterAll(async () => {
      for (const server of servers) server.child.kill('SIGTERM');
      await Promise.all(servers.map((server) => server.exited));
      await database?.drop();
      for (const dir of dataDirs) await rm(dir, { recursive: true, force: true });
      // The run's counters would expire within a day; removed now so Redis holds nothing of ours.
      const redis = new Redis(TEST_REDIS_URL);
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    });

    it(`admits exactly ${HOURLY} of ${CLIENTS} parallel calls with one key across both`, async () => {
      const key = await session.createKey('burst');
      await awayFromHourBoundary();
      const responses = await burst(urls, key, '/api/v1/sentiment', { text: 'What a fine day.' });
      const outcome = judgeBurst(responses);
      const perServer = urls.map(
        (_, s) => responses.filter((r, i) => i % urls.length === s && r.status === 200).length,
      );
      recordFigures('rate-limits', [
        {
          name: `two servers + Redis: ${CLIENTS} parallel calls, limit ${HOURLY}/h`,
          value: `${outcome.successes} × 200 (${perServer.join(' + ')}), ${outcome.rejections} × 429`,
          target: `exactly ${HOURLY} × 200`,
          ok: outcome.successes === HOURLY,
        },
      ]);
      expect(outcome.counts).toEqual({ 200: HOURLY, 429: CLIENTS - HOURLY });
      // Every success took a place of its own: the remaining counts are 36, 35, …, 0, each once.
      expect(outcome.remaining).toEqual(eachPlaceOnce(HOURLY));
      // Each process was sent more calls than the limit, so counters of their own would have
      // admitted more than HOURLY in all: the exact total is what shows the count is shared. (Which
      // process admits how many depends on arrival order; one may admit them all.)
      const sentPerServer = urls.map((_, s) => responses.filter((_r, i) => i % urls.length === s).length);
      expect(sentPerServer.every((n) => n > HOURLY)).toBe(true);
    });

    it('counts batch items against the shared daily row budget exactly', async () => {
      const key = await session.createKey('batch burst');
      await awayFromHourBoundary();
      const outcome = judgeBurst(await burst(urls, key, '/api/v1/batch/sentiment', batchOf(ITEMS_PER_CALL)));
      const expected = Math.min(HOURLY, Math.floor(DAILY_ROWS / ITEMS_PER_CALL));
      recordFigures('rate-limits', [
        {
          name: `two servers + Redis: ${CLIENTS} parallel batch calls of ${ITEMS_PER_CALL} items, ${DAILY_ROWS} rows/day`,
          value: `${outcome.successes} × 200 (${outcome.successes * ITEMS_PER_CALL} rows), ${outcome.rejections} × 429`,
          target: `exactly ${expected} × 200`,
          ok: outcome.successes === expected,
        },
      ]);
      expect(outcome.successes).toBe(expected);
      expect(outcome.rowRejections).toBe(HOURLY - expected);
    });

    it(`logs ${CLIENTS} users in at once through the real throttle; ${CLIENTS} guesses at one get exactly ${LOGIN_FAILURES} tries`, async () => {
      await signUpMany(urls, 'crowd', PASSWORD);
      const logins = await loginBurst(
        urls,
        (i) => `crowd_${i}`,
        () => PASSWORD,
      );
      const loggedIn = logins.filter((r) => r.status === 200).length;
      const guesses = await loginBurst(
        urls,
        () => 'limit_prover',
        (i) => `wrong guess ${i}`,
      );
      const tried = guesses.filter((r) => r.status === 401).length;
      const throttled = guesses.filter((r) => r.status === 429).length;
      recordFigures('rate-limits', [
        {
          name: `two servers + Redis: ${CLIENTS} parallel logins of ${CLIENTS} users from their own addresses`,
          value: `${loggedIn} × 200`,
          target: `${CLIENTS} × 200`,
          ok: loggedIn === CLIENTS,
        },
        {
          name: `two servers + Redis: ${CLIENTS} parallel wrong guesses at one account, LOGIN_MAX_FAILURES ${LOGIN_FAILURES}`,
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
  },
);
