/**
 * Server benchmark: POST /api/v1/sentiment with an API key (rate limiting and history on, limits
 * set high) at 64 connections on loopback, beside a bare Fastify hello-world in the same run; the
 * server's resident memory with all models loaded; and its time from process start to ready.
 */
import http from 'node:http';
import autocannon from 'autocannon';
import type { Row } from './report.ts';
import { rssMb } from './support/rss.ts';
import { startHelloFastify, startTextaiServer, type ChildServer } from './support/server-process.ts';
import { SessionClient } from './support/session-client.ts';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 20);
const CONNECTIONS = 64;

async function load(url: string, headers: Record<string, string>, body: string): Promise<autocannon.Result> {
  return autocannon({
    url,
    method: 'POST',
    headers,
    body,
    connections: CONNECTIONS,
    duration: SECONDS,
    pipelining: 1,
  });
}

export async function runServerBenchmark(): Promise<Row[]> {
  const server = await startTextaiServer({ USER_RATE_LIMIT: '100000000' });
  const base = server.base;
  const readyMs = server.readyMs;
  let hello: ChildServer | undefined;
  const agent = new http.Agent({ keepAlive: true });
  try {
    // The baseline starts only now, so that its own start-up does not share the cores with the
    // server's and inflate the figure above.
    hello = await startHelloFastify();
    const pid = server.pid;
    const idleRss = rssMb(pid);
    const key = await new SessionClient(base, agent).signupWithApiKey('loadtester', 'a benchmark passphrase');
    const body = JSON.stringify({ text: 'The flight was delayed three hours and nobody told us anything.' });
    const headers = { 'content-type': 'application/json', 'x-api-key': key };
    // Warm-up, then the measured runs: the baseline first, then the server.
    await autocannon({
      url: `${base}/api/v1/sentiment`,
      method: 'POST',
      headers,
      body,
      connections: 16,
      duration: 3,
    });
    const baseline = await load(`${hello.base}/hello`, { 'content-type': 'application/json' }, '{}');
    const result = await load(`${base}/api/v1/sentiment`, headers, body);
    const loadedRss = rssMb(pid);
    const errors = result.errors + result.non2xx;
    return [
      {
        name: 'startup to ready (process start → /readyz 200)',
        value: `${(readyMs / 1000).toFixed(2)} s`,
        target: '≤ 2 s',
        ok: readyMs <= 2000,
      },
      {
        name: 'RSS, all models loaded (idle)',
        value: `${idleRss.toFixed(0)} MB`,
        target: '≤ 300 MB',
        ok: idleRss <= 300,
      },
      {
        name: 'RSS after the load run',
        value: `${loadedRss.toFixed(0)} MB`,
        target: '≤ 300 MB',
        ok: loadedRss <= 300,
      },
      {
        name: `POST /api/v1/sentiment, key, ${CONNECTIONS} conn`,
        value: `${Math.round(result.requests.average).toLocaleString('en-US')} req/s`,
        target: '≥ 5,000 req/s',
        ok: result.requests.average >= 5000,
      },
      {
        name: '  latency p50 / p99',
        value: `${result.latency.p50} / ${result.latency.p99} ms`,
        target: 'p99 < 25 ms',
        ok: result.latency.p99 < 25,
      },
      { name: '  errors and non-2xx', value: String(errors), target: '0', ok: errors === 0 },
      {
        name: `bare Fastify hello-world, ${CONNECTIONS} conn (same run)`,
        value: `${Math.round(baseline.requests.average).toLocaleString('en-US')} req/s, p99 ${baseline.latency.p99} ms`,
      },
      {
        name: '  TextAI / hello-world',
        value: `${((result.requests.average / baseline.requests.average) * 100).toFixed(0)} %`,
      },
    ];
  } finally {
    agent.destroy();
    await hello?.stop();
    await server.stop();
  }
}
