/** The summarizer's public API (also reachable as '@textai/core/summarize'). */
export {
  summarize,
  prepareDocument,
  sentenceLogits,
  setBudget,
  budgetOf,
  selectSentences,
  lengthPlan,
  DEFAULT_MAX_LENGTH,
  DEFAULT_MIN_LENGTH,
  type PreparedDocument,
  type SummarizeInput,
  type SummarizeOptions,
  type SentenceScorer,
  type LengthPlan,
} from './summarize.ts';
export { splitSentences, type SentenceSpan } from './split.ts';
export { FEATURE_NAMES, FEATURE_COUNT, BUDGET_FEATURE, isBoilerplate, type FeatureName } from './features.ts';
export { SummarizerModel, HEURISTIC_SUMMARIZER, type SummarizerModelData } from './model.ts';
export type { SummaryResult, SummarySentence, SummaryKeyword, SummarizeLengthOptions } from './types.ts';
export {
  rouge,
  rougeN,
  rougeLsum,
  rougeTokens,
  RougeAccumulator,
  type RougeScore,
  type RougeScores,
} from '../eval/rouge.ts';
