import { languageWarnings } from '../text/language.ts';
import { requireText } from '../text/validate.ts';
import { AnalysisInputError, type ModelInfo, type ResultWarning } from '../types.ts';
import {
  CompiledJobMatchModel,
  copiedMask,
  cosine,
  isGeneral,
  Need,
  profileJob,
  profileResume,
  tfIdfVector,
  type JobProfile,
  type ResumeProfile,
} from './profile.ts';
import type {
  JobMatchComponents,
  JobMatchModelData,
  JobMatchOptions,
  JobMatchRecommendation,
  JobMatchResult,
} from './types.ts';

/** A loaded job-match model: the compiled gazetteer, titles and IDF table. */
export class JobMatchModel {
  readonly info: ModelInfo;
  readonly compiled: CompiledJobMatchModel;

  constructor(data: JobMatchModelData) {
    if (data.format !== 'textai-job-match') throw new Error(`${data.name} is not a job-match model`);
    this.compiled = new CompiledJobMatchModel(data);
    this.info = { name: data.name, version: data.version };
  }
}

/** Weights of the components in the raw score (renormalised over the components that apply). */
const WEIGHTS = { skills: 0.55, similarity: 0.15, title: 0.15, experience: 0.15 } as const;
/** Weight of the experience part when the job names no years (a résumé with dates still helps a little). */
const EXPERIENCE_WEIGHT_UNSTATED = 0.05;
/** Skill weights by how the job asks for them. */
const NEED_WEIGHT = [1, 0.35, 0.6] as const;
/** Broad (ESCO-style) skills such as "communication" count less than tools and technologies. */
const GENERAL_SKILL_FACTOR = 0.5;
const TITLE_SKILL_FACTOR = 1.5;
/** Skill coverage or text similarity at which a résumé's years fully count as relevant experience. */
const RELEVANT_AT = 0.6;
/** Cosines of TF-IDF vectors of a job and a résumé rarely pass 0.4 even for a close fit. */
const SIMILARITY_FLOOR = 0.03;
const SIMILARITY_SPAN = 0.3;
/**
 * A skill named only in a keyword list ("Skills: SEO, PPC, …") earns this much, and up to full
 * credit as far as the rest of the résumé is about the job's work (a list above unrelated jobs
 * earns little).
 */
const LISTED_BASE = 0.3;

function orMasks(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! | b[i]!;
  return out;
}

/**
 * Raw score → calibrated match_score: a monotone piecewise-linear map. The anchors put a résumé
 * that covers most required skills with the asked-for experience (raw ≈ 0.7 and up) at Strong or
 * better, and one with no required skill and another field's vocabulary (raw ≤ 0.3) at Weak.
 * They were set on the hand-graded pairs in packages/core/test/fixtures/job-match (see the card).
 */
const CALIBRATION: readonly (readonly [number, number])[] = [
  [0, 0],
  [0.3, 0.45],
  [0.45, 0.6],
  [0.6, 0.72],
  [0.7, 0.8],
  [0.85, 0.9],
  [1, 0.98],
];

export function calibrate(raw: number): number {
  for (let i = 1; i < CALIBRATION.length; i++) {
    const [x1, y1] = CALIBRATION[i]!;
    if (raw <= x1) {
      const [x0, y0] = CALIBRATION[i - 1]!;
      return y0 + ((raw - x0) / (x1 - x0)) * (y1 - y0);
    }
  }
  return CALIBRATION[CALIBRATION.length - 1]![1];
}

export function recommendationOf(score: number): JobMatchRecommendation {
  if (score >= 0.9) return 'Excellent Match';
  if (score >= 0.8) return 'Strong Match';
  if (score >= 0.7) return 'Good Match';
  if (score >= 0.6) return 'Fair Match';
  return 'Weak Match';
}

function requireWords(value: unknown, field: string): string {
  const text = requireText(value, field);
  if (!/[\p{L}]{2}/u.test(text)) {
    throw new AnalysisInputError('VALIDATION_ERROR', `${field} contains no words`);
  }
  return text;
}

/** Profiles a job description once, for scoring against many résumés. */
export function prepareJob(model: JobMatchModel, jobDescription: string): JobProfile {
  return profileJob(model.compiled, requireWords(jobDescription, 'job_description'));
}

/** Profiles a résumé once, for scoring against many jobs. */
export function prepareResume(
  model: JobMatchModel,
  resume: string,
  options: JobMatchOptions = {},
): ResumeProfile {
  return profileResume(
    model.compiled,
    requireWords(resume, 'resume'),
    options.referenceYear ?? model.compiled.data.referenceYear,
  );
}

