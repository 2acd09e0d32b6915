import { z } from 'zod';
import { modelInfo, warning } from './common.ts';

/**
 * Tool requests and responses. Text fields are bounded by MAX_TEXT_CHARS in the service (413
 * PAYLOAD_TOO_LARGE), not here, so that the limit stays a configuration setting.
 */

const text = z.string().describe('text to analyse');
const explanation = z.array(
  z.object({ token: z.string(), start: z.number().int(), end: z.number().int(), weight: z.number() }),
);
const common = { model: modelInfo, warnings: z.array(warning), processing_time_ms: z.number() };

export const sentimentRequest = z.strictObject({
  text,
  explain: z.boolean().optional().describe('include per-token contributions (default true)'),
});
export const sentimentResponse = z
  .object({
    label: z.enum(['POSITIVE', 'NEGATIVE', 'NEUTRAL']),
    score: z.number(),
    scores: z.object({ positive: z.number(), negative: z.number(), neutral: z.number() }),
    explanation,
    raw_score: z.number().optional(),
    explanation_bias: z.number().optional(),
    ...common,
  })
  .meta({ id: 'SentimentResult' });

export const summarizeRequest = z.strictObject({
  text,
  title: z.string().optional(),
  sentences: z.number().int().min(1).max(1000).optional(),
  ratio: z.number().gt(0).max(1).optional(),
  max_length: z.number().int().min(1).max(100_000).optional(),
  min_length: z.number().int().min(0).max(100_000).optional(),
});
export const summarizeResponse = z
  .object({
    summary: z.string(),
    sentences: z.array(
      z.object({
        index: z.number().int(),
        start: z.number().int(),
        end: z.number().int(),
        text: z.string(),
        score: z.number(),
      }),
    ),
    keywords: z.array(z.object({ term: z.string(), score: z.number() })),
    original_length: z.number().int(),
    summary_length: z.number().int(),
    compression_ratio: z.number(),
    ...common,
  })
  .meta({ id: 'SummaryResult' });

export const fakeNewsRequest = z.strictObject({ text, title: z.string().optional() });
export const fakeNewsResponse = z
  .object({
    prediction: z.enum(['FAKE', 'REAL']),
    confidence: z.number(),
    confidence_band: z.enum(['high', 'medium', 'low']),
    analysis: z.object({ fake_probability: z.number(), real_probability: z.number() }),
    signals: z.array(z.object({ name: z.string(), value: z.number(), description: z.string() })),
    explanation: z.array(
      z.object({
        token: z.string(),
        start: z.number().int(),
        end: z.number().int(),
        weight: z.number(),
        field: z.enum(['title', 'text']).describe('the input the offsets point into'),
      }),
    ),
    raw_score: z.number().optional(),
    explanation_bias: z.number().optional(),
    ...common,
  })
  .meta({ id: 'FakeNewsResult' });

export const jobMatchRequest = z.strictObject({
  resume: z.string().describe('résumé text'),
  job_description: z.string(),
});
export const jobMatchResponse = z
  .object({
    match_score: z.number(),
    match_percentage: z.number(),
    recommendation: z.enum(['Excellent Match', 'Strong Match', 'Good Match', 'Fair Match', 'Weak Match']),
    components: z.object({
      skills: z.number(),
      similarity: z.number(),
      title: z.number(),
      experience: z.number(),
    }),
    skills: z.object({
      matched: z.array(z.string()),
      missing: z.array(z.string()),
      extra: z.array(z.string()),
    }),
    advice: z.array(z.string()),
    ...common,
  })
  .meta({ id: 'JobMatchResult' });

export const batchRequest = z.union([
  z.strictObject({ texts: z.array(z.string()).min(1) }),
  z.strictObject({ items: z.array(z.record(z.string(), z.unknown())).min(1) }),
]);
export const itemError = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
export const batchResponse = z.object({
  results: z.array(z.union([z.record(z.string(), z.unknown()), itemError])),
  total: z.number().int(),
  successful: z.number().int(),
  failed: z.number().int(),
  processing_time_ms: z.number(),
});

export const toolSchemas = {
  sentiment: { request: sentimentRequest, response: sentimentResponse },
  summarize: { request: summarizeRequest, response: summarizeResponse },
  'fake-news': { request: fakeNewsRequest, response: fakeNewsResponse },
  'job-match': { request: jobMatchRequest, response: jobMatchResponse },
} as const;
