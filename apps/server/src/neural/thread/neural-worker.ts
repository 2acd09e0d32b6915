/**
 * Body of the neural inference thread (started through neural-worker.mjs). onnxruntime-node runs a
 * session synchronously on the thread that calls it (its JavaScript `run` only defers the native
 * call with setImmediate, and a 5-second run lets no timer fire), so the server runs its neural
 * models here, never on the event loop that answers requests.
 */
import { parentPort } from 'node:worker_threads';
import type { ToolName } from '../../tools/names.ts';
import { loadNeuralAnalyzer } from '../load-neural.ts';
import type { NeuralAnalyzer } from '../neural-analyzer.ts';
import type { NeuralReply, NeuralRequest } from './protocol.ts';

if (!parentPort) throw new Error('neural-worker must run in a worker thread');
const port = parentPort;
const analyzers = new Map<ToolName, NeuralAnalyzer>();

async function handle(request: NeuralRequest): Promise<NeuralReply> {
  if (request.type === 'load') {
    const analyzer = await loadNeuralAnalyzer(request.tool, request.modelId, request.settings);
    analyzers.set(request.tool, analyzer);
    return { id: request.id, ok: true, model: analyzer.model };
  }
  const analyzer = analyzers.get(request.tool);
  if (analyzer === undefined) throw new Error(`no neural model is loaded for ${request.tool}`);
  if (request.type === 'dispose') {
    analyzers.delete(request.tool);
    await analyzer.dispose();
    return { id: request.id, ok: true };
  }
  return { id: request.id, ok: true, outcomes: await analyzer.analyzeRows(request.rows, request.context) };
}

port.on('message', (request: NeuralRequest) => {
  handle(request).then(
    (reply) => port.postMessage(reply),
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      port.postMessage({ id: request.id, ok: false, message } satisfies NeuralReply);
    },
  );
});
