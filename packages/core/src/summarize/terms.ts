import { stemmer } from 'stemmer';
import type { SentenceSpan } from './split.ts';

/**
 * Content terms of a document's sentences: lower-cased words, stop words dropped, Porter-stemmed
 * so that "rates"/"rate" and "rising"/"rise" meet. Each term gets a document-local id; each
 * sentence becomes a bag of term ids. One scan over the text; stems are cached across calls.
 */

export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all am an and any are aren't as at be because been before being
  below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down
  during each few for from further had hadn't has hasn't have haven't having he he'd he'll he's her
  here here's hers herself him himself his how how's i i'd i'll i'm i've if in into is isn't it it's
  its itself let's me more most mustn't my myself no nor not of off on once only or other ought our
  ours ourselves out over own same shan't she she'd she'll she's should shouldn't so some such than
  that that's the their theirs them themselves then there there's these they they'd they'll they're
  they've this those through to too under until up very was wasn't we we'd we'll we're we've were
  weren't what what's when when's where where's which while who who's whom why why's with won't would
  wouldn't you you'd you'll you're you've your yours yourself yourselves also just will said says say
  one two would may might must shall us mr mrs ms s t now new like get got even much many well back
  still yet however since per via`
    .split(/\s+/)
    .filter((w) => w !== ''),
);

/** NLTK's English stop words: the surface view's list (the classic TextRank setting). */
const SURFACE_STOP_WORDS: ReadonlySet<string> = new Set(
  `i me my myself we our ours ourselves you you're you've you'll you'd your yours yourself yourselves he
  him his himself she she's her hers herself it it's its itself they them their theirs themselves what
  which who whom this that that'll these those am is are was were be been being have has had having do
  does did doing a an the and but if or because as until while of at by for with about against between
  into through during before after above below to from up down in out on off over under again further
  then once here there when where why how all any both each few more most other some such no nor not
  only own same so than too very s t can will just don don't should should've now d ll m o re ve y ain
  aren aren't couldn couldn't didn didn't doesn doesn't hadn hadn't hasn hasn't haven haven't isn isn't
  ma mightn mightn't mustn mustn't needn needn't shan shan't shouldn shouldn't wasn wasn't weren weren't
  won won't wouldn wouldn't`
    .split(/\s+/)
    .filter((w) => w !== ''),
);

const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 100_000;

export function stemWord(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = word.length <= 3 ? word : stemmer(word);
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    stemCache.set(word, s);
  }
  return s;
}

function isWordChar(c: number): boolean {
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)) return true;
  if (c < 0xc0) return false;
  if (c >= 0x2000 && c <= 0x2bff) return false;
  if (c >= 0x3000 && c <= 0x303f) return false;
  return true;
}

export interface DocumentTerms {
  /** Term ids per sentence (repeats kept), in text order. */
  sentenceTerms: Int32Array[];
  /**
   * Per sentence, the sorted ids of its words as written (lower-cased, not stemmed, no numbers,
   * NLTK's stop words left out), repeats kept: the classic TextRank tutorials' view of a sentence.
   */
  surfaceBags: Int32Array[];
  /** Words per sentence (all words, stop words included): the unit of the length options. */
  sentenceWords: Int32Array;
  /** Display form (first lower-cased surface form) of each term id. */
  surface: string[];
  /** Whether the term is all digits. */
  numeric: Uint8Array;
  /** Sentences containing each term. */
  df: Int32Array;
  /** Occurrences of each term in the document. */
  tf: Int32Array;
  /** First sentence each term occurs in. */
  firstSentence: Int32Array;
  vocabulary: Map<string, number>;
}

/** Counts the words of a text the way the length options do (runs of letters and digits). */
export function countWords(text: string, start = 0, end = text.length): number {
  let words = 0;
  let inWord = false;
  for (let i = start; i < end; i++) {
    const w: boolean = isWordChar(text.charCodeAt(i)) || (inWord && text.charCodeAt(i) === 39);
    if (w && !inWord) words++;
    inWord = w;
  }
  return words;
}

export function documentTerms(text: string, spans: readonly SentenceSpan[]): DocumentTerms {
  const vocabulary = new Map<string, number>();
  const surface: string[] = [];
  const numericList: number[] = [];
  const tfList: number[] = [];
  const dfList: number[] = [];
  const firstList: number[] = [];
  const lastSeen: number[] = [];
  const sentenceTerms: Int32Array[] = [];
  const surfaceBags: Int32Array[] = [];
  const surfaceIds = new Map<string, number>();
  const surfaceBuffer: number[] = [];
  const sentenceWords = new Int32Array(spans.length);
  const buffer: number[] = [];
  for (let s = 0; s < spans.length; s++) {
    const span = spans[s]!;
    buffer.length = 0;
    surfaceBuffer.length = 0;
    let words = 0;
    let i = span.start;
    while (i < span.end) {
      const c = text.charCodeAt(i);
      if (!isWordChar(c)) {
        i++;
        continue;
      }
      let j = i + 1;
      let digits = c >= 48 && c <= 57;
      while (j < span.end) {
        const d = text.charCodeAt(j);
        if (isWordChar(d)) {
          if (!(d >= 48 && d <= 57)) digits = false;
          j++;
        } else if ((d === 39 || d === 0x2019) && j + 1 < span.end && isWordChar(text.charCodeAt(j + 1))) {
          j++;
        } else break;
      }
      words++;
      const raw = text.slice(i, j).toLowerCase().replace('\u2019', "'");
      i = j;
      // The surface view keeps each written form ("firm's" apart from "firm"), numbers left out.
      if (!digits && !SURFACE_STOP_WORDS.has(raw)) {
        let sid = surfaceIds.get(raw);
        if (sid === undefined) {
          sid = surfaceIds.size;
          surfaceIds.set(raw, sid);
        }
        surfaceBuffer.push(sid);
      }
      // Possessive "'s" adds nothing to the term.
      const word = raw.endsWith("'s") ? raw.slice(0, -2) : raw;
      if (word.length < 2 || STOP_WORDS.has(word)) continue;
      const key = digits ? word : stemWord(word);
      let id = vocabulary.get(key);
      if (id === undefined) {
        id = surface.length;
        vocabulary.set(key, id);
        surface.push(word);
        numericList.push(digits ? 1 : 0);
        tfList.push(0);
        dfList.push(0);
        firstList.push(s);
        lastSeen.push(-1);
      }
      tfList[id]!++;
      if (lastSeen[id] !== s) {
        lastSeen[id] = s;
        dfList[id]!++;
      }
      buffer.push(id);
    }
    sentenceWords[s] = words;
    sentenceTerms.push(Int32Array.from(buffer));
    surfaceBags.push(Int32Array.from(surfaceBuffer).sort());
  }
  return {
    sentenceTerms,
    surfaceBags,
    sentenceWords,
    surface,
    numeric: Uint8Array.from(numericList),
    df: Int32Array.from(dfList),
    tf: Int32Array.from(tfList),
    firstSentence: Int32Array.from(firstList),
    vocabulary,
  };
}

/** Term ids of a text in a document's vocabulary (unknown words are skipped). */
export function lookupTerms(text: string, vocabulary: ReadonlyMap<string, number>): number[] {
  const ids: number[] = [];
  for (const match of text.toLowerCase().matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu)) {
    let word = match[0].replace('\u2019', "'");
    if (word.endsWith("'s")) word = word.slice(0, -2);
    if (word.length < 2 || STOP_WORDS.has(word)) continue;
    const id = vocabulary.get(/^\d+$/.test(word) ? word : stemWord(word));
    if (id !== undefined) ids.push(id);
  }
  return ids;
}
