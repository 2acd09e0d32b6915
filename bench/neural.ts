/**
 * `npm run bench:neural`: the neural backend's path (transformers.js + onnxruntime, in its inference
 * thread) on the tiny test models, beside the built-in models on the same inputs: items per second
 * one request at a time and in batch calls, and the median and p95 latency of one request. The
 * tiny models are a few kilobytes, so the figures measure the backend's own overhead (thread hop,
 * tokenizer, tensor set-up, result shaping), not a real transformer's arithmetic — see
 * docs/models/neural.md for published figures of the real models. Never fails on speed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ToolName } from '@textai/contracts';
import { neuralBackendInstalled } from '../apps/server/src/neural/runtime.ts';
import { ToolService } from '../apps/server/src/services/tools/tool-service.ts';
import type { RowFields } from '../apps/server/src/tools/rows.ts';
import { writeTinyModel, type TinyTask } from '../apps/server/test/neural/fixtures/tiny-models.ts';
import { printTable, type Row } from './report.ts';

const MIN_MS = Number(process.env['BENCH_MIN_MS'] ?? 1500);
const BATCH = 32;

const TINY: Record<ToolName, TinyTask> = {
  sentiment: 'sentiment',
  'fake-news': 'fake-news',
  summarize: 'summarizer',
  'job-match': 'embeddings',
};

function inputs(tool: ToolName): RowFields[] {
  return Array.from({ length: BATCH }, (_, i): RowFields => {
    if (tool === 'job-match') {
      return {
        resume: `TypeScript developer with ${i % 9} years of Node and React code.`,
        job_description: 'Software engineer, TypeScript and API design.',
      };
    }
    if (tool === 'summarize') {
      return {
        text: 'The council approved the budget on Monday. The minister published the report. '.repeat(
          3 + (i % 4),
        ),
      };
    }
    if (tool === 'fake-news')
      return {
        title: `Report ${i}`,
        text: 'The council approved the budget, according to the official report.',
      };
    return {
      text:
        i % 2 === 0
          ? `The service was quick and friendly, visit ${i}.`
          : `Rude staff and a broken door, visit ${i}.`,
    };
  });
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

async function measure(
  tools: ToolService,
  tool: ToolName,
  items: RowFields[],
): Promise<{ single: number; batched: number; p50: number; p95: number }> {
  await tools.analyzeItems(tool, items); // warm-up
  const latencies: number[] = [];
  let started = performance.now();
  let done = 0;
  while (performance.now() - started < MIN_MS) {
    for (const item of items) {
      const t = performance.now();
      await tools.analyze(tool, item);
      latencies.push(performance.now() - t);
    }
    done += items.length;
  }
  const single = (done / (performance.now() - started)) * 1000;
  started = performance.now();
  done = 0;
  while (performance.now() - started < MIN_MS) {
    await tools.analyzeItems(tool, items);
    done += items.length;
  }
  const batched = (done / (performance.now() - started)) * 1000;
  latencies.sort((a, b) => a - b);
  return { single, batched, p50: percentile(latencies, 0.5), p95: percentile(latencies, 0.95) };
}

export async function runNeuralBenchmark(): Promise<Row[]> {
  if (!(await neuralBackendInstalled())) {
    return [{ name: 'neural backend', value: 'not installed (npm run neural:install): skipped' }];
  }
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'textai-bench-neural-'));
  try {
    const specs = {} as Record<ToolName, string>;
    for (const [tool, task] of Object.entries(TINY) as [ToolName, TinyTask][]) {
      writeTinyModel(path.join(cacheDir, 'tiny', task), task);
      specs[tool] = `tiny/${task}`;
    }
    const neural = new ToolService(100_000);
    const statuses = await neural.load(specs, { cacheDir, allowDownload: false, hfEndpoint: undefined });
    const failed = statuses.filter((s) => s.backend !== 'neural');
    if (failed.length > 0)
      throw new Error(`tiny models did not load: ${failed.map((s) => s.error).join('; ')}`);
    const builtin = new ToolService(100_000);
    await builtin.load({
      sentiment: 'builtin',
      summarize: 'builtin',
      'fake-news': 'builtin',
      'job-match': 'builtin',
    });
    const rows: Row[] = [];
    for (const tool of Object.keys(TINY) as ToolName[]) {
      const items = inputs(tool);
      for (const [label, tools] of [
        ['built-in', builtin],
        ['neural (tiny)', neural],
      ] as const) {
        const m = await measure(tools, tool, items);
        rows.push({
          name: `${tool}, ${label}`,
          value: `${m.single.toFixed(0)}/s one by one, ${m.batched.toFixed(0)}/s in batches of ${BATCH}; latency p50 ${m.p50.toFixed(2)} ms, p95 ${m.p95.toFixed(2)} ms`,
        });
      }
    }
    return rows;
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  printTable(
    'Neural backend on tiny models beside the built-in models (inference thread; one core each)',
    await runNeuralBenchmark(),
  );
  process.exit(0);
}
