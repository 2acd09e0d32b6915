import { z } from 'zod';
import { isoTime, modelInfo, pageQuery, pagination, toolName } from './common.ts';

export const historyQuery = pageQuery.extend({
  tool: toolName.optional(),
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  q: z.string().max(200).optional(),
});
export const historyEntryView = z
  .object({
    id: z.string(),
    tool: toolName,
    source: z.enum(['ui', 'api', 'batch', 'job']),
    input_excerpt: z.string().nullable(),
    result: z.unknown(),
    label: z.string().nullable(),
    model: modelInfo.nullable(),
    latency_ms: z.number(),
    items: z.number().int(),
    failed: z.number().int(),
    created_at: isoTime,
  })
  .meta({ id: 'HistoryEntry' });
export const historyListResponse = z.object({ data: z.array(historyEntryView), pagination });
export const exportQuery = z.object({ format: z.enum(['csv', 'json']).default('json') });

export const analyticsQuery = z.object({ tz: z.string().max(64).default('UTC') });
export const analyticsResponse = z.object({
  scope: z.enum(['user', 'everyone']),
  time_zone: z.string(),
  totals: z.object({
    calls: z.number().int(),
    items: z.number().int(),
    average_latency_ms: z
      .number()
      .describe('over the calls a client waited for (UI, API, batch); file jobs are left out'),
  }),
  last_7_days: z.number().int(),
  last_30_days: z.number().int(),
  per_tool: z.record(z.string(), z.number().int()),
  most_used_tool: z.string().nullable(),
  per_day: z.array(
    z.object({
      date: z.string(),
      calls: z.number().int(),
      items: z.number().int().describe('texts analysed that day (a batch call counts each row)'),
      failed: z.number().int().describe('of those items, how many ended in an error'),
      by_tool: z.record(z.string(), z.number().int()),
    }),
  ),
  average_latency_ms_per_tool: z
    .record(z.string(), z.number())
    .describe('as totals.average_latency_ms; a tool used only through file jobs has no entry'),
  labels: z.record(z.string(), z.record(z.string(), z.number().int())),
});
