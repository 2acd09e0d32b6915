import { z } from 'zod';
import { isoTime, pageQuery, pagination } from './common.ts';
import { userView } from './auth.ts';

export const adminUsersQuery = pageQuery.extend({ q: z.string().max(100).optional() });
export const adminUsersResponse = z.object({ data: z.array(userView), pagination });
export const adminPatchUserRequest = z
  .strictObject({ tier: z.enum(['user', 'pro', 'admin']).optional(), disabled: z.boolean().optional() })
  .refine((v) => v.tier !== undefined || v.disabled !== undefined, 'give tier or disabled');
export const resetLinkResponse = z.object({ reset_url: z.string(), token: z.string(), expires_at: isoTime });
export const auditEventView = z.object({
  id: z.string(),
  event: z.string(),
  actor_id: z.string().nullable(),
  target_id: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
  created_at: isoTime,
});
export const auditQuery = pageQuery.extend({ event: z.string().max(64).optional() });
export const auditResponse = z.object({ data: z.array(auditEventView), pagination });
export const statsResponse = z.object({
  uptime_seconds: z.number(),
  memory: z.object({ rss_bytes: z.number(), heap_used_bytes: z.number() }),
  database: z.object({ dialect: z.string(), size_bytes: z.number().nullable() }),
  users: z.number().int(),
  models: z.array(z.object({ tool: z.string(), name: z.string(), version: z.string(), status: z.string() })),
  queue_depth: z.number().int().describe('batch job rows not yet done, across all processes'),
  jobs: z.object({
    active: z.number().int().describe('jobs queued or running'),
    runner: z
      .enum(['threads', 'bullmq'])
      .describe('threads: this process runs jobs; bullmq: `textai worker` processes do'),
    threads_busy: z.number().int().nullable().describe('this process’s job threads at work (threads only)'),
  }),
  error_rate_24h: z.number(),
  calls_24h: z.number().int(),
  errors_since_start: z
    .number()
    .int()
    .describe('5xx responses this server process has sent since it started (`textai smoke` expects 0)'),
});
