import { confidenceBand, recommendationOf } from '@textai/core';
import type { RowFields } from '../tools/rows.ts';
import type { ToolName } from '../tools/names.ts';
import type { RowOutcome } from '../tools/analyze-row.ts';
import type { RowAnalyzer, RowContext } from '../tools/types.ts';
import { enrichRows, type NeuralStep } from './enrich-rows.ts';
import { fakeNewsClassOf, labelScores, sentimentClassOf, type SentimentClass } from './labels.ts';
import type { Pipeline, TensorLike } from './runtime.ts';
import { summarizeStep } from './summarize-step.ts';

export type ModelRef = { name: string; version: string };

/** The pipeline task each tool's network runs. */
export const PIPELINE_TASK: Record<ToolName, string> = {
  sentiment: 'text-classification',
  'fake-news': 'text-classification',
  summarize: 'summarization',
  'job-match': 'feature-extraction',
};

function rounded(value: number): number {
  return Math.round(value * 10000) / 10000;
}

async function classify(pipeline: Pipeline, inputs: string[]): Promise<unknown[]> {
  const output = (await pipeline(inputs, { top_k: null })) as unknown[];
  // A list of lists, one per input; some versions give one input's classes unwrapped.
  return Array.isArray(output[0]) ? output : [output];
}

/**
 * Sentiment: every class's probability from the model. The built-in explanation (word weights of a
 * linear model) does not describe a network's decision, so neural results carry none rather than a
 * misleading one.
 */
function sentimentStep(pipeline: Pipeline, model: ModelRef): NeuralStep<string, unknown> {
  return {
    inputOf: (fields) => String(fields['text']),
    run: (inputs) => classify(pipeline, inputs),
    merge(base, output) {
      const classes = labelScores(output);
      const scores: Record<SentimentClass, number> = { positive: 0, negative: 0, neutral: 0 };
      for (const { label, score } of classes) {
        const name = sentimentClassOf(label, classes.length);
        if (name === undefined) throw new Error(`${model.name} has a label this tool cannot map: ${label}`);
        scores[name] += score;
      }
      const [best] = (Object.entries(scores) as [SentimentClass, number][]).sort((a, b) => b[1] - a[1]);
      const { raw_score: _raw, explanation_bias: _bias, ...rest } = base;
      return {
        ...rest,
        label: (best?.[0] ?? 'neutral').toUpperCase(),
        score: rounded(best?.[1] ?? 0),
        scores: {
          positive: rounded(scores.positive),
          negative: rounded(scores.negative),
          neutral: rounded(scores.neutral),
        },
        explanation: [],
        model,
      };
    },
  };
}

/** Input templates of known fake-news models (from their model cards); others get TITLE. TEXT. */
const FAKE_NEWS_TEMPLATES: Record<string, (title: string, text: string) => string> = {
  'hamzab/roberta-fake-news-classification': (title, text) => `<title> ${title} <content> ${text} <end>`,
};

export function fakeNewsInput(modelId: string, fields: RowFields): string {
  const title = typeof fields['title'] === 'string' ? fields['title'] : '';
  const text = String(fields['text']);
  const template = FAKE_NEWS_TEMPLATES[modelId];
  if (template !== undefined) return template(title, text);
  return title.trim() === '' ? text : `${title.trim()}. ${text}`;
}

/** Fake news: the model's verdict; the credibility signals stay (they describe the text, not a model). */
function fakeNewsStep(pipeline: Pipeline, model: ModelRef): NeuralStep<string, unknown> {
  return {
    inputOf: (fields) => fakeNewsInput(model.name, fields),
    run: (inputs) => classify(pipeline, inputs),
    merge(base, output) {
      let fake = 0;
      let real = 0;
      for (const { label, score } of labelScores(output)) {
        const verdict = fakeNewsClassOf(label);
        if (verdict === undefined)
          throw new Error(`${model.name} has a label this tool cannot map: ${label}`);
        if (verdict === 'FAKE') fake += score;
        else real += score;
      }
      const confidence = Math.max(fake, real);
      const { raw_score: _raw, explanation_bias: _bias, ...rest } = base;
      return {
        ...rest,
        prediction: fake > real ? 'FAKE' : 'REAL',
        confidence: rounded(confidence),
        confidence_band: confidenceBand(confidence),
        analysis: { fake_probability: rounded(fake), real_probability: rounded(real) },
        explanation: [],
        model,
      };
    },
  };
}

/** How much of the match score the embedding similarity takes when an embedding model is set. */
export const EMBEDDING_WEIGHT = 0.4;

function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  a.forEach((x, i) => {
    const y = b[i] ?? 0;
    dot += x * y;
    na += x * x;
    nb += y * y;
  });
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/**
 * Job matching: résumé and job description embedded (mean-pooled, normalised), and their cosine
 * blended into the built-in score: score = (1 - w) × built-in + w × max(0, cosine), w = 0.4, with
 * `components.similarity` showing the embedding similarity and the recommendation following the
 * blended score. Skills, advice and the other components stay the built-in matcher's.
 */
function jobMatchStep(pipeline: Pipeline, model: ModelRef): NeuralStep<[string, string], number> {
  return {
    inputOf: (fields, _base, context) => {
      // With --job-file (file jobs' "one job for every résumé") the rows carry only the résumé.
      const job = fields['job_description'] ?? context.settings?.jobDescription ?? '';
      return [String(fields['resume']), String(job)];
    },
    async run(pairs) {
      const tensor = (await pipeline(pairs.flat(), { pooling: 'mean', normalize: true })) as TensorLike;
      const vectors = tensor.tolist() as number[][];
      return pairs.map((_pair, i) => cosine(vectors[2 * i] ?? [], vectors[2 * i + 1] ?? []));
    },
    merge(base, similarity) {
      const builtinScore = Number(base['match_score']);
      const score = rounded(
        (1 - EMBEDDING_WEIGHT) * builtinScore + EMBEDDING_WEIGHT * Math.max(0, similarity),
      );
      const builtinModel = base['model'] as ModelRef;
      return {
        ...base,
        match_score: score,
        match_percentage: Math.round(score * 1000) / 10,
        recommendation: recommendationOf(score),
        components: { ...(base['components'] as object), similarity: rounded(Math.max(0, similarity)) },
        model: {
          name: `${builtinModel.name}+${model.name}`,
          version: `${builtinModel.version}+${model.version}`,
        },
      };
    },
  };
}

/** One tool's rows through its network: each tool's step keeps its own input and output types. */
export function runNeuralRows(
  tool: ToolName,
  pipeline: Pipeline,
  model: ModelRef,
  builtin: RowAnalyzer,
  rows: readonly RowFields[],
  context: RowContext,
): Promise<RowOutcome[]> {
  switch (tool) {
    case 'sentiment':
      return enrichRows(builtin, rows, context, sentimentStep(pipeline, model));
    case 'fake-news':
      return enrichRows(builtin, rows, context, fakeNewsStep(pipeline, model));
    case 'summarize':
      return enrichRows(builtin, rows, context, summarizeStep(pipeline, model));
    case 'job-match':
      return enrichRows(builtin, rows, context, jobMatchStep(pipeline, model));
  }
}
