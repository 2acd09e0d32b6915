import type { FastifyInstance } from 'fastify';
import type { RequestStatsRecorder } from '../services/alerts/request-stats-recorder.ts';

/** Counts every response for the alert check (error rate and p95 across the deployment). */
export function countResponses(app: FastifyInstance, recorder: RequestStatsRecorder): void {
  app.addHook('onResponse', async (_request, reply) => {
    const type = String(reply.getHeader('content-type') ?? '');
    // A Server-Sent Events stream lasts as long as its client watches: its duration is not latency.
    recorder.record(reply.statusCode, type.startsWith('text/event-stream') ? undefined : reply.elapsedTime);
  });
}
