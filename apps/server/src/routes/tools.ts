import {
  batchRequest,
  batchResponse,
  errorEnvelope,
  TOOL_NAMES,
  toolSchemas,
  type ToolName,
} from '@textai/contracts';
import fastJson from 'fast-json-stringify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { consumeRequest, consumeRows } from '../plugins/rate-limit.ts';
import { AppError, featureDisabled } from '../services/errors.ts';
import { readJobMatchUpload } from './job-match-upload.ts';
import type { HistorySource } from '../storage/repositories.ts';

const errors = {
  400: errorEnvelope,
  401: errorEnvelope,
  403: errorEnvelope,
  413: errorEnvelope,
  429: errorEnvelope,
};

const serializers = new WeakMap<z.ZodType, (data: unknown) => string>();

/** A serializer compiled from a zod response schema's JSON Schema (each status has its own). */
function compileResponse(schema: unknown): (data: unknown) => string {
  if (!(schema instanceof z.ZodType)) throw new TypeError('tool routes declare zod response schemas');
  // One compilation per schema: the same schemas serve /api and /api/v1 and every error status,
  // and compiling them all again is start-up time for nothing.
  let compiled = serializers.get(schema);
  if (compiled === undefined) {
    compiled = fastJson(
      z.toJSONSchema(schema, { target: 'draft-7', io: 'output' }) as Parameters<typeof fastJson>[0],
    );
    serializers.set(schema, compiled);
  }
  return compiled;
}

/** The text a history excerpt is cut from. */
function inputText(tool: ToolName, fields: Record<string, unknown>): string {
  const s = (name: string) => (typeof fields[name] === 'string' ? (fields[name] as string) : '');
  if (tool === 'job-match') return `${s('resume')}\n---\n${s('job_description')}`;
  if (tool === 'fake-news' && s('title') !== '') return `${s('title')}\n${s('text')}`;
  return s('text');
}

function sourceOf(request: FastifyRequest, batch: boolean): HistorySource {
  if (batch) return 'batch';
  return request.principal.kind === 'api_key' ? 'api' : 'ui';
}

/**
 * POST /{tool} and POST /batch/{tool}, registered under /api/v1 and again under /api (the replaced
 * system's documented paths) with the same handlers and responses.
 */
export async function toolRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const onReject = (tier: string) => app.metrics.rateLimitRejections.inc({ tier });
  const limitRequests = (request: FastifyRequest, reply: FastifyReply) =>
    consumeRequest(request, reply, onReject);

  for (const tool of TOOL_NAMES) {
    const schemas = toolSchemas[tool];
    api.post(
      `/${tool}`,
      {
        config: { scope: 'tools', guests: true },
        schema: {
          tags: ['tools'],
          summary: `Run ${tool}`,
          ...(tool === 'job-match'
            ? {
                description:
                  'JSON, or multipart/form-data with resume and job_description as text fields or PDF/DOCX/TXT files.',
              }
            : {}),
          body: schemas.request,
          response: { 200: schemas.response, ...errors },
        },
        preHandler: limitRequests,
        ...(tool === 'job-match' ? { preValidation: readJobMatchUpload } : {}),
        // fast-json-stringify from each status's response schema: the output is shaped by it (nothing
        // outside it can leak) at a quarter of the cost of zod's encode + JSON.stringify, which
        // showed up in the server's profile on the busiest routes.
        serializerCompiler: ({ schema }) => compileResponse(schema),
      },
      async (request) => {
        const { tools, history } = app.services;
        const fields = request.body as Record<string, unknown>;
        const explain = tool === 'sentiment' ? (fields['explain'] as boolean | undefined) !== false : true;
        let result;
        try {
          result = await tools.analyze(tool, fields, explain);
        } catch (error) {
          app.metrics.toolCalls.inc({ tool, source: sourceOf(request, false), outcome: 'error' });
          throw error;
        }
        app.metrics.toolCalls.inc({ tool, source: sourceOf(request, false), outcome: 'ok' });
        app.metrics.modelLatency.observe({ tool }, result.processing_time_ms / 1000);
        history.record(request.principal, {
          tool,
          source: sourceOf(request, false),
          input: inputText(tool, fields),
          result,
          model: result.model,
          latencyMs: result.processing_time_ms,
          items: 1,
          failed: 0,
        });
        return result as never;
      },
    );
  }

  api.post(
    '/batch/:tool',
    {
      config: { scope: 'batch', guests: true },
      bodyLimit: app.services.config.limits.maxUploadBytes,
      schema: {
        tags: ['tools'],
        summary: 'Run a tool on many items; each item succeeds or fails on its own',
        params: z.object({ tool: z.enum(TOOL_NAMES) }),
        body: batchRequest,
        response: { 200: batchResponse, ...errors },
      },
      preHandler: limitRequests,
    },
    async (request) => {
      const { tools, history, config } = app.services;
      if (!config.features.batch) throw featureDisabled('batch processing');
      const { tool } = request.params;
      const items: Record<string, unknown>[] =
        'texts' in request.body ? request.body.texts.map((text) => ({ text })) : request.body.items;
      if (items.length > config.limits.maxBatchSize) {
        throw new AppError(
          413,
          'PAYLOAD_TOO_LARGE',
          `at most ${config.limits.maxBatchSize} items per batch call (got ${items.length})`,
        );
      }
      await consumeRows(request, items.length, onReject);
      const started = performance.now();
      let failed = 0;
      const outcomes = await tools.analyzeItems(tool, items);
      const results = outcomes.map((outcome) => {
        if (outcome.ok) {
          app.metrics.modelLatency.observe({ tool }, outcome.result.processing_time_ms / 1000);
          return outcome.result;
        }
        failed++;
        return { error: { code: outcome.code, message: outcome.message } };
      });
      const elapsed = Math.round((performance.now() - started) * 1000) / 1000;
      app.metrics.toolCalls.inc({ tool, source: 'batch', outcome: failed === items.length ? 'error' : 'ok' });
      const first = results.find(
        (r): r is (typeof results)[number] & { model: { name: string; version: string } } => 'model' in r,
      );
      history.record(request.principal, {
        tool,
        source: 'batch',
        input: `${items.length} items`,
        result: null,
        model: first?.model ?? null,
        latencyMs: elapsed,
        items: items.length,
        failed,
      });
      return {
        results,
        total: items.length,
        successful: items.length - failed,
        failed,
        processing_time_ms: elapsed,
      };
    },
  );
}
