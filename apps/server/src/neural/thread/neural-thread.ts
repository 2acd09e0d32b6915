import { Worker } from 'node:worker_threads';
import type { ToolName } from '../../tools/names.ts';
import { NeuralModelError } from '../load-neural.ts';
import type { NeuralAnalyzer } from '../neural-analyzer.ts';
import type { NeuralSettings } from '../runtime.ts';
import type { NeuralReply, NeuralRequest } from './protocol.ts';

type RequestBody = NeuralRequest extends infer R ? (R extends NeuralRequest ? Omit<R, 'id'> : never) : never;
type LoadBody = Extract<RequestBody, { type: 'load' }>;

const WORKER_URL = new URL('./neural-worker.mjs', import.meta.url);

/** A neural inference that ran past its time limit; the thread running it was stopped. */
export class InferenceTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`the model took longer than ${timeoutMs} ms`);
    this.name = 'InferenceTimeoutError';
  }
}

/**
 * The server's neural models, in one worker thread of their own: requests wait for inference
 * without blocking the event loop, and onnxruntime's own intra-op threads do the arithmetic. One
 * thread for every neural tool: a CPU has few cores, and one model at a time uses them all.
 *
 * An inference that runs past `inferenceTimeoutMs` cannot be interrupted inside onnxruntime, so
 * the thread is terminated: every call waiting on it fails, and the next call starts a new thread
 * that loads the same models again before it runs.
 */
export class NeuralThread {
  private worker: Worker | undefined;
  private starting: Promise<Worker> | undefined;
  private nextId = 1;
  private readonly loads = new Map<ToolName, LoadBody>();
  private readonly pending = new Map<
    number,
    { resolve: (reply: NeuralReply) => void; reject: (error: Error) => void }
  >();

  constructor(
    private readonly inferenceTimeoutMs: number | undefined,
    private readonly workerUrl: URL = WORKER_URL,
  ) {}

  private spawn(): Worker {
    const worker = new Worker(this.workerUrl, { execArgv: [] });
    worker.on('message', (reply: NeuralReply) => {
      this.pending.get(reply.id)?.resolve(reply);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
    });
    const failAll = (error: Error): void => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on('error', (error) => failAll(new Error(`the neural inference thread failed: ${error.message}`)));
    worker.on('exit', () => failAll(new Error('the neural inference thread exited')));
    // Idle, the thread must not keep a finished CLI command or test alive; busy, it must.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  /** The running thread, or a new one with every model loaded again (after a timeout or a crash). */
  private running(): Promise<Worker> {
    if (this.worker !== undefined) return Promise.resolve(this.worker);
    if (this.starting === undefined) {
      const starting = this.startWithModels();
      this.starting = starting;
      const settled = () => {
        if (this.starting === starting) this.starting = undefined;
      };
      starting.then(settled, settled);
    }
    return this.starting;
  }

  private async startWithModels(): Promise<Worker> {
    const worker = this.spawn();
    for (const load of this.loads.values()) await this.send(worker, load);
    return worker;
  }

  private async send(worker: Worker, body: RequestBody): Promise<NeuralReply & { ok: true }> {
    const id = this.nextId++;
    let timer: NodeJS.Timeout | undefined;
    const reply = await new Promise<NeuralReply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ ...body, id } as NeuralRequest);
      if (body.type === 'run' && this.inferenceTimeoutMs !== undefined) {
        const timeoutMs = this.inferenceTimeoutMs;
        timer = setTimeout(() => {
          const error = new InferenceTimeoutError(timeoutMs);
          this.worker = undefined; // calls from now on start a new thread
          for (const waiting of this.pending.values()) waiting.reject(error);
          this.pending.clear();
          void worker.terminate();
        }, timeoutMs);
      }
    }).finally(() => clearTimeout(timer));
    if (!reply.ok) throw new NeuralModelError(reply.message);
    return reply;
  }

  async call(body: RequestBody): Promise<NeuralReply & { ok: true }> {
    const reply = await this.send(await this.running(), body);
    if (body.type === 'load') this.loads.set(body.tool, body);
    if (body.type === 'dispose') this.loads.delete(body.tool);
    return reply;
  }

  /** Stops the thread (tests and shutdown); the next call starts a new one. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }
}

/** Builds a tool's analyzer on a thread: the model is loaded there and its rows are sent there. */
export async function loadAnalyzerOnThread(
  thread: NeuralThread,
  tool: ToolName,
  modelId: string,
  settings: NeuralSettings,
): Promise<NeuralAnalyzer> {
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

let shared: NeuralThread | undefined;

/**
 * Loads a tool's neural model in the process's inference thread; the analyzer sends its rows
 * there. The first caller's INFERENCE_TIMEOUT_MS (settings.inferenceTimeoutMs) holds for the thread.
 */
export async function loadNeuralAnalyzerInThread(
  tool: ToolName,
  modelId: string,
  settings: NeuralSettings,
): Promise<NeuralAnalyzer> {
  shared ??= new NeuralThread(settings.inferenceTimeoutMs);
  return loadAnalyzerOnThread(shared, tool, modelId, settings);
}
