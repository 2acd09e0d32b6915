import fc from 'fast-check';
import type { TestApp } from '../../helpers/app.ts';
import { sendCase } from './fuzz-app.ts';
import { Tally } from './fuzz-checks.ts';
import { caseFor } from './hostile-requests.ts';
import { IDENTITY_NAMES, type Identities } from './identities.ts';
import { openApiPath, planFor, type ServedRoute } from './route-catalogue.ts';
import { operationShape, type OpenApiDocument } from './schema-shaped.ts';

export interface RouteFuzzRun {
  tally: Tally;
  /** fast-check's report (seed, counterexample, error) per route whose property failed. */
  failures: string[];
  seconds: number;
}

/**
 * Runs each route's property in turn: its share of cases (times `scale`), each sent through
 * app.inject and held to the fuzz's properties. A failing route does not stop the others; each
 * route's seed is `seed` plus its index, so FUZZ_SEED replays a run.
 */
export async function fuzzRoutes(
  t: TestApp,
  identities: Identities,
  setup: { routes: readonly ServedRoute[]; document: OpenApiDocument; realIds: readonly string[] },
  options: { scale: number; seed: number },
): Promise<RouteFuzzRun> {
  const tally = new Tally();
  const failures: string[] = [];
  const started = performance.now();
  for (const [index, route] of setup.routes.entries()) {
    const plan = planFor(route);
    if (plan === undefined) continue; // the coverage test reports it
    const name = `${route.method} ${route.url}`;
    const arbitrary = caseFor(route, operationShape(setup.document, openApiPath(route.url), route.method), {
      identities: IDENTITY_NAMES,
      multipart: plan.multipart === true,
      realIds: setup.realIds,
    });
    try {
      await fc.assert(
        fc.asyncProperty(arbitrary, async (fuzzCase) => {
          const answer = await sendCase(t, identities, fuzzCase);
          if (plan.endsSession === true && answer.status < 300) await identities.restore(fuzzCase.identity);
          const violation = tally.count(name, plan.group, fuzzCase.identity, answer);
          if (violation !== undefined) throw new Error(violation);
        }),
        { numRuns: Math.max(1, Math.round(plan.cases * options.scale)), seed: options.seed + index },
      );
    } catch (error) {
      failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
    await identities.ensureAlive();
  }
  return { tally, failures, seconds: (performance.now() - started) / 1000 };
}

/** The run's figures: cases per identity and group, the totals and what broke. */
export function runFigures(run: RouteFuzzRun, label: string, faults: number) {
  const { tally } = run;
  return [
    ...[...tally.byIdentity].map(([identity, count]) => ({
      name: `${label}: cases as ${identity}`,
      value: count,
    })),
    ...[...tally.byGroup].map(([group, count]) => ({
      name: `${label}: cases on ${group} routes`,
      value: count,
    })),
    { name: `${label}: routes fuzzed`, value: tally.byRoute.size },
    { name: `${label}: 5xx answers`, value: tally.serverErrors, target: '0', ok: tally.serverErrors === 0 },
    {
      name: `${label}: errors outside the envelope`,
      value: tally.envelopeViolations,
      target: '0',
      ok: tally.envelopeViolations === 0,
    },
    {
      name: `${label}: 429 answers`,
      value: tally.rateLimited,
      target: '< 1%',
      ok: tally.rateLimited < tally.total / 100,
    },
    {
      name: `${label}: uncaught exceptions and unhandled rejections`,
      value: faults,
      target: '0',
      ok: faults === 0,
    },
    {
      name: `${label}: statuses seen`,
      value: [...tally.byStatus]
        .sort(([a], [b]) => a - b)
        .map(([s, n]) => `${s}×${n}`)
        .join(' '),
    },
    { name: `${label}: duration`, value: `${run.seconds.toFixed(1)} s` },
  ];
}
