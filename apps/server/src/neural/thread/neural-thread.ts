import { Worker } from 'node:worker_threads';
import type { ToolName } from '../../tools/names.ts';
import { NeuralModelError } from '../load-neural.ts';
import type { NeuralAnalyzer } from '../neural-analyzer.ts';
import type { NeuralSettings } from '../runtime.ts';
import type { NeuralReply, NeuralRequest } from './protocol.ts';

type RequestBody = NeuralRequest extends infer R ? (R extends NeuralRequest ? Omit<R, 'id'> : never) : never;

/**
 * The server's neural models, in one worker thread of their own: requests wait for inference
 * without blocking the event loop, and onnxruntime's own intra-op threads do the arithmetic. One
 * thread for every neural tool: a CPU has few cores, and one model at a time uses them all.
 */
class NeuralThread {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (reply: NeuralReply) => void; reject: (error: Error) => void }
  >();

  private start(): Worker {
    if (this.worker !== undefined) return this.worker;
    const worker = new Worker(new URL('./neural-worker.mjs', import.meta.url), { execArgv: [] });
    worker.on('message', (reply: NeuralReply) => {
      this.pending.get(reply.id)?.resolve(reply);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
    });
    const failAll = (error: Error): void => {
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
      this.worker = undefined;
    };
    worker.on('error', (error) => failAll(new Error(`the neural inference thread failed: ${error.message}`)));
    worker.on('exit', () => failAll(new Error('the neural inference thread exited')));
    // Idle, the thread must not keep a finished CLI command or test alive; busy, it must.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  async call(body: RequestBody): Promise<NeuralReply & { ok: true }> {
    const worker = this.start();
    const id = this.nextId++;
    const reply = await new Promise<NeuralReply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ ...body, id } as NeuralRequest);
    });
    if (!reply.ok) throw new NeuralModelError(reply.message);
    return reply;
  }
}

let shared: NeuralThread | undefined;

/** Loads a tool's neural model in the inference thread; the analyzer sends its rows there. */
export async function loadNeuralAnalyzerInThread(
  tool: ToolName,
  modelId: string,
  settings: NeuralSettings,
): Promise<NeuralAnalyzer> {
  shared ??= new NeuralThread();
  const thread = shared;
  const { model } = await thread.call({ type: 'load', tool, modelId, settings });
  if (model === undefined) throw new Error('the neural inference thread loaded no model');
  return {
    model,
    async analyzeRows(rows, context) {
      return (await thread.call({ type: 'run', tool, rows, context })).outcomes ?? [];
    },
    async dispose() {
      await thread.call({ type: 'dispose', tool });
    },
  };
}
