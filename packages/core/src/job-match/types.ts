import type { ModelInfo, ResultWarning } from '../types.ts';

export type JobMatchRecommendation =
  'Excellent Match' | 'Strong Match' | 'Good Match' | 'Fair Match' | 'Weak Match';

/** The four parts of the score, each 0..1. */
export interface JobMatchComponents {
  /** Weighted coverage of the job's skills (required ones count fully, nice-to-have ones a little). */
  skills: number;
  /** TF-IDF cosine of the two texts, mapped to 0..1. */
  similarity: number;
  /** How close the résumé's job titles are to the job's (O*NET occupations, then title words). */
  title: number;
  /** Years of experience against the years the job asks for. */
  experience: number;
}

export interface JobMatchSkills {
  /** The job's skills the résumé shows, required ones first. */
  matched: string[];
  /** The job's skills the résumé does not show, required ones first. */
  missing: string[];
  /** Skills in the résumé that the job does not mention. */
  extra: string[];
}

/** The result of `POST /job-match` (the server adds `processing_time_ms`). */
export interface JobMatchResult {
  match_score: number;
  match_percentage: number;
  recommendation: JobMatchRecommendation;
  components: JobMatchComponents;
  skills: JobMatchSkills;
  advice: string[];
  model: ModelInfo;
  warnings: ResultWarning[];
}

export interface JobMatchOptions {
  /**
   * The year "present" / "current" in a résumé's date ranges stands for. Core reads no clock: the
   * server passes the current year; the default is the year the model was built.
   */
  referenceYear?: number;
  /** Language check that adds a NON_ENGLISH warning (default true). */
  detectLanguage?: boolean;
}

/** Skill kinds in the gazetteer: tools and technologies, or broader (mostly ESCO) skills. */
export const enum SkillKind {
  Tech = 0,
  General = 1,
}

/**
 * The compiled model file (JSON, gzipped): the skills gazetteer, O*NET job titles, and the IDF
 * table. Built by apps/server/src/ml/train-job-match.ts.
 */
export interface JobMatchModelData {
  format: 'textai-job-match';
  formatVersion: 1;
  name: string;
  version: string;
  referenceYear: number;
  /** Display name of every skill. */
  skills: string[];
  /** SkillKind of every skill. */
  kinds: number[];
  /** Surface form (normalised key) → skill index; `cased` set for ambiguous words that must be written so. */
  surfaces: [key: string, skill: number, cased: string | null][];
  /** O*NET occupations: [SOC code, title]. */
  occupations: [code: string, title: string][];
  /** Normalised job title → occupation indexes. */
  titles: [key: string, occupations: number[]][];
  /** Term → inverse document frequency, learned from job postings and résumés. */
  idf: Record<string, number>;
  /** IDF of a term the table does not hold (a rare one). */
  unknownIdf: number;
  /** Training provenance: sources, counts, licences. */
  meta: Record<string, unknown>;
}
