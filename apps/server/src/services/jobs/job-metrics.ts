import { Counter, Gauge, type Registry } from 'prom-client';
import type { ChunkEvent } from './job-runner.ts';

/**
 * The batch-job metrics both a server and a `textai worker` export, defined once so that the two
 * kinds of process report the same names, labels and help to Prometheus (the dashboard and the
 * alert rules select them across both).
 */
export function jobRowsCounter(registry: Registry): Counter<'tool' | 'outcome'> {
  return new Counter({
    name: 'textai_job_rows_total',
    help: 'Batch job rows run by this process, by tool and outcome',
    labelNames: ['tool', 'outcome'] as const,
    registers: [registry],
  });
}

/** Counts a committed chunk's rows: those that failed as errors, the rest as ok. */
export function countChunkRows(
  counter: Counter<'tool' | 'outcome'>,
  { tool, rows, failed }: ChunkEvent,
): void {
  counter.inc({ tool, outcome: 'ok' }, rows - failed);
  if (failed > 0) counter.inc({ tool, outcome: 'error' }, failed);
}

/** Rows not yet done across all processes, read from the database at each scrape. */
export function queueDepthGauge(registry: Registry, pendingRows: () => Promise<number>): Gauge {
  return new Gauge({
    name: 'textai_queue_depth',
    help: 'Batch job rows not yet done, across all processes (read from the database at each scrape)',
    registers: [registry],
    collect: async function collect(this: Gauge) {
      this.set(await pendingRows());
    },
  });
}
