/**
 * Proof, load: each tool endpoint with its own API key under autocannon (64 connections for
 * PROOF_LOAD_SECONDS, default 60), one after another against one real `textai serve` with rate
 * limiting and history on (USER_RATE_LIMIT raised so the limiter counts but never refuses), and a
 * bare Fastify hello-world in the same run. Promise: no errors and no non-2xx answers; speed is
 * reported as each tool's share of the hello-world's requests per second, never judged.
 * Exits 1 when a promise is broken.
 */
import http from 'node:http';
import type { ToolName } from '@textai/contracts';
import autocannon from 'autocannon';
import { recordFigures, type ProofFigure } from '../../apps/server/test/proof/figures.ts';
import { rssMb } from '../support/rss.ts';
import { startHelloFastify, startTextaiServer } from '../support/server-process.ts';
import { SessionClient } from '../support/session-client.ts';
import { LatencyLog, ms } from './percentiles.ts';
import { TOOL_BODIES, TOOLS } from './tool-bodies.ts';

const SECONDS = Number(process.env['PROOF_LOAD_SECONDS'] ?? 60);
const CONNECTIONS = 64;

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

interface Measured {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  non2xx: number;
  errors: number;
  statuses: string;
  /** Errors by kind (error code, e.g. ECONNRESET, or message; autocannon's timeouts included). */
  errorKinds: string;
  answered: number;
}

async function hammer(
  url: string,
  headers: Record<string, string>,
  bodies: readonly unknown[],
  seconds: number,
): Promise<Measured> {
  // autocannon's summary has p90 and p97.5 but no p95: every response time is kept here instead.
  const latencies = new LatencyLog();
  const errorKinds = new Map<string, number>();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const options: autocannon.Options = {
      url,
      connections: CONNECTIONS,
      duration: seconds,
      pipelining: 1,
      // The server's own limit (REQUEST_TIMEOUT_MS, 30 s by default), not autocannon's 10 s: on a
      // busy shared machine a slow answer is slow, not an error; its time shows in p99.
      timeout: 30,
      requests: bodies.map((body) => ({ method: 'POST', headers, body: JSON.stringify(body) })),
    };
    autocannon(options, (error: unknown, done) => (error ? reject(toError(error)) : resolve(done)))
      .on('response', (_client, _status, _bytes, responseTime) => latencies.add(responseTime))
      .on('reqError', (error: unknown) => {
        const kind = (error as { code?: unknown } | null)?.code ?? toError(error).message;
        errorKinds.set(String(kind), (errorKinds.get(String(kind)) ?? 0) + 1);
      });
  });
  const statuses = Object.entries(result.statusCodeStats ?? {})
    .map(([code, stat]) => `${code}×${stat.count ?? 0}`)
    .join(' ');
  return {
    rps: result.requests.average,
    p50: latencies.percentile(50),
    p95: latencies.percentile(95),
    p99: latencies.percentile(99),
    non2xx: result.non2xx,
    errors: result.errors, // timeouts included
    errorKinds: [...errorKinds].map(([kind, count]) => `${kind}×${count}`).join(' '),
    statuses,
    answered: result['2xx'],
  };
}

function figuresOf(name: string, m: Measured, baselineRps?: number): ProofFigure[] {
  const figures: ProofFigure[] = [
    { name: `${name}: requests/s`, value: Math.round(m.rps) },
    { name: `${name}: latency p50 / p95 / p99`, value: `${ms(m.p50)} / ${ms(m.p95)} / ${ms(m.p99)}` },
    {
      name: `${name}: errors, non-2xx (statuses)`,
      value: `${m.errors}, ${m.non2xx} (${[m.statuses, m.errorKinds].filter(Boolean).join('; ')})`,
      target: '0, 0',
      ok: m.errors === 0 && m.non2xx === 0,
    },
  ];
  if (baselineRps !== undefined)
    figures.push({
      name: `${name}: share of hello-world's req/s`,
      value: `${((m.rps / baselineRps) * 100).toFixed(0)} %`,
    });
  return figures;
}

export async function runLoad(seconds = SECONDS): Promise<ProofFigure[]> {
  const server = await startTextaiServer({ USER_RATE_LIMIT: '1000000000' });
  const agent = new http.Agent({ keepAlive: true });
  try {
    const keys = new Map<ToolName, string>();
    for (const tool of TOOLS)
      keys.set(
        tool,
        await new SessionClient(server.base, agent).signupWithApiKey(
          `load-${tool}`,
          'a load-test passphrase',
        ),
      );
    const hello = await startHelloFastify();
    let baseline: Measured;
    try {
      await hammer(`${hello.base}/hello`, { 'content-type': 'application/json' }, [{}], 2);
      baseline = await hammer(`${hello.base}/hello`, { 'content-type': 'application/json' }, [{}], seconds);
    } finally {
      await hello.stop();
    }
    const figures = [
      { name: 'duration per endpoint', value: `${seconds} s at ${CONNECTIONS} connections` },
      ...figuresOf('bare Fastify hello-world', baseline),
    ];
    for (const tool of TOOLS) {
      const headers = { 'content-type': 'application/json', 'x-api-key': keys.get(tool) ?? '' };
      const url = `${server.base}/api/v1/${tool}`;
      // One call first, to show the limiter is on and counting this key's user.
      const probe = await fetch(url, { method: 'POST', headers, body: JSON.stringify(TOOL_BODIES[tool][0]) });
      await probe.arrayBuffer();
      figures.push({
        name: `POST /api/v1/${tool}: rate limit (X-RateLimit-Limit / -Remaining)`,
        value: `${probe.headers.get('x-ratelimit-limit')} / ${probe.headers.get('x-ratelimit-remaining')}`,
        target: 'present',
        ok: probe.status === 200 && probe.headers.get('x-ratelimit-remaining') !== null,
      });
      const warmUp = await hammer(url, headers, TOOL_BODIES[tool], 2); // JIT, connection set-up
      const measured = await hammer(url, headers, TOOL_BODIES[tool], seconds);
      figures.push(...figuresOf(`POST /api/v1/${tool}`, measured, baseline.rps));
      // History stayed on all along: every answered call is in the key owner's history. When its
      // duration is up autocannon stops counting the requests still in flight (at most one per
      // connection in each of the two runs) although the server answers and records them.
      const answered = 1 + warmUp.answered + measured.answered;
      const inFlight = 2 * CONNECTIONS;
      const history = await fetch(`${server.base}/api/v1/history?limit=1`, { headers });
      const { pagination } = (await history.json()) as { pagination: { total: number } };
      figures.push({
        name: `POST /api/v1/${tool}: history entries − answered calls`,
        value: pagination.total - answered,
        target: `0 to ${inFlight} (requests in flight when each run ended)`,
        ok: history.status === 200 && pagination.total >= answered && pagination.total <= answered + inFlight,
      });
    }
    figures.push({ name: 'server RSS after the load', value: `${rssMb(server.pid).toFixed(0)} MB` });
    return figures;
  } finally {
    agent.destroy();
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = await runLoad();
  recordFigures('load', figures);
  process.exitCode = figures.some((f) => f.ok === false) ? 1 : 0;
}
