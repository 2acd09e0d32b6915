import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { countChunkRows, jobRowsCounter, queueDepthGauge } from './services/jobs/job-metrics.ts';
import type { JobRunner } from './services/jobs/job-runner.ts';
import { safeEqual } from './services/secrets.ts';

export interface WorkerMetricsOptions {
  host: string;
  /** 0 picks a free port (tests); the worker only starts this when WORKER_METRICS_PORT is set. */
  port: number;
  /** METRICS_TOKEN: when set, a scrape must send it as a bearer token, as for a server. */
  token: string | undefined;
  runner: Pick<JobRunner, 'onChunk'>;
  pendingRows: () => Promise<number>;
}

export interface WorkerMetricsListener {
  url: string;
  close(): Promise<void>;
}

/**
 * `GET /metrics` for a `textai worker` (WORKER_METRICS_PORT): the process defaults (memory, CPU,
 * event-loop lag), the rows this worker ran and the queue depth, under the names a server uses, so
 * Prometheus scrapes workers beside servers. A bare node:http listener: the worker serves nothing
 * else, and Fastify with its plugins would cost start-up time and memory for one route.
 */
export async function serveWorkerMetrics(options: WorkerMetricsOptions): Promise<WorkerMetricsListener> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const rows = jobRowsCounter(registry);
  queueDepthGauge(registry, options.pendingRows);
  options.runner.onChunk((chunk) => countChunkRows(rows, chunk));

  const server = createServer((request, response) => {
    answer(request, response, registry, options.token).catch((error: unknown) => {
      sendError(response, 503, 'NOT_READY', `metrics could not be collected: ${String(error)}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function answer(
  request: IncomingMessage,
  response: ServerResponse,
  registry: Registry,
  token: string | undefined,
): Promise<void> {
  const path = (request.url ?? '').split('?')[0];
  if (path !== '/metrics' || (request.method !== 'GET' && request.method !== 'HEAD'))
    return sendError(response, 404, 'NOT_FOUND', 'a worker serves only GET /metrics');
  if (token !== undefined) {
    const sent = (request.headers.authorization ?? '').replace(/^bearer\s+/i, '');
    if (!safeEqual(sent, token))
      return sendError(response, 401, 'UNAUTHORIZED', 'metrics need the METRICS_TOKEN bearer token');
  }
  const body = await registry.metrics();
  response.writeHead(200, { 'content-type': registry.contentType });
  response.end(request.method === 'HEAD' ? undefined : body);
}

/** The API's error envelope, so a scraper or a person sees the same shape as from a server. */
function sendError(response: ServerResponse, status: number, code: string, message: string): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify({ error: message, code, request_id: crypto.randomUUID() }));
}