function occupationAffinity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.slice(0, 7) === b.slice(0, 7)) return 0.95;
  if (a.slice(0, 6) === b.slice(0, 6)) return 0.8;
  if (a.slice(0, 5) === b.slice(0, 5)) return 0.6;
  if (a.slice(0, 2) === b.slice(0, 2)) return 0.3;
  return 0;
}

function round(x: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

function list(names: readonly string[], max = 6): string {
  const shown = names.slice(0, max).join(', ');
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}

/** Scores a profiled pair; `warnings` are the language warnings already computed for the texts. */
export function scoreProfiles(
  model: JobMatchModel,
  job: JobProfile,
  resume: ResumeProfile,
  warnings: ResultWarning[] = [],
): JobMatchResult {
  const m = model.compiled;
  const names = m.data.skills;
  const outWarnings = [...warnings];

  // Words copied from the job into the résumé earn no skill and no similarity.
  const copied = copiedMask(job, resume);
  const mask = copied && copied.copied >= 20 ? copied.mask : null;
  if (mask) {
    outWarnings.push({
      code: 'JOB_TEXT_COPIED',
      message: `About ${copied!.copied} words of the résumé repeat the job description word for word; they were not counted.`,
    });
  }
  // Text similarity, without the keyword lists and then with them as far as the rest bears them out.
  const resumeVector = mask ? tfIdfVector(m, resume.tokens.words, mask) : resume.vector;
  const similarityOf = (v: typeof resumeVector): number =>
    clamp01((cosine(job.vector, v) - SIMILARITY_FLOOR) / SIMILARITY_SPAN);
  const fullSimilarity = similarityOf(resumeVector);
  let similarity = fullSimilarity;
  let support = 1;
  if (resume.listed) {
    const prose = similarityOf(
      mask ? tfIdfVector(m, resume.tokens.words, orMasks(mask, resume.listed)) : resume.proseVector,
    );
    support = clamp01(prose / RELEVANT_AT);
    similarity = prose + (fullSimilarity - prose) * support;
  }
  const listedCredit = LISTED_BASE + (1 - LISTED_BASE) * support;

  /** 1 for a skill used in the résumé's prose, less for one only named in a keyword list, 0 if absent. */
  const evidence = (skill: number): number => {
    const mentions = resume.skills.get(skill);
    if (!mentions) return 0;
    let credit = 0;
    for (const i of mentions) {
      if (mask && mask[i] === 1) continue;
      if (resume.listed && resume.listed[i] === 1) credit = listedCredit;
      else return 1;
    }
    return credit;
  };

  // Skills
  let reqTotal = 0;
  let reqHave = 0;
  let niceTotal = 0;
  let niceHave = 0;
  // The same, counting only skills used in the résumé's prose (not only listed).
  let reqUsed = 0;
  let niceUsed = 0;
  const matchedReq: string[] = [];
  const matchedNice: string[] = [];
  const missingReq: string[] = [];
  const missingNice: string[] = [];
  const wished: string[] = [];
  const jobSkillSet = new Set<number>();
  // Alternatives ("Jenkins or GitHub Actions") form one requirement: any member satisfies it.
  const groups = new Map<number, { need: Need; weight: number; members: number[] }>();
  for (const s of job.skills) {
    jobSkillSet.add(s.skill);
    let w = NEED_WEIGHT[s.need];
    if (isGeneral(m, s.skill)) w *= GENERAL_SKILL_FACTOR;
    if (s.inTitle) w *= TITLE_SKILL_FACTOR;
    const g = groups.get(s.group);
    if (!g) groups.set(s.group, { need: s.need, weight: w, members: [s.skill] });
    else {
      g.members.push(s.skill);
      g.weight = Math.max(g.weight, w);
      if (s.need < g.need) g.need = s.need;
    }
  }
  const orderedGroups = [...groups.values()].sort((a, b) => b.weight - a.weight || a.need - b.need);
  for (const g of orderedGroups) {
    let credit = 0;
    const have: number[] = [];
    for (const s of g.members) {
      const e = evidence(s);
      if (e > 0) have.push(s);
      if (e > credit) credit = e;
    }
    const has = have.length > 0;
    const nice = g.need === Need.Nice;
    if (nice) {
      niceTotal += g.weight;
      niceHave += g.weight * credit;
      if (credit === 1) niceUsed += g.weight;
    } else {
      reqTotal += g.weight;
      reqHave += g.weight * credit;
      if (credit === 1) reqUsed += g.weight;
    }
    const matched = nice ? matchedNice : matchedReq;
    const missing = nice ? missingNice : missingReq;
    if (has) matched.push(...have.map((s) => names[s]!));
    else {
      missing.push(g.members.map((s) => names[s]!).join(' or '));
      if (!nice && g.members.some((s) => resume.aspirational.has(s)))
        wished.push(g.members.map((s) => names[s]!).join(' or '));
    }
  }
  const coverage = (req: number, nice: number): number | null => {
    if (reqTotal > 0 && niceTotal > 0) return 0.85 * (req / reqTotal) + 0.15 * (nice / niceTotal);
    if (reqTotal > 0) return req / reqTotal;
    if (niceTotal > 0) return nice / niceTotal;
    return null;
  };
  const skills = coverage(reqHave, niceHave);
  const skillsUsed = coverage(reqUsed, niceUsed);
  if (skills === null) {
    outWarnings.push({
      code: 'NO_JOB_SKILLS',
      message:
        'No known skills were found in the job description; the score rests on text and title similarity.',
    });
  }
  const extraCounts: [string, number][] = [];
  for (const [skill, mentions] of resume.skills) {
    if (!jobSkillSet.has(skill) && !isGeneral(m, skill)) extraCounts.push([names[skill]!, mentions.length]);
  }
  extraCounts.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));

  // Title
  let title: number | null = null;
  if (job.titleTerms.length > 0 || job.occupations.length > 0) {
    let occ = 0;
    for (const jo of job.occupations) {
      const code = m.data.occupations[jo]![0];
      for (const [ro, weight] of resume.occupations) {
        const a = occupationAffinity(code, m.data.occupations[ro]![0]) * weight;
        if (a > occ) occ = a;
      }
    }
    let words = 0;
    if (job.titleTerms.length > 0) {
      let inHeader = 0;
      let anywhere = 0;
      for (const t of job.titleTerms) {
        if (resume.headerTerms.has(t)) inHeader++;
        else if (resume.proseTerms.has(t)) anywhere++;
      }
      words = (inHeader + 0.6 * anywhere) / job.titleTerms.length;
    }
    title = Math.max(occ, words);
  }

  // Experience: years count as far as they were spent on this kind of work, which the skills and
  // the vocabulary show (twelve years as a chef are not four years of DevOps).
  // (Skills only listed do not show what the years were spent on.)
  const relevance = clamp01(Math.max(skillsUsed ?? 0, similarity) / RELEVANT_AT);
  let years: number;
  let experienceWeight: number = WEIGHTS.experience;
  if (job.requiredYears === null) {
    years = resume.years === null ? 0.6 : 1;
    experienceWeight = EXPERIENCE_WEIGHT_UNSTATED;
  } else if (resume.years === null) {
    years = 0.25;
  } else {
    years = Math.min(1, resume.years / job.requiredYears);
  }
  const experience = years * relevance;

  let raw = similarity * WEIGHTS.similarity + experience * experienceWeight;
  let total = WEIGHTS.similarity + experienceWeight;
  if (skills !== null) {
    raw += skills * WEIGHTS.skills;
    total += WEIGHTS.skills;
  }
  if (title !== null) {
    raw += title * WEIGHTS.title;
    total += WEIGHTS.title;
  }
  raw /= total;
  const score = round(calibrate(raw));

  const components: JobMatchComponents = {
    skills: round(skills ?? similarity),
    similarity: round(similarity),
    title: round(title ?? 0),
    experience: round(experience),
  };

  // Advice a job seeker can act on.
  const advice: string[] = [];
  const missingCore = missingReq.filter((n) => !wished.includes(n));
  if (missingCore.length > 0) advice.push(`Add evidence of: ${list(missingCore)} (asked for by the job).`);
  if (wished.length > 0) {
    advice.push(
      `You mention wanting to learn ${list(wished)}; a project, course or role where you used ${wished.length > 1 ? 'them' : 'it'} would count as evidence.`,
    );
  }
  if (missingNice.length > 0)
    advice.push(
      `Nice to have: ${list(missingNice)}. Mention ${missingNice.length > 1 ? 'them' : 'it'} if you have used ${missingNice.length > 1 ? 'them' : 'it'}.`,
    );
  if (job.requiredYears !== null) {
    if (resume.years === null)
      advice.push(
        `The job asks for ${job.requiredYears}+ years of experience; give dates (e.g. "2019 – 2023") for each role so they can be counted.`,
      );
    else if (resume.years < job.requiredYears && relevance > 0.5)
      advice.push(
        `The job asks for ${job.requiredYears}+ years of experience; the résumé shows about ${formatYears(resume.years)}.`,
      );
  }
  if (title !== null && title < 0.5 && job.title)
    advice.push(
      `Your résumé's headline does not name a role like "${job.title}"; if you have done this work, say so in your summary.`,
    );
  if (similarity < 0.3 && skills !== null && skills >= 0.5)
    advice.push("Describe your experience in the job's own terms where they truthfully apply.");
  if (mask) advice.push('Remove text copied from the job description; describe your own experience instead.');
  if (advice.length === 0)
    advice.push(
      `Your résumé covers what the job asks for; lead with ${matchedReq.length > 0 ? list(matchedReq, 4) : 'your most relevant experience'} in your summary.`,
    );

  return {
    match_score: score,
    match_percentage: Math.round(score * 1000) / 10,
    recommendation: recommendationOf(score),
    components,
    skills: {
      matched: [...matchedReq, ...matchedNice],
      missing: [...missingReq, ...missingNice],
      extra: extraCounts.slice(0, 15).map(([n]) => n),
    },
    advice,
    model: model.info,
    warnings: outWarnings,
  };
}

