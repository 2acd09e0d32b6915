import { prepareText } from './prepare-text.ts';
import { SymbolWords } from './symbol-words.ts';
import { MAX_KEY_SYMBOLS, ngramHash, ngramKey } from './table-format.ts';
import { postingCount, postingStart, type LanguageTable } from './table.ts';

export interface LanguageScore {
  /** ISO 639-1 code. */
  language: string;
  /** 0..1; higher is more likely. */
  score: number;
}

export interface LanguageIdentification {
  /** The best-scoring language, or '' when no n-gram of the text is known. */
  language: string;
  /** Every language with any evidence, best first (ties in table order). */
  scores: LanguageScore[];
}

/** eld reads the first 1,000 UTF-16 code units of its input. */
const MAX_INPUT_CHARS = 1000;
/** eld looks at most this many symbols of a word for its n-grams (the last one may run past it). */
const MAX_WORD_SYMBOLS = 70;
/** eld's hand-picked scale: a language's score is s / (s + 25), s its points per n-gram of the text. */
const SCORE_SCALE = 25;
/** Scratch set of a text's distinct n-grams: a text has at most ~200 (see SymbolWords). */
const SEEN_SLOTS = 1024;
const SEEN_MASK = SEEN_SLOTS - 1;

/**
 * eld 2.1.0's detect() (Apache-2.0, Nito T.M.; without its optional text cleanup and language
 * subsets), over a LanguageTable: the same language and the same scores for every input. A text's
 * distinct byte n-grams (4 bytes at a stride of 3 within each word, with a space marking the word's
 * start and end) each add, for every language the table lists them under, the stored score plus the
 * table's score offset; each total is divided by the number of distinct n-grams and squashed to 0..1.
 *
 * Allocation-free per n-gram: keys are numbers (ngramKey) and the distinct set is a reused table
 * stamped per call. One instance per thread; not reentrant (nothing in it awaits).
 */
export class LanguageIdentifier {
  private readonly words = new SymbolWords();
  private readonly totals: Float64Array;
  private readonly seenKeys = new Float64Array(SEEN_SLOTS);
  private readonly seenStamps = new Uint32Array(SEEN_SLOTS);
  private stamp = 0;
  private distinctNgrams = 0;
  /** n-grams too long for a numeric key (only the end of a word over 71 symbols). */
  private readonly longNgrams = new Set<string>();

  constructor(readonly table: LanguageTable) {
    this.totals = new Float64Array(table.languages.length);
  }

  identify(text: string): LanguageIdentification {
    this.words.read(prepareText(text.substring(0, MAX_INPUT_CHARS), this.table), this.table.byteSymbols);
    this.totals.fill(0);
    this.distinctNgrams = 0;
    this.longNgrams.clear();
    this.stamp = (this.stamp + 1) >>> 0;
    if (this.stamp === 0) {
      this.seenStamps.fill(0);
      this.stamp = 1;
    }
    const { starts, ends } = this.words;
    for (let w = 0; w < this.words.count; w++) this.addWord(starts[w], ends[w]);
    return this.result();
  }

  /** The word symbols[start..end) has a space symbol on either side (see SymbolWords). */
  private addWord(start: number, end: number): void {
    const length = Math.min(end - start, MAX_WORD_SYMBOLS);
    if (length <= 4) {
      this.addNgram(start - 1, end - start + 2);
      return;
    }
    this.addNgram(start - 1, 5);
    for (let j = 3; j + 4 < length; j += 3) this.addNgram(start + j, 4);
    // eld's last n-gram is the word from 4 symbols before the cut to its real end, then a space.
    this.addNgram(start + length - 4, end + 1 - (start + length - 4));
  }

  private addNgram(start: number, length: number): void {
    const symbols = this.words.symbols;
    if (length > MAX_KEY_SYMBOLS) {
      const ngram = String.fromCharCode(...symbols.subarray(start, start + length));
      if (!this.longNgrams.has(ngram)) {
        this.longNgrams.add(ngram);
        this.distinctNgrams++;
      }
      return;
    }
    const key = ngramKey(symbols, start, length);
    const hash = ngramHash(symbols, start, length);
    for (let slot = hash & SEEN_MASK; ; slot = (slot + 1) & SEEN_MASK) {
      if (this.seenStamps[slot] !== this.stamp) {
        this.seenStamps[slot] = this.stamp;
        this.seenKeys[slot] = key;
        break;
      }
      if (this.seenKeys[slot] === key) return;
    }
    this.distinctNgrams++;
    const table = this.table;
    if (length > table.maxKeySymbols) return;
    const postings = table.find(key, hash);
    if (postings === 0) return;
    const first = postingStart(postings);
    const end = first + postingCount(postings);
    const { postingLanguages, postingScores, scoreOffset } = table;
    const totals = this.totals;
    for (let p = first; p < end; p++) {
      totals[postingLanguages[p]] += postingScores[p] + scoreOffset;
    }
  }

  private result(): LanguageIdentification {
    const totals = this.totals;
    let best = -1;
    let bestTotal = 0;
    for (let i = 0; i < totals.length; i++) {
      const total = totals[i];
      if (total > bestTotal) {
        best = i;
        bestTotal = total;
      }
    }
    if (best === -1) return { language: '', scores: [] };
    const scores: LanguageScore[] = [];
    for (let i = 0; i < totals.length; i++) {
      const total = totals[i];
      if (total <= 0) continue;
      const perNgram = total / this.distinctNgrams;
      scores.push({ language: this.table.languages[i], score: perNgram / (perNgram + SCORE_SCALE) });
    }
    // Array#sort is stable, so equal scores stay in table order, as in eld.
    scores.sort((a, b) => b.score - a.score);
    return { language: this.table.languages[best], scores };
  }
}
