/** The résumé / job matcher's public API (the model file is loaded through '@textai/core/models/job-match'). */
export type {
  JobMatchComponents,
  JobMatchModelData,
  JobMatchOptions,
  JobMatchRecommendation,
  JobMatchResult,
  JobMatchSkills,
} from './types.ts';
export {
  analyzeJobMatch,
  calibrate,
  JobMatchModel,
  prepareJob,
  prepareResume,
  rankJobs,
  rankResumes,
  recommendationOf,
  scoreProfiles,
  type RankedMatch,
} from './match.ts';
export { matchTokens, phraseKey, termOf, isContentWord, STOPWORDS } from './normalize.ts';
export type { JobProfile, ResumeProfile } from './profile.ts';
