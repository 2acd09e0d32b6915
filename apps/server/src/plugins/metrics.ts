import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Counter, Histogram, Registry, collectDefaultMetrics, type Gauge } from 'prom-client';
import { AppError } from '../services/errors.ts';
import { countChunkRows, jobRowsCounter, queueDepthGauge } from '../services/jobs/job-metrics.ts';
import { safeEqual } from '../services/secrets.ts';

export interface AppMetrics {
  registry: Registry;
  toolCalls: Counter<'tool' | 'source' | 'outcome'>;
  modelLatency: Histogram<'tool'>;
  rateLimitRejections: Counter<'tier'>;
  queueDepth: Gauge;
  jobRows: Counter<'tool' | 'outcome'>;
  /** 5xx responses this app has sent since it started (admin stats; `textai smoke` expects 0). */
  serverErrorsSinceStart(): Promise<number>;
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: AppMetrics;
  }
}

/**
 * Prometheus metrics on a registry of this app's own (tests build many apps in one process):
 * requests and latency per route template and status, tool calls, model latency, rate-limit
 * rejections, queue depth, and the process defaults. GET /metrics, behind METRICS_TOKEN when set.
 */
export const metricsPlugin = fp(async (app: FastifyInstance) => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests by route template, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by route template, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [registry],
  });
  const metrics: AppMetrics = {
    registry,
    toolCalls: new Counter({
      name: 'textai_tool_calls_total',
      help: 'Tool calls by tool, source and outcome',
      labelNames: ['tool', 'source', 'outcome'] as const,
      registers: [registry],
    }),
    modelLatency: new Histogram({
      name: 'textai_model_latency_seconds',
      help: 'Model inference time per item',
      labelNames: ['tool'] as const,
      buckets: [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05, 0.1, 0.5],
      registers: [registry],
    }),
    rateLimitRejections: new Counter({
      name: 'textai_rate_limit_rejections_total',
      help: 'Requests refused by the rate limiter, by tier',
      labelNames: ['tier'] as const,
      registers: [registry],
    }),
    queueDepth: queueDepthGauge(registry, () => app.services.storage.jobs.pendingRows()),
    jobRows: jobRowsCounter(registry),
    // Read from the request counter rather than counted twice: one source for /metrics and stats.
    async serverErrorsSinceStart() {
      const { values } = await requests.get();
      return values.filter((v) => Number(v.labels.status) >= 500).reduce((total, v) => total + v.value, 0);
    },
  };
  app.services.jobRunner?.onChunk((chunk) => countChunkRows(metrics.jobRows, chunk));
  app.decorate('metrics', metrics);

  app.addHook('onResponse', async (request, reply) => {
    const labels = {
      route: request.routeOptions.url ?? 'unmatched',
      method: request.method,
      status: String(reply.statusCode),
    };
    requests.inc(labels);
    duration.observe(labels, reply.elapsedTime / 1000);
  });

  const token = app.services.config.metricsToken;
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (token !== undefined) {
      const sent = (request.headers.authorization ?? '').replace(/^bearer\s+/i, '');
      if (!safeEqual(sent, token))
        throw new AppError(401, 'UNAUTHORIZED', 'metrics need the METRICS_TOKEN bearer token');
    }
    return reply.type(registry.contentType).send(await registry.metrics());
  });
});
