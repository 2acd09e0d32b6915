import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_WEB_ROOT } from '../../../src/plugins/web-app.ts';
import type { TestApp } from '../../helpers/app.ts';
import { proofScale, recordFigures } from '../figures.ts';
import { createFuzzApp } from './fuzz-app.ts';
import type { Identities } from './identities.ts';
import { createOwnedResources } from './owned-resources.ts';
import { planFor, servedRoutes, type ServedRoute } from './route-catalogue.ts';
import { fuzzRoutes, runFigures } from './route-fuzz.ts';
import type { OpenApiDocument } from './schema-shaped.ts';

/**
 * Issue 8's fuzz, in process: every route the app serves (read from its router) gets random and
 * hostile requests — wrong types, hostile strings, huge and deeply nested bodies, invalid UTF-8,
 * wrong content types, hostile multipart, hostile path parameters and query strings — as a guest,
 * a logged-in session with its CSRF token, an API key and an admin. Every answer is below 500 and
 * every error is the contract's envelope; nothing is thrown past the app; it still answers after.
 * FUZZ_SEED=n replays a run (each route's seed is n plus its index); PROOF_SCALE multiplies it.
 */

const MINIMUM_CASES = 10_000;
const seed = Number(process.env['FUZZ_SEED'] ?? Date.now() % 1_000_000_000);

describe('fuzz: every route under hostile input (app.inject)', () => {
  let t: TestApp;
  let identities: Identities;
  let routes: ServedRoute[];
  let document: OpenApiDocument;
  let realIds: string[];
  const faults: unknown[] = [];
  const onFault = (error: unknown) => faults.push(error);

  beforeAll(async () => {
    process.on('unhandledRejection', onFault);
    process.on('uncaughtException', onFault);
    ({ t, identities } = await createFuzzApp());
    routes = servedRoutes(t.app);
    realIds = [identities.targetUserId, ...(await createOwnedResources(t, identities.headers('apiKey')))];
    document = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
  });
  afterAll(async () => {
    await t.close();
    process.off('unhandledRejection', onFault);
    process.off('uncaughtException', onFault);
  });

  it('knows every route the app serves (a new route cannot be left out)', () => {
    expect(routes.length).toBeGreaterThan(50);
    const unplanned = routes
      .filter((route) => planFor(route) === undefined)
      .map((r) => `${r.method} ${r.url}`);
    expect(unplanned, 'routes the fuzz does not cover: add them to route-catalogue.ts').toEqual([]);
    // The catalogue is no catch-all: a route it has never seen is reported, not swallowed.
    expect(planFor({ method: 'POST', url: '/api/v1/a-route-added-later' })).toBeUndefined();
    expect(planFor({ method: 'PUT', url: '/api/v1/keys/:id' })).toBeUndefined();
    // The API aliases, the upload routes and the web app's files (served once it is built) are
    // routes of their own.
    const built = existsSync(path.join(DEFAULT_WEB_ROOT, 'index.html'));
    for (const url of ['/', '/api/sentiment', '/api/batch/:tool', '/api/v1/jobs', ...(built ? ['/*'] : [])]) {
      expect(routes.some((route) => route.url === url)).toBe(true);
    }
  });

  it(
    'answers every hostile request below 500, every error in the envelope, and survives',
    { timeout: (5 + 5 * proofScale()) * 60_000 },
    async () => {
      console.log(`[fuzz] seed ${seed} (replay with FUZZ_SEED=${seed})`);
      const run = await fuzzRoutes(
        t,
        identities,
        { routes, document, realIds },
        { scale: proofScale(), seed },
      );
      const { tally, failures } = run;
      const health = await t.app.inject({ method: 'GET', url: '/healthz' });
      recordFigures('fuzz', [
        ...runFigures(run, 'SQLite, in process', faults.length),
        {
          name: 'cases in total (SQLite, in process)',
          value: tally.total,
          target: `≥ ${MINIMUM_CASES * proofScale()}`,
          ok: tally.total >= MINIMUM_CASES * proofScale(),
        },
        { name: 'seed', value: seed },
      ]);

      expect(failures, tally.examples.join('\n')).toEqual([]);
      expect(tally.byRoute.size).toBe(routes.length);
      expect(tally.total).toBeGreaterThanOrEqual(MINIMUM_CASES * proofScale());
      expect(tally.rateLimited).toBeLessThan(tally.total / 100);
      expect(faults).toEqual([]);
      expect(health.statusCode).toBe(200);
    },
  );
});
