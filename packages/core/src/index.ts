/** @textai/core: the pure NLP library. Model files are loaded through '@textai/core/models'. */
export * from './types.ts';
export { analyzeSentiment, SentimentModel, type AnalyzeOptions } from './sentiment/sentiment.ts';
export {
  analyzeFakeNews,
  confidenceBand,
  fakeNewsModelInput,
  FakeNewsModel,
  type FakeNewsInput,
  type FakeNewsOptions,
} from './fake-news/fake-news.ts';
export { computeCredibilitySignals, CREDIBILITY_SIGNAL_NAMES } from './fake-news/signals.ts';
export { detectLanguage, languageWarnings, languageName } from './text/language.ts';
export { tokenize, tokenStrings, tokenHash, TokenBuffer } from './text/tokenize.ts';
export { LinearModel, type LinearModelData, type DomainRouter } from './classifier/model.ts';
export { DEFAULT_FEATURES, type FeatureConfig } from './classifier/features.ts';
export { buildLexicon, type Lexicon } from './classifier/lexicon.ts';
export { buildDataset, type Example, type SparseDataset } from './classifier/dataset.ts';
export { trainLogistic, scoreDataset, type CompactWeights } from './classifier/train.ts';
export { fitTemperature } from './classifier/calibrate.ts';
export { serializeModel, deserializeModel } from './classifier/serialize.ts';
export {
  classificationReport,
  expectedCalibrationError,
  formatConfusion,
  type ClassificationReport,
} from './eval/metrics.ts';
export { nbRatios, scaleColumns, foldRatios } from './classifier/nb-scaling.ts';
export { domainBiasIndex, domainIndex } from './classifier/features.ts';
export {
  analyzeJobMatch,
  rankResumes,
  rankJobs,
  prepareJob,
  prepareResume,
  scoreProfiles,
  recommendationOf,
  JobMatchModel,
  type JobMatchResult,
  type JobMatchOptions,
  type JobMatchComponents,
  type JobMatchSkills,
  type JobMatchRecommendation,
  type RankedMatch,
} from './job-match/index.ts';
export * from './summarize/index.ts';
