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
  /** Stems of the title's words, abbreviations spelled out ("HR" → human, resourc), seniority left out. */
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
  /** Title stems (see JobProfile.titleTerms) of the header and role lines, and of all prose. */
  headerTerms: Set<string>;
  proseTerms: Set<string>;
  years: number | null;
  vector: TfIdfVector;
  /**
   * 1 for tokens on keyword-list lines ("Skills: SEO, PPC, Google Ads, …"); null when there are
   * none. A skill named only there counts as far as the rest of the résumé bears it out.
   */
  listed: Uint8Array | null;
  /** The vector of the résumé without its keyword lists (the same object as `vector` when it has none). */
  proseVector: TfIdfVector;
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

/**
 * What separates alternatives: "Jenkins or GitHub Actions", "TensorFlow / PyTorch", "Python, Bash
 * or Go", "SolidWorks or a similar CAD system", and a kind and its examples: "an HRIS such as
 * Workday", "CI/CD tooling such as Jenkins".
 */
const ALTERNATIVE_GAP =
  /^\s*(?:,\s*)?(?:(?:or|and\/or|\/|either)(?:\s+(?:a|an|any|another|other|similar|equivalent|comparable))*|(?:[a-z]+\s+)?\(?(?:such as|e\.g\.,?|for example|including))\s*$/i;

function isHeading(line: string): boolean {
  const trimmed = line.trim();
  if (trimmed.endsWith(':')) return trimmed.split(/\s+/).length <= 8;
  return trimmed.split(/\s+/).length <= 5 && !/[.,]$/.test(trimmed);
}

// ---------------------------------------------------------------------------------------------
// Keyword lists: "Skills: SEO, SEM, PPC, Google Ads, …"

const LIST_LABEL = /^\s*[-*–]?\s*([A-Za-z][A-Za-z &/'’()-]{0,40}):\s*/;

/**
 * Whether a line is a bare list of terms: several short comma-separated items after a label of
 * up to four words ("Skills:", "Core competencies:", "Tools:") or, without one, five or more (or
 * the continuation of a list). A sentence or a bullet that names a few tools is not one.
 */
function isKeywordList(line: string, continuesList: boolean): boolean {
  const label = LIST_LABEL.exec(line);
  const hasLabel = label !== null && label[1]!.trim().split(/\s+/).length <= 4;
  const rest = hasLabel ? line.slice(label[0].length) : line;
  const items = rest
    .split(/[,;|]/)
    .map((x) => x.trim())
    .filter((x) => x !== '');
  if (items.length < (hasLabel || continuesList ? 2 : 5)) return false;
  let short = 0;
  for (const item of items) if (item.split(/\s+/).length <= 4) short++;
  return short >= 0.75 * items.length;
}

/** Token mask of the keyword-list lines of a text, or null when it has none. */
function keywordListMask(tokens: MatchTokens, lines: readonly Line[]): Uint8Array | null {
  let mask: Uint8Array | null = null;
  let previous = false;
  let t = 0;
  const { starts } = tokens;
  for (const line of lines) {
    const list = isKeywordList(line.text, previous);
    previous = list && /,\s*$/.test(line.text);
    const end = line.start + line.text.length;
    while (t < starts.length && starts[t]! < line.start) t++;
    if (!list) continue;
    mask ??= new Uint8Array(starts.length);
    for (let i = t; i < starts.length && starts[i]! < end; i++) mask[i] = 1;
  }
  return mask;
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
  return weigh(model, counts);
}

/**
 * Two vectors in one pass: of the tokens not in `skip`, and of those also not in `more` (the
 * résumé, and the résumé without its keyword lists).
 */
export function tfIdfVectorPair(
  model: CompiledJobMatchModel,
  words: readonly string[],
  skip: Uint8Array | null,
  more: Uint8Array,
): [TfIdfVector, TfIdfVector] {
  const all = new Map<string, number>();
  const rest = new Map<string, number>();
  for (let i = 0; i < words.length; i++) {
    if (skip && skip[i] === 1) continue;
    const word = words[i]!;
    if (!isContentWord(word)) continue;
    const term = termOf(word);
    all.set(term, (all.get(term) ?? 0) + 1);
    if (more[i] !== 1) rest.set(term, (rest.get(term) ?? 0) + 1);
  }
  return [weigh(model, all), weigh(model, rest)];
}

function weigh(model: CompiledJobMatchModel, counts: Map<string, number>): TfIdfVector {
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

const STUDY_LINE =
  /\b(?:rotations?|coursework|student|bachelor'?s?|master'?s?|degree|b\.?\s?sc|b\.?\s?tech|b\.?\s?e\.|m\.?\s?sc|m\.?\s?tech|ph\.?\s?d|diploma)(?![a-z])/i;

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
    // Study is not work experience: "Clinical rotations (2022 – 2024)", "B.Tech 2012 - 2016".
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    const newline = text.indexOf('\n', m.index);
    if (STUDY_LINE.test(text.slice(lineStart, newline < 0 ? text.length : newline))) continue;
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

/**
 * Abbreviations in job titles, spelled out for title matching ("HR Generalist" is a "Human
 * Resources Generalist", "QA Engineer" a "Quality Assurance Engineer"). Only forms that are
 * unambiguous in a title line.
 */
const TITLE_ABBREVIATIONS: ReadonlyMap<string, string> = new Map([
  ['hr', 'human resources'],
  ['qa', 'quality assurance'],
  ['qc', 'quality control'],
  ['rn', 'registered nurse'],
  ['lpn', 'licensed practical nurse'],
  ['cna', 'certified nursing assistant'],
  ['sdet', 'software test engineer'],
  ['swe', 'software engineer'],
  ['sre', 'site reliability engineer'],
  ['dba', 'database administrator'],
  ['ux', 'user experience'],
  ['ui', 'user interface'],
  ['ml', 'machine learning'],
  ['ai', 'artificial intelligence'],
  ['bi', 'business intelligence'],
  ['cpa', 'certified public accountant'],
  ['csr', 'customer service representative'],
  ['seo', 'search engine optimization'],
  ['mgr', 'manager'],
  ['eng', 'engineer'],
  ['engr', 'engineer'],
  ['dev', 'developer'],
  ['admin', 'administrator'],
  ['sysadmin', 'system administrator'],
  ['asst', 'assistant'],
  ['coord', 'coordinator'],
]);

const TITLE_SUFFIXES = [
  'ing',
  'ers',
  'er',
  'ists',
  'ist',
  'ments',
  'ment',
  'ants',
  'ant',
  'ation',
  'ion',
  'ors',
  'or',
];

/**
 * A crude stem for comparing title words with the rest of a text: "teacher", "teaching" → teach;
 * "engineer", "engineering" → engin; "artist", "arts" → art; "tester", "testing" → test.
 */
const stemCache = new Map<string, string>();

export function titleStem(word: string): string {
  const cached = stemCache.get(word);
  if (cached !== undefined) return cached;
  const stem = computeStem(word);
  if (stemCache.size > 50_000) stemCache.clear();
  stemCache.set(word, stem);
  return stem;
}

function computeStem(word: string): string {
  let w = termOf(word);
  for (let changed = true; changed;) {
    changed = false;
    for (const suffix of TITLE_SUFFIXES) {
      if (w.length - suffix.length >= 3 && w.endsWith(suffix)) {
        w = w.slice(0, w.length - suffix.length);
        changed = true;
        break;
      }
    }
  }
  return w.length > 4 && w.endsWith('e') ? w.slice(0, -1) : w;
}

/** Title tokens with abbreviations spelled out; an expansion keeps the position of its abbreviation. */
export function expandTitleTokens(tokens: MatchTokens): MatchTokens {
  const { words, starts, ends } = tokens;
  if (!words.some((w) => TITLE_ABBREVIATIONS.has(w))) return tokens;
  const out: { words: string[]; starts: number[]; ends: number[] } = { words: [], starts: [], ends: [] };
  for (let i = 0; i < words.length; i++) {
    const expansion = TITLE_ABBREVIATIONS.get(words[i]!);
    for (const w of expansion ? expansion.split(' ') : [words[i]!]) {
      out.words.push(w);
      out.starts.push(starts[i]!);
      out.ends.push(ends[i]!);
    }
  }
  return out;
}

function titleTermsOf(words: readonly string[]): string[] {
  const out = new Set<string>();
  for (const w of words) {
    const expansion = TITLE_ABBREVIATIONS.get(w);
    for (const x of expansion ? expansion.split(' ') : [w]) {
      if (isContentWord(x) && !SENIORITY.has(x)) out.add(titleStem(x));
    }
  }
  return [...out];
}

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

  const mentions: JobSkill[] = [];
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
    mentions.push({ skill: m.value, group, need, inTitle });
  }
  // A skill named more than once keeps the group of its most demanding mention and, among those,
  // of one that lists alternatives ("an HRIS such as Workday or BambooHR" after "our HRIS").
  const groupSize = new Map<number, number>();
  for (const x of mentions) groupSize.set(x.group, (groupSize.get(x.group) ?? 0) + 1);
  const best = new Map<number, JobSkill>();
  for (const x of mentions) {
    const prev = best.get(x.skill);
    if (!prev) best.set(x.skill, { ...x });
    else {
      if (
        x.need < prev.need ||
        (x.need === prev.need && groupSize.get(x.group)! > groupSize.get(prev.group)!)
      ) {
        prev.need = x.need;
        prev.group = x.group;
      }
      if (x.inTitle) prev.inTitle = true;
    }
  }

  let titleTerms: string[] = [];
  let occupations: number[] = [];
  if (titleLine) {
    const titleTokens = matchTokens(titleLine.text);
    titleTerms = titleTermsOf(titleTokens.words);
    occupations = occupationsIn(model, expandTitleTokens(titleTokens), titleLine.text);
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

  const lines = linesOf(text);
  const listed = keywordListMask(tokens, lines);
  // Tokens that are no evidence of a title or of the résumé's topic: wishes, and (for the prose
  // vector and titles) keyword lists.
  let skip: Uint8Array | null = wishes;
  if (listed) {
    skip = new Uint8Array(tokens.words.length);
    for (let i = 0; i < skip.length; i++) skip[i] = (wishes?.[i] ?? 0) | listed[i]!;
  }

  // Titles: the header (first lines) and labelled role lines count fully, the rest less.
  const occupations = new Map<number, number>();
  const headerTerms = new Set<string>();
  const proseTerms = new Set<string>();
  const headerEnd = lines[Math.min(lines.length, 4) - 1];
  const headerLimit = headerEnd ? headerEnd.start + headerEnd.text.length : 0;
  const roleLineStarts: [number, number][] = [];
  for (const line of lines) {
    if (TITLE_LABEL.test(line.text) || /^\s*(?:objective|summary|profile)\b/i.test(line.text)) {
      roleLineStarts.push([line.start, line.start + line.text.length]);
    }
  }
  const prominentAt = (start: number): boolean =>
    start < headerLimit || roleLineStarts.some(([from, to]) => start >= from && start < to);
  const expanded = expandTitleTokens(tokens);
  const sameTokens = expanded === tokens;
  /** Index of the original token an expanded one stands for. */
  const original = (i: number): number =>
    sameTokens ? i : firstAtOrAfter(tokens.starts, expanded.starts[i]!);
  // Header terms: the tokens of the first lines and of role lines (a few dozen).
  for (const [from, to] of [[0, headerLimit] as const, ...roleLineStarts]) {
    for (let i = firstAtOrAfter(expanded.starts, from); i < expanded.words.length; i++) {
      if (expanded.starts[i]! >= to) break;
      if (skip && skip[original(i)] === 1) continue;
      const w = expanded.words[i]!;
      if (isContentWord(w)) headerTerms.add(titleStem(w));
    }
  }
  const [vector, proseVector] = listed
    ? tfIdfVectorPair(model, tokens.words, wishes, listed)
    : [tfIdfVector(model, tokens.words, wishes ?? undefined), null];
  // Prose terms: from the (unique) terms of the prose vector, abbreviations spelled out.
  for (const term of (proseVector ?? vector).terms) {
    const expansion = TITLE_ABBREVIATIONS.get(term);
    if (!expansion) proseTerms.add(titleStem(term));
    else for (const x of expansion.split(' ')) proseTerms.add(titleStem(x));
  }
  const titleMatches: PhraseMatch[] = model.titleTrie.scan(expanded, text);
  for (const m of titleMatches) {
    const start = expanded.starts[m.first]!;
    const at = original(m.first);
    if (wishes && wishes[at] === 1) continue;
    // A title in a keyword list is a claim, not a role held.
    const weight = listed && listed[at] === 1 ? 0.4 : prominentAt(start) ? 1 : 0.75;
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
    proseTerms,
    years: resumeYearsOf(text, referenceYear),
    vector,
    listed,
    proseVector: proseVector ?? vector,
    wishes,
    shingleHashes: shingleHashes(tokens.words),
  };
}

/** The first index whose value is at least `value` in an ascending array (its length if none). */
function firstAtOrAfter(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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