function formatYears(years: number): string {
  return years === 1 ? '1 year' : `${years} years`;
}

function warningsFor(resume: string, job: string, options: JobMatchOptions): ResultWarning[] {
  if (options.detectLanguage === false) return [];
  const warnings: ResultWarning[] = [];
  for (const [field, text] of [
    ['resume', resume],
    ['job_description', job],
  ] as const) {
    for (const w of languageWarnings(text))
      warnings.push({ code: w.code, message: `${field}: ${w.message}` });
  }
  return warnings;
}

/** Scores one résumé against one job description. */
export function analyzeJobMatch(
  model: JobMatchModel,
  input: { resume: string; job_description: string },
  options: JobMatchOptions = {},
): JobMatchResult {
  const job = prepareJob(model, input.job_description);
  const resume = prepareResume(model, input.resume, options);
  return scoreProfiles(model, job, resume, warningsFor(resume.text, job.text, options));
}

export interface RankedMatch {
  /** Position of the item in the input list. */
  index: number;
  /** 1-based rank after sorting by match_score (ties keep input order). */
  rank: number;
  result: JobMatchResult;
}

function ranked(results: JobMatchResult[]): RankedMatch[] {
  return results
    .map((result, index) => ({ index, rank: 0, result }))
    .sort((a, b) => b.result.match_score - a.result.match_score || a.index - b.index)
    .map((r, i) => ({ ...r, rank: i + 1 }));
}

