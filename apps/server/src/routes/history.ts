import { Readable } from 'node:stream';
import {
  errorEnvelope,
  exportQuery,
  historyEntryView,
  historyListResponse,
  historyQuery,
  idParams,
} from '@textai/contracts';
import { stringify } from 'csv-stringify';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../plugins/auth.ts';
import { safeCell } from '../services/csv-safety.ts';
import { AppError } from '../services/errors.ts';
import type { HistoryEntry } from '../storage/repositories.ts';
import { pagination, presentHistoryEntry } from './presenters.ts';
import { TRANSFER_TIMEOUT_MS } from './route-timeouts.ts';

const errors = { 400: errorEnvelope, 401: errorEnvelope, 403: errorEnvelope, 404: errorEnvelope };

function timeBound(value: string | undefined, endOfDay: boolean): number | undefined {
  if (value === undefined) return undefined;
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const ms = Date.parse(dateOnly ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(ms)) throw new AppError(400, 'VALIDATION_ERROR', `not a date: ${value}`);
  return dateOnly && endOfDay ? ms + 86_400_000 : ms;
}

const CSV_COLUMNS = [
  'id',
  'created_at',
  'tool',
  'source',
  'label',
  'items',
  'failed',
  'latency_ms',
  'model',
  'input_excerpt',
  'result',
];

function csvRow(entry: HistoryEntry): string[] {
  const view = presentHistoryEntry(entry);
  return [
    view.id,
    view.created_at,
    view.tool,
    view.source,
    view.label ?? '',
    String(view.items),
    String(view.failed),
    String(view.latency_ms),
    view.model === null ? '' : `${view.model.name}@${view.model.version}`,
    safeCell(view.input_excerpt ?? ''),
    view.result === null ? '' : safeCell(JSON.stringify(view.result)),
  ];
}

/** The caller's history: list with filters, one entry, delete one or all, export. */
export async function historyRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const config = { scope: 'history' as const };

  api.get(
    '/history',
    {
      config,
      schema: {
        tags: ['history'],
        summary: 'Your tool calls, newest first',
        querystring: historyQuery,
        response: { 200: historyListResponse, ...errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const q = request.query;
      const from = timeBound(q.from, false);
      const to = timeBound(q.to, true);
      const page = await app.services.history.list(user, {
        limit: q.limit,
        offset: q.offset,
        ...(q.tool === undefined ? {} : { tool: q.tool }),
        ...(from === undefined ? {} : { from }),
        ...(to === undefined ? {} : { to }),
        ...(q.q === undefined || q.q === '' ? {} : { search: q.q }),
      });
      return {
        data: page.items.map(presentHistoryEntry),
        pagination: pagination(page.total, q.limit, q.offset),
      };
    },
  );

  api.get(
    '/history/export',
    {
      config,
      handlerTimeout: TRANSFER_TIMEOUT_MS,
      schema: {
        tags: ['history'],
        summary: 'Export all your history as CSV or JSON',
        querystring: exportQuery,
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const stamp = new Date(app.services.clock.now()).toISOString().slice(0, 10);
      const entries = app.services.history.all(user);
      if (request.query.format === 'csv') {
        const csv = stringify({ header: true, columns: CSV_COLUMNS });
        void (async () => {
          try {
            for await (const entry of entries)
              if (!csv.write(csvRow(entry))) await new Promise((r) => csv.once('drain', r));
            csv.end();
          } catch (error) {
            csv.destroy(error instanceof Error ? error : new Error(String(error)));
          }
        })();
        return reply
          .type('text/csv; charset=utf-8')
          .header('Content-Disposition', `attachment; filename="textai-history-${stamp}.csv"`)
          .send(csv);
      }
      const json = Readable.from(
        (async function* () {
          yield '[';
          let first = true;
          for await (const entry of entries) {
            yield (first ? '' : ',') + JSON.stringify(presentHistoryEntry(entry));
            first = false;
          }
          yield ']';
        })(),
      );
      return reply
        .type('application/json; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="textai-history-${stamp}.json"`)
        .send(json);
    },
  );

  api.get(
    '/history/:id',
    {
      config,
      schema: {
        tags: ['history'],
        summary: 'One history entry',
        params: idParams,
        response: { 200: historyEntryView, ...errors },
      },
    },
    async (request) =>
      presentHistoryEntry(await app.services.history.get(requireUser(request), request.params.id)),
  );

  api.delete(
    '/history/:id',
    {
      config,
      schema: {
        tags: ['history'],
        summary: 'Delete one entry',
        params: idParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await app.services.history.delete(requireUser(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  api.delete(
    '/history',
    {
      config,
      schema: {
        tags: ['history'],
        summary: 'Delete all your history',
        response: { 200: z.object({ deleted: z.number().int() }), ...errors },
      },
    },
    async (request) => ({ deleted: await app.services.history.deleteAll(requireUser(request)) }),
  );
}
