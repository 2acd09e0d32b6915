import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import type { ChunkEvent } from '../../src/services/jobs/job-runner.ts';
import { startWorker } from '../../src/worker.ts';
import { serveWorkerMetrics } from '../../src/worker-metrics.ts';
import { sqliteTestDatabase } from '../helpers/databases.ts';
import { closedLoopbackPort } from '../helpers/ports.ts';

describe('the worker metrics listener', () => {
  it('serves the worker’s job rows, the queue depth and the process metrics, behind METRICS_TOKEN', async () => {
    const listeners: ((event: ChunkEvent) => void)[] = [];
    const metrics = await serveWorkerMetrics({
      host: '127.0.0.1',
      port: 0,
      token: 's3cret-token',
      runner: { onChunk: (listener) => void listeners.push(listener) },
      pendingRows: () => Promise.resolve(42),
    });
    try {
      const refused = await fetch(metrics.url);
      expect(refused.status).toBe(401);
      expect(await refused.json()).toMatchObject({ code: 'UNAUTHORIZED', request_id: expect.any(String) });
      const wrong = await fetch(metrics.url, { headers: { authorization: 'Bearer s3cret-tokem' } });
      expect(wrong.status).toBe(401);

      for (const listener of listeners) listener({ tool: 'sentiment', rows: 10, failed: 2, ms: 5 });
      const scrape = await fetch(metrics.url, { headers: { authorization: 'Bearer s3cret-token' } });
      expect(scrape.status).toBe(200);
      expect(scrape.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const body = await scrape.text();
      expect(body).toContain('textai_job_rows_total{tool="sentiment",outcome="ok"} 8');
      expect(body).toContain('textai_job_rows_total{tool="sentiment",outcome="error"} 2');
      expect(body).toMatch(/^textai_queue_depth 42$/m);
      expect(body).toMatch(/^process_resident_memory_bytes \d+/m);
      expect(body).toMatch(/^nodejs_eventloop_lag_p99_seconds /m);

      const other = await fetch(metrics.url.replace('/metrics', '/healthz'));
      expect(other.status).toBe(404);
      const post = await fetch(metrics.url, {
        method: 'POST',
        headers: { authorization: 'Bearer s3cret-token' },
      });
      expect(post.status).toBe(404);
    } finally {
      await metrics.close();
    }
    await expect(fetch(metrics.url)).rejects.toThrow();
  });
});

describe('textai worker with WORKER_METRICS_PORT', () => {
  const database = sqliteTestDatabase();
  afterAll(() => database.drop());
  const config = (env: Record<string, string>) =>
    loadConfig({
      APP_ENV: 'test',
      LOG_LEVEL: 'silent',
      HOST: '127.0.0.1',
      WORKER_CONCURRENCY: '1',
      DATABASE_URL: database.target.kind === 'sqlite' ? `sqlite:${database.target.file}` : '',
      ...env,
    });

  it('opens no port by default', async () => {
    const worker = await startWorker(config({}));
    expect(worker.metricsUrl).toBeUndefined();
    await worker.stop();
  });

  it('answers GET /metrics on that port while it runs, and closes it when it stops', async () => {
    const port = await closedLoopbackPort();
    const worker = await startWorker(config({ WORKER_METRICS_PORT: String(port) }));
    expect(worker.metricsUrl).toBe(`http://127.0.0.1:${port}/metrics`);
    const scrape = await fetch(worker.metricsUrl ?? '');
    expect(scrape.status).toBe(200);
    expect(await scrape.text()).toMatch(/^textai_queue_depth 0$/m);
    await worker.stop();
    await expect(fetch(worker.metricsUrl ?? '')).rejects.toThrow();
  });
});
