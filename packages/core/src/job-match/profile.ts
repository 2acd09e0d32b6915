import { PhraseTrie, type PhraseMatch } from './gazetteer.ts';
import { isContentWord, matchTokens, termOf, type MatchTokens } from './normalize.ts';
import { SkillKind, type JobMatchModelData } from './types.ts';

/**
 * Turning one text into what the scorer compares: skills (with how strongly the job asks for
 * each), a TF-IDF vector, the job titles it names, and years of experience. A job or a résumé is
 * profiled once, so ranking one job against many résumés profiles the job once.
 */

export const enum Need {
  Required = 0,
  Nice = 1,
  /** Mentioned outside any requirements section. */
  Mentioned = 2,
}

export interface JobSkill {
  skill: number;
  /** Skills named as alternatives ("Jenkins or GitHub Actions") share a group; any one of them will do. */
  group: number;
  need: Need;
  /** Named in the job title ("Java Developer"): the core of the job. */
  inTitle: boolean;
}

export interface TfIdfVector {
  terms: string[];
  weights: Float64Array;
  /** term → weight, for the cosine against another vector. */
  map: Map<string, number>;
}

export interface JobProfile {
  text: string;
  tokens: MatchTokens;
  skills: JobSkill[];
  title: string | null;
  titleTerms: string[];
  occupations: number[];
  requiredYears: number | null;
  vector: TfIdfVector;
  shingles: Set<number>;
}

export interface ResumeProfile {
  text: string;
  tokens: MatchTokens;
  /** Skill index → first-token index of each mention that counts as evidence. */
  skills: Map<number, number[]>;
  /** Skills mentioned only as something wanted or missing ("eager to learn Terraform"). */
  aspirational: Set<number>;
  /** Occupations named in the résumé's header or role lines (weight 1) or anywhere else (lower). */
  occupations: Map<number, number>;
  headerTerms: Set<string>;
  years: number | null;
  vector: TfIdfVector;
  /** 1 for tokens in a wishing or denying clause (left out of skills, titles and the vector). */
  wishes: Uint8Array | null;
  shingleHashes: Int32Array;
}

/** The compiled model with its tries built; build once per process. */
export class CompiledJobMatchModel {
  readonly skillTrie = new PhraseTrie();
  readonly titleTrie = new PhraseTrie();
  readonly titleOccupations: number[][] = [];
  readonly idf: Map<string, number>;

  constructor(readonly data: JobMatchModelData) {
    for (const [key, skill, cased] of data.surfaces) this.skillTrie.add(key, skill, cased);
    data.titles.forEach(([key, occupations], i) => {
      this.titleOccupations.push(occupations);
      this.titleTrie.add(key, i);
    });
    this.idf = new Map(Object.entries(data.idf));
  }

  idfOf(term: string): number {
    return this.idf.get(term) ?? this.data.unknownIdf;
  }
}

// ---------------------------------------------------------------------------------------------
// Lines and requirement sections

interface Line {
  text: string;
  start: number;
}

/** Lines of the text, with bullets ("•", "*", "-", "·") and semicolons starting new ones. */
function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  const re = /[^\n\r•·▪●◦]+/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0].trim() !== '') lines.push({ text: m[0], start: m.index });
  }
  return lines;
}

const NICE_HEADING =
  /\b(nice|preferred|bonus|plus|desired|desirable|good to have|great to have|optional|would be great|extra credit|ideally|advantage|preferably)\b/i;
const REQUIRED_HEADING =
  /\b(requirements?|required|must|minimum|basic qualifications?|qualifications|what you need|what you bring|you have|you will have|essential|need to have|skills)\b/i;
