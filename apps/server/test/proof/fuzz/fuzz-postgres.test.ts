import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../helpers/app.ts';
import { postgresTestDatabase, postgresUnavailableReason, requirePostgres } from '../../helpers/databases.ts';
import { proofScale, recordFigures } from '../figures.ts';
import { createFuzzApp } from './fuzz-app.ts';
import type { Identities } from './identities.ts';
import { createOwnedResources } from './owned-resources.ts';
import { servedRoutes } from './route-catalogue.ts';
import { fuzzRoutes, runFigures, type RouteFuzzRun } from './route-fuzz.ts';
import type { OpenApiDocument } from './schema-shaped.ts';

/**
 * The same fuzz on PostgreSQL (the scale-out database), at a quarter of the SQLite run's share:
 * what one database stores without complaint another may refuse (a NUL character in text, a
 * number out of an integer column's range), and a refusal must be a 4xx, not a 500.
 */

const SHARE = 0.25;
const seed = Number(process.env['FUZZ_SEED'] ?? Date.now() % 1_000_000_000);
const unavailable = await postgresUnavailableReason();
if (unavailable !== null && !requirePostgres) {
  console.log(`[fuzz] PostgreSQL part skipped: ${unavailable}`);
}

describe.skipIf(unavailable !== null && !requirePostgres)('fuzz on PostgreSQL (app.inject)', () => {
  let t: TestApp;
  let identities: Identities;
  let run: RouteFuzzRun;
  const faults: unknown[] = [];
  const onFault = (error: unknown) => faults.push(error);

  beforeAll(async () => {
    process.on('unhandledRejection', onFault);
    process.on('uncaughtException', onFault);
    ({ t, identities } = await createFuzzApp(await postgresTestDatabase()));
  });
  afterAll(async () => {
    await t.close();
    process.off('unhandledRejection', onFault);
    process.off('uncaughtException', onFault);
  });

  // The fuzz's first PostgreSQL finds, kept as fixed cases: a NUL character in text was a 500
  // (a key name, an id in the path) or lost a whole history batch written in the background.
  it('takes NUL characters in text as SQLite does', async () => {
    const key = await t.app.inject({
      method: 'POST',
      url: '/api/v1/keys',
      headers: identities.headers('session'),
      payload: { name: 'nul\u0000key' },
    });
    expect(key.statusCode).toBe(201);
    const job = await t.app.inject({
      method: 'GET',
      url: '/api/v1/jobs/a%00b/result',
      headers: identities.headers('apiKey'),
    });
    expect(job.statusCode).toBe(404);
    for (const text of ['a NUL \u0000 in the text', 'a plain text beside it']) {
      const analysed = await t.app.inject({
        method: 'POST',
        url: '/api/v1/sentiment',
        headers: identities.headers('apiKey'),
        payload: { text },
      });
      expect(analysed.statusCode).toBe(200);
    }
    await t.app.services.history.flush();
    const history = await t.app.inject({
      method: 'GET',
      url: '/api/v1/history',
      headers: identities.headers('apiKey'),
    });
    const excerpts = (history.json() as { data: { input_excerpt: string }[] }).data.map(
      (e) => e.input_excerpt,
    );
    expect(excerpts).toEqual(expect.arrayContaining(['a NUL \uFFFD in the text', 'a plain text beside it']));
  });

  it(
    'answers every hostile request below 500, every error in the envelope',
    { timeout: (5 + 5 * proofScale()) * 60_000 },
    async () => {
      const routes = servedRoutes(t.app);
      const document = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json<OpenApiDocument>();
      const realIds = [
        identities.targetUserId,
        ...(await createOwnedResources(t, identities.headers('apiKey'))),
      ];
      run = await fuzzRoutes(
        t,
        identities,
        { routes, document, realIds },
        { scale: SHARE * proofScale(), seed },
      );
      const health = await t.app.inject({ method: 'GET', url: '/healthz' });
      recordFigures('fuzz', [
        ...runFigures(run, 'PostgreSQL, in process', faults.length),
        { name: 'cases in total (PostgreSQL, in process)', value: run.tally.total },
      ]);
      expect(run.failures, run.tally.examples.join('\n')).toEqual([]);
      expect(run.tally.byRoute.size).toBe(routes.length);
      expect(faults).toEqual([]);
      expect(health.statusCode).toBe(200);
    },
  );
});