/** One job against many résumés, best first. The job is profiled once. */
export function rankResumes(
  model: JobMatchModel,
  jobDescription: string,
  resumes: readonly string[],
  options: JobMatchOptions = {},
): RankedMatch[] {
  const job = prepareJob(model, jobDescription);
  const jobWarnings =
    options.detectLanguage === false
      ? []
      : languageWarnings(job.text).map((w) => ({ code: w.code, message: `job_description: ${w.message}` }));
  return ranked(
    resumes.map((text) => {
      const resume = prepareResume(model, text, options);
      const warnings =
        options.detectLanguage === false
          ? []
          : languageWarnings(text).map((w) => ({ code: w.code, message: `resume: ${w.message}` }));
      return scoreProfiles(model, job, resume, [...warnings, ...jobWarnings]);
    }),
  );
}

/** One résumé against many jobs, best first. The résumé is profiled once. */
export function rankJobs(
  model: JobMatchModel,
  resumeText: string,
  jobs: readonly string[],
  options: JobMatchOptions = {},
): RankedMatch[] {
  const resume = prepareResume(model, resumeText, options);
  const resumeWarnings =
    options.detectLanguage === false
      ? []
      : languageWarnings(resume.text).map((w) => ({ code: w.code, message: `resume: ${w.message}` }));
  return ranked(
    jobs.map((text) => {
      const job = prepareJob(model, text);
      const warnings =
        options.detectLanguage === false
          ? []
          : languageWarnings(text).map((w) => ({ code: w.code, message: `job_description: ${w.message}` }));
      return scoreProfiles(model, job, resume, [...resumeWarnings, ...warnings]);
    }),
  );
}