const OTHER_HEADING =
  /\b(responsibilities|about|benefits|what you('|’)ll do|what you will do|duties|we offer|perks|who we are|the role|your role|overview|company|salary)\b/i;
const NICE_INLINE =
  /\b(is a plus|a plus|nice to have|nice-to-have|is preferred|preferred|bonus|desirable|ideally|would be an advantage|an advantage|good to have|helpful|not required)\b/i;

/** What separates alternatives: "Jenkins or GitHub Actions", "TensorFlow / PyTorch", "Python, Bash or Go". */
const ALTERNATIVE_GAP = /^\s*(?:,\s*)?(?:or|and\/or|\/|either)\s*$/i;

function isHeading(line: string): boolean {
  const trimmed = line.trim();
  if (trimmed.endsWith(':')) return trimmed.split(/\s+/).length <= 8;
  return trimmed.split(/\s+/).length <= 5 && !/[.,]$/.test(trimmed);
}

// ---------------------------------------------------------------------------------------------
// TF-IDF

export function tfIdfVector(
  model: CompiledJobMatchModel,
  words: readonly string[],
  skip?: Uint8Array,
): TfIdfVector {
  const counts = new Map<string, number>();
  for (let i = 0; i < words.length; i++) {
    if (skip && skip[i] === 1) continue;
    const word = words[i]!;
    if (!isContentWord(word)) continue;
    const term = termOf(word);
    counts.set(term, (counts.get(term) ?? 0) + 1);
  }
  const terms: string[] = [];
  const weights = new Float64Array(counts.size);
  let norm = 0;
  let k = 0;
  for (const [term, count] of counts) {
    const w = (1 + Math.log(count)) * model.idfOf(term);
    terms.push(term);
    weights[k++] = w;
    norm += w * w;
  }
  norm = Math.sqrt(norm) || 1;
  const map = new Map<string, number>();
  for (let i = 0; i < terms.length; i++) {
    weights[i]! /= norm;
    map.set(terms[i]!, weights[i]!);
  }
  return { terms, weights, map };
}

export function cosine(a: TfIdfVector, b: TfIdfVector): number {
  const [small, large] = a.terms.length <= b.terms.length ? [a, b] : [b, a];
  let dot = 0;
  for (let i = 0; i < small.terms.length; i++) {
    const w = large.map.get(small.terms[i]!);
    if (w !== undefined) dot += w * small.weights[i]!;
  }
  return dot;
}

// ---------------------------------------------------------------------------------------------
// Shingles: runs of words copied from the job into a résumé earn nothing.

const SHINGLE = 7;

function shingleHashes(words: readonly string[]): Int32Array {
  const n = Math.max(0, words.length - SHINGLE + 1);
  const out = new Int32Array(n);
  const wordHashes = new Int32Array(words.length);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    let h = 0x811c9dc5 | 0;
    for (let k = 0; k < w.length; k++) h = Math.imul(h ^ w.charCodeAt(k), 16777619);
    wordHashes[i] = h;
  }
  for (let i = 0; i < n; i++) {
    let h = 0;
    for (let k = 0; k < SHINGLE; k++) h = (Math.imul(h, 31) + wordHashes[i + k]!) | 0;
    out[i] = h;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Years of experience

const MONTHS = 'jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec';
const RANGE_RE = new RegExp(
  String.raw`\b(?:(${MONTHS})[a-z]*\.?\s*,?\s*)?((?:19|20)\d\d)\s*(?:-|–|—|to|till|until)\s*(?:(${MONTHS})[a-z]*\.?\s*,?\s*)?((?:19|20)\d\d|present|current|now|date|today|till date|ongoing)`,
  'gi',
);
const YEARS_RE = /\b(\d{1,2}(?:\.\d)?)\s*\+?\s*(?:(?:-|–|to)\s*(\d{1,2})\s*\+?\s*)?(?:years?|yrs?)\b/gi;

/** Years the job asks for: the smallest "N+ years" figure on a line that speaks of experience. */
function requiredYearsOf(lines: readonly Line[]): number | null {
  let best: number | null = null;
  for (const line of lines) {
    if (!/experience|background|track record|working/i.test(line.text)) continue;
    for (const m of line.text.matchAll(YEARS_RE)) {
      const years = Number(m[1]);
      if (years > 0 && years <= 30 && (best === null || years < best)) best = years;
    }
  }
  return best;
}

/** Years of experience in a résumé: stated ("6 years of experience") or summed from date ranges. */
function resumeYearsOf(text: string, referenceYear: number): number | null {
  let stated = 0;
  for (const m of text.matchAll(YEARS_RE)) {
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 40).toLowerCase();
    const before = text.slice(Math.max(0, m.index - 40), m.index).toLowerCase();
    if (!/experience|exp\b/.test(after) && !/experience|exp\b/.test(before)) continue;
    const years = Number(m[2] ?? m[1]);
    if (years <= 45) stated = Math.max(stated, years);
  }
  const spans: [number, number][] = [];
  for (const m of text.matchAll(RANGE_RE)) {
    const from = Number(m[2]) + monthFraction(m[1]);
    const endText = m[4]!.toLowerCase();
    const to = /^\d/.test(endText) ? Number(endText) + monthFraction(m[3]) : referenceYear + 0.5;
    if (to >= from && to - from <= 45 && from <= referenceYear + 1)
      spans.push([from, Math.min(to, referenceYear + 1)]);
  }
  spans.sort((a, b) => a[0] - b[0]);
  let total = 0;
  let curFrom = -1;
  let curTo = -1;
  for (const [from, to] of spans) {
    if (from > curTo) {
      if (curTo > curFrom) total += curTo - curFrom;
      curFrom = from;
      curTo = to;
    } else if (to > curTo) {
      curTo = to;
    }
  }
  if (curTo > curFrom) total += curTo - curFrom;
  // A year range with no months ("2016 - 2018") spans at least most of those years.
  const years = Math.max(stated, total);
  return years > 0 ? Math.round(years * 10) / 10 : null;
}

function monthFraction(month: string | undefined): number {
  if (!month) return 0;
  const index = MONTHS.split('|').indexOf(month.toLowerCase().slice(0, 3));
  return index < 0 ? 0 : index / 12;
}

// ---------------------------------------------------------------------------------------------
// Job title

const TITLE_LABEL =
  /^\s*(?:job\s+title|title|position|role|designation|job|vacancy|opening|current role|current position)\s*[:\-–]\s*(.+)$/i;
export const SENIORITY = new Set([
  'senior',
  'sr',
  'junior',
  'jr',
  'lead',
  'principal',
  'staff',
  'head',
  'chief',
  'associate',
  'assistant',
  'intern',
  'trainee',
  'entry',
  'level',
  'mid',
  'ii',
  'iii',
  'iv',
  'i',
]);

function jobTitleOf(lines: readonly Line[]): Line | null {
  for (const line of lines.slice(0, 12)) {
    const m = TITLE_LABEL.exec(line.text);
    if (m) return { text: m[1]!, start: line.start + line.text.indexOf(m[1]!) };
  }
  const first = lines[0];
  if (first && first.text.trim().split(/\s+/).length <= 10 && !/[.]$/.test(first.text.trim())) return first;
  const hiring =
    /\b(?:hiring|looking for|seeking)\s+(?:an?\s+)?(.{3,60}?)(?:\s+(?:to|who|with|in|at)\b|[.,]|$)/i;
  for (const line of lines.slice(0, 5)) {
    const m = hiring.exec(line.text);
    if (m) return { text: m[1]!, start: line.start + line.text.indexOf(m[1]!) };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Aspiration and negation cues before a skill mention in a résumé

const CUES = new Set([
  'learn',
  'learning',
  'eager',
  'interested',
  'interests',
  'interest',
  'hobbies',
  'hope',
  'hoping',
  'want',
  'wants',
  'wish',
  'plan',
  'planning',
  'aspire',
  'aspiring',
  'aspiration',
  'keen',
  'curious',
  'dream',
  'no',
  'not',
  'never',
  'without',
  'lack',
  'unfamiliar',
  'future',
  'someday',
  'willing',
  'excited',
  'passionate',
  'fascinated',
  'intend',
  'goal',
  'love',
]);
/** Words that end a clause even without punctuation. */
const CLAUSE_BREAKS = new Set(['but', 'however', 'while', 'whereas']);

/**
 * Résumé tokens in a clause that wishes for or denies something ("eager to learn Kubernetes",
 * "no experience with Terraform", "Interests: cloud, DevOps"): they are no evidence of a skill,
 * a title or a topic. A clause ends at a sentence or list-item boundary.
 */
function aspirationMask(tokens: MatchTokens, text: string): Uint8Array | null {
  let mask: Uint8Array | null = null;
  let active = false;
  const { words, starts, ends } = tokens;
  for (let i = 0; i < words.length; i++) {
    if (active && i > 0) {
      const gap = text.slice(ends[i - 1]!, starts[i]!);
      if (/[.!?;\n\r•·]/.test(gap) || CLAUSE_BREAKS.has(words[i]!)) active = false;
    }
    if (CUES.has(words[i]!)) {
      // "machine learning", "deep learning", "learning management system" are skills, not wishes.
      const prev = i > 0 ? words[i - 1]! : '';
      if (!(
        words[i] === 'learning' &&
        /^(machine|deep|reinforcement|e|supervised|unsupervised|transfer)$/.test(prev)
      ))
        active = true;
    }
    if (active) {
      mask ??= new Uint8Array(words.length);
      mask[i] = 1;
    }
  }
  return mask;
}

// ---------------------------------------------------------------------------------------------

export function profileJob(model: CompiledJobMatchModel, text: string): JobProfile {
  const tokens = matchTokens(text);
  const lines = linesOf(text);
  const titleLine = jobTitleOf(lines);
  const matches = model.skillTrie.scan(tokens, text);

  // Requirement level of every character range, line by line.
  const hasRequiredSection = lines.some(
    (l) => isHeading(l.text) && REQUIRED_HEADING.test(l.text) && !NICE_HEADING.test(l.text),
  );
  const lineNeed: Need[] = [];
  let section: Need = Need.Mentioned;
  for (const line of lines) {
    let need: Need;
    if (
      isHeading(line.text) &&
      (NICE_HEADING.test(line.text) || REQUIRED_HEADING.test(line.text) || OTHER_HEADING.test(line.text))
    ) {
      if (NICE_HEADING.test(line.text)) section = Need.Nice;
      else if (REQUIRED_HEADING.test(line.text)) section = Need.Required;
      else section = Need.Mentioned;
      need = section;
    } else {
      need = section;
    }
    if (NICE_INLINE.test(line.text)) need = Need.Nice;
    lineNeed.push(need);
  }

  const best = new Map<number, JobSkill>();
  let lineIndex = 0;
  let group = -1;
  let previousEnd = -1;
  for (const m of matches) {
    const start = tokens.starts[m.first]!;
    while (lineIndex + 1 < lines.length && lines[lineIndex + 1]!.start <= start) lineIndex++;
    let need = lineNeed[lineIndex] ?? Need.Mentioned;
    if (need === Need.Mentioned && !hasRequiredSection) need = Need.Required;
    const inTitle =
      titleLine !== null && start >= titleLine.start && start < titleLine.start + titleLine.text.length;
    if (inTitle) need = Need.Required;
    const gap = previousEnd >= 0 ? text.slice(previousEnd, start) : '';
    const alternative = previousEnd >= 0 && ALTERNATIVE_GAP.test(gap);
    if (!alternative) group++;
    previousEnd = tokens.ends[m.last - 1]!;
    const prev = best.get(m.value);
    if (!prev) best.set(m.value, { skill: m.value, group, need, inTitle });
    else {
      if (need < prev.need) prev.need = need;
      if (inTitle) prev.inTitle = true;
    }
  }

  let titleTerms: string[] = [];
  let occupations: number[] = [];
  if (titleLine) {
    const titleTokens = matchTokens(titleLine.text);
    titleTerms = titleTokens.words.filter((w) => isContentWord(w) && !SENIORITY.has(w)).map(termOf);
    occupations = occupationsIn(model, titleTokens, titleLine.text);
  }
  const vector = tfIdfVector(model, tokens.words);
  const shingles = new Set(shingleHashes(tokens.words));
  return {
    text,
    tokens,
    skills: [...best.values()],
    title: titleLine ? titleLine.text.trim() : null,
    titleTerms,
    occupations,
    requiredYears: requiredYearsOf(lines.filter((_, i) => lineNeed[i] !== Need.Nice)),
    vector,
    shingles,
  };
}

function occupationsIn(model: CompiledJobMatchModel, tokens: MatchTokens, text: string): number[] {
  const found = new Set<number>();
  for (const m of model.titleTrie.scan(tokens, text)) {
    for (const o of model.titleOccupations[m.value]!) found.add(o);
  }
  return [...found];
}

export function profileResume(
  model: CompiledJobMatchModel,
  text: string,
  referenceYear: number,
): ResumeProfile {
  const tokens = matchTokens(text);
  const skills = new Map<number, number[]>();
  const aspirational = new Set<number>();
  const wishes = aspirationMask(tokens, text);
  for (const m of model.skillTrie.scan(tokens, text)) {
    if (wishes && wishes[m.first] === 1) {
      aspirational.add(m.value);
      continue;
    }
    const mentions = skills.get(m.value);
    if (mentions) mentions.push(m.first);
    else skills.set(m.value, [m.first]);
  }
  for (const s of skills.keys()) aspirational.delete(s);

  // Titles: the header (first lines) and labelled role lines count fully, the rest less.
  const occupations = new Map<number, number>();
  const headerTerms = new Set<string>();
  const lines = linesOf(text);
  const headerEnd = lines[Math.min(lines.length, 4) - 1];
  const headerLimit = headerEnd ? headerEnd.start + headerEnd.text.length : 0;
  const roleLineStarts: [number, number][] = [];
  for (const line of lines) {
    if (TITLE_LABEL.test(line.text) || /^\s*(?:objective|summary|profile)\b/i.test(line.text)) {
      roleLineStarts.push([line.start, line.start + line.text.length]);
    }
  }
  for (let i = 0; i < tokens.words.length && tokens.starts[i]! < headerLimit; i++) {
    if (wishes && wishes[i] === 1) continue;
    const w = tokens.words[i]!;
    if (isContentWord(w)) headerTerms.add(termOf(w));
  }
  for (const [from, to] of roleLineStarts) {
    for (let i = 0; i < tokens.words.length; i++) {
      if (wishes && wishes[i] === 1) continue;
      if (tokens.starts[i]! >= from && tokens.starts[i]! < to && isContentWord(tokens.words[i]!))
        headerTerms.add(termOf(tokens.words[i]!));
    }
  }
  const titleMatches: PhraseMatch[] = model.titleTrie.scan(tokens, text);
  for (const m of titleMatches) {
    if (wishes && wishes[m.first] === 1) continue;
    const start = tokens.starts[m.first]!;
    const prominent = start < headerLimit || roleLineStarts.some(([from, to]) => start >= from && start < to);
    const weight = prominent ? 1 : 0.75;
    for (const o of model.titleOccupations[m.value]!) {
      if ((occupations.get(o) ?? 0) < weight) occupations.set(o, weight);
    }
  }

  return {
    text,
    tokens,
    skills,
    aspirational,
    occupations,
    headerTerms,
    years: resumeYearsOf(text, referenceYear),
    vector: tfIdfVector(model, tokens.words, wishes ?? undefined),
    wishes,
    shingleHashes: shingleHashes(tokens.words),
  };
}

/** Résumé tokens inside runs of SHINGLE words that also occur in the job text, as a 0/1 mask. */
export function copiedMask(
  job: JobProfile,
  resume: ResumeProfile,
): { mask: Uint8Array; copied: number } | null {
  const hashes = resume.shingleHashes;
  let mask: Uint8Array | null = null;
  let copied = 0;
  for (let i = 0; i < hashes.length; i++) {
    if (job.shingles.has(hashes[i]!)) {
      mask ??= new Uint8Array(resume.tokens.words.length);
      for (let k = i; k < i + SHINGLE; k++) {
        if (mask[k] === 0) {
          mask[k] = 1;
          copied++;
        }
      }
    }
  }
  return mask ? { mask, copied } : null;
}

export function isGeneral(model: CompiledJobMatchModel, skill: number): boolean {
  return model.data.kinds[skill] === SkillKind.General;
}
