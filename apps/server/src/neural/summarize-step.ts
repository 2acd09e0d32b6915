import type { RowFields } from '../tools/rows.ts';
import type { NeuralStep } from './enrich-rows.ts';
import type { Pipeline } from './runtime.ts';

type ModelRef = { name: string; version: string };

/** Tokens a summarization model reads at most when its tokenizer does not say (BART's limit). */
const DEFAULT_MAX_TOKENS = 1024;
/** Generated tokens per output word, roughly, for English subword vocabularies. */
const TOKENS_PER_WORD = 1.5;

function words(text: string): string[] {
  return text.split(/\s+/).filter((word) => word !== '');
}

interface SummaryRequest {
  text: string;
  /** Longest summary in words: max_length, else the length the built-in summary would have. */
  maxWords: number;
  minWords: number;
}

/**
 * Splits an article into pieces the model can read whole: sentences packed up to the token
 * budget, a sentence longer than the budget cut by tokens. Token counts come from the model's own
 * tokenizer, so the budget holds whatever its vocabulary.
 */
export function chunkByTokens(tokenizer: Pipeline['tokenizer'], text: string, budget: number): string[] {
  const count = (piece: string): number => tokenizer.encode(piece, { add_special_tokens: false }).length;
  if (count(text) <= budget) return [text];
  const chunks: string[] = [];
  let current = '';
  const flush = (): void => {
    if (current.trim() !== '') chunks.push(current.trim());
    current = '';
  };
  for (const sentence of text.split(/(?<=[.!?])\s+/)) {
    const ids = tokenizer.encode(sentence, { add_special_tokens: false });
    if (ids.length > budget) {
      flush();
      for (let start = 0; start < ids.length; start += budget) {
        chunks.push(tokenizer.decode(ids.slice(start, start + budget), { skip_special_tokens: true }));
      }
    } else if (count(`${current} ${sentence}`) > budget) {
      flush();
      current = sentence;
    } else {
      current = current === '' ? sentence : `${current} ${sentence}`;
    }
  }
  flush();
  return chunks;
}

async function generate(
  pipeline: Pipeline,
  texts: string[],
  maxWords: number,
  minWords: number,
): Promise<string[]> {
  const maxTokens = Math.max(8, Math.ceil((maxWords * TOKENS_PER_WORD) / texts.length) + 2);
  const minTokens = Math.min(maxTokens - 1, Math.ceil((minWords * TOKENS_PER_WORD) / texts.length));
  const options = { max_new_tokens: maxTokens, ...(minTokens > 0 ? { min_new_tokens: minTokens } : {}) };
  // One text per call: transformers.js 4.3's greedy generation does not pad a sequence that has
  // ended while others in its batch go on, so a batched summary would carry tokens generated after
  // its end-of-sequence (seen with the tiny test model; decoding drops the EOS, not what follows).
  const summaries: string[] = [];
  for (const text of texts) {
    const [output] = (await pipeline(text, options)) as { summary_text: string }[];
    summaries.push(output?.summary_text.trim() ?? '');
  }
  return summaries;
}

/**
 * Long articles: each token-budget chunk is summarised, the chunk summaries are joined, and a join still over the budget is summarised once more. The
 * result is cut to max_length words; min_length is asked of the model (min_new_tokens) and never
 * forces more text than the model writes.
 */
async function summarizeOne(pipeline: Pipeline, request: SummaryRequest): Promise<string> {
  const limit = Math.min(pipeline.tokenizer.model_max_length ?? DEFAULT_MAX_TOKENS, DEFAULT_MAX_TOKENS);
  const budget = Math.max(8, limit - 2);
  const chunks = chunkByTokens(pipeline.tokenizer, request.text, budget);
  let summary = (await generate(pipeline, chunks, request.maxWords, request.minWords)).join(' ');
  if (
    chunks.length > 1 &&
    chunkByTokens(pipeline.tokenizer, summary, budget).length === 1 &&
    words(summary).length > request.maxWords
  ) {
    [summary = ''] = await generate(pipeline, [summary], request.maxWords, request.minWords);
  }
  return words(summary).slice(0, request.maxWords).join(' ');
}

function lengthField(fields: RowFields, name: string): number | undefined {
  const value = fields[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * Summaries written by a sequence-to-sequence model. Keywords and the original length stay the
 * built-in summarizer's; `sentences` is empty (an abstractive summary is not a choice of the
 * article's sentences). Without max_length the target is the built-in summary's length, which
 * already honours `sentences` and `ratio`.
 */
export function summarizeStep(pipeline: Pipeline, model: ModelRef): NeuralStep<SummaryRequest, string> {
  return {
    inputOf: (fields, base) => ({
      text: String(fields['text']),
      maxWords: lengthField(fields, 'max_length') ?? Math.max(1, Number(base['summary_length'])),
      minWords: lengthField(fields, 'min_length') ?? 0,
    }),
    async run(requests) {
      const summaries: string[] = [];
      for (const request of requests) summaries.push(await summarizeOne(pipeline, request));
      return summaries;
    },
    merge(base, summary) {
      const original = Number(base['original_length']);
      const length = words(summary).length;
      return {
        ...base,
        summary,
        sentences: [],
        summary_length: length,
        compression_ratio: original === 0 ? 0 : Math.round((length / original) * 10000) / 10000,
        model,
      };
    },
  };
}
