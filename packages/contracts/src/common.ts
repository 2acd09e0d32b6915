import { z } from 'zod';

export const TOOL_NAMES = ['sentiment', 'summarize', 'fake-news', 'job-match'] as const;
export const toolName = z.enum(TOOL_NAMES);
export type ToolName = z.infer<typeof toolName>;

export const warning = z.object({ code: z.string(), message: z.string() });
export const modelInfo = z.object({ name: z.string(), version: z.string() });

export const pagination = z.object({
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const idParams = z.object({ id: z.string().min(1).max(100) });

export const isoTime = z.string().describe('ISO 8601 time (UTC)');
