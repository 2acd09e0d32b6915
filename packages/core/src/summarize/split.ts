/**
 * Sentence splitting for the summarizer. One pass over the char codes; every sentence keeps its
 * UTF-16 offsets into the caller's text (`text.slice(start, end)` is the sentence, trimmed).
 *
 * A sentence ends at `.`, `!`, `?` or `…` (plus any closing quotes or brackets) followed by
 * whitespace and something that can start a sentence, at a blank line, and before a bullet or
 * numbered-list line. A full stop does not end a sentence after a known abbreviation ("Dr.",
 * "e.g.", "approx."), after a single initial ("J. Smith"), or inside a number ("3.5"); after an
 * initialism such as "U.S." it does only when the next word is a typical sentence opener.
 */

export interface SentenceSpan {
  start: number;
  end: number;
  /** True when the sentence opens a paragraph (start of text, after a blank line, a list item). */
  paragraphStart: boolean;
}

/** Lower-cased abbreviations (without their final dot) after which a full stop is no boundary. */
const ABBREVIATIONS: ReadonlySet<string> = new Set(
  `mr mrs ms dr prof sr jr st mt ft rev gen col lt sgt capt cmdr adm gov sen rep pres hon fr sra
  messrs mme mlle vs v etc al eg ie cf viz approx appt apt dept est fig figs no nos vol vols pp p
  ed eds inc ltd co corp bros jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed
  thu thur thurs fri sat sun ave blvd rd hwy cal ca op cit ibid misc esp incl ref refs tel ext
  min max avg dist govt assn univ natl intl`
    .split(/\s+/)
    .filter((w) => w !== ''),
);

/** Abbreviations that always continue the sentence, even before a capital ("e.g. Paris"). */
const NEVER_FINAL: ReadonlySet<string> = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'st',
  'mt',
  'rev',
  'gen',
  'col',
  'lt',
  'sgt',
  'capt',
  'gov',
  'sen',
  'rep',
  'pres',
  'hon',
  'fr',
  'vs',
  'v',
  'eg',
  'ie',
  'cf',
  'viz',
  'no',
  'nos',
  'vol',
  'pp',
  'fig',
  'figs',
  'approx',
  'ref',
  'messrs',
  'jr',
  'sr',
]);

/** Words that usually start a sentence: after "U.S." they mark a boundary, other words do not. */
const SENTENCE_OPENERS: ReadonlySet<string> = new Set(
  `the a an he she it they we i you this that these those there his her its their our my but and
  so yet however in on at after before when while if although though as for since also meanwhile
  mr mrs ms dr`
    .split(/\s+/)
    .filter((w) => w !== ''),
);

/** A line this short without final punctuation, followed by a line break, is a heading. */
const MAX_HEADING_CHARS = 60;

function isSpace(c: number): boolean {
  return (
    c === 32 ||
    c === 9 ||
    c === 10 ||
    c === 13 ||
    c === 12 ||
    c === 11 ||
    c === 0xa0 ||
    c === 0x2028 ||
    c === 0x2029 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x3000
  );
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isLowerLetter(c: number): boolean {
  if (c >= 97 && c <= 122) return true;
  if (c < 0xc0) return false;
  const s = String.fromCharCode(c);
  return s !== s.toUpperCase() && s === s.toLowerCase();
}
function isLetter(c: number): boolean {
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return true;
  if (c < 0xc0) return false;
  const s = String.fromCharCode(c);
  return s.toLowerCase() !== s.toUpperCase();
}
/** Closing quotes and brackets that belong to the sentence they follow. */
function isCloser(c: number): boolean {
  return (
    c === 34 || c === 39 || c === 41 || c === 93 || c === 0x201d || c === 0x2019 || c === 0xbb || c === 0x203a
  );
}
function isTerminator(c: number): boolean {
  return c === 46 || c === 33 || c === 63 || c === 0x2026 || c === 0x3002 || c === 0xff01 || c === 0xff1f;
}
/** Bullet characters that start a list line. */
function isBulletChar(c: number): boolean {
  return (
    c === 0x2022 ||
    c === 0x25aa ||
    c === 0x25cf ||
    c === 0x25e6 ||
    c === 0x2023 ||
    c === 0x2043 ||
    c === 0x2013 ||
    c === 0x2014 ||
    c === 45 ||
    c === 42 ||
    c === 43
  );
}

/** Length of a list marker ("- ", "• ", "1. ", "2) ", "a) ") at `i`, or 0. */
function listMarkerLength(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (isBulletChar(c) && isSpace(text.charCodeAt(i + 1))) return 1;
  let j = i;
  while (j < text.length && j - i < 3 && isDigit(text.charCodeAt(j))) j++;
  if (j === i && isLetter(c) && !isLetter(text.charCodeAt(i + 1))) j = i + 1;
  if (j > i) {
    const d = text.charCodeAt(j);
    if ((d === 46 || d === 41) && isSpace(text.charCodeAt(j + 1))) return j - i + 1;
  }
  return 0;
}

/** The word (letters and inner dots) that ends just before the full stop at `dot`, lower-cased, dots removed. */
function wordBefore(
  text: string,
  dot: number,
): { word: string; letters: number; dotted: boolean; upperInitial: boolean } {
  let j = dot;
  while (j > 0) {
    const c = text.charCodeAt(j - 1);
    if (isLetter(c) || c === 46) j--;
    else break;
  }
  const raw = text.slice(j, dot);
  const word = raw.replace(/\./g, '').toLowerCase();
  const first = raw.charCodeAt(0);
  return {
    word,
    letters: word.length,
    dotted: raw.includes('.'),
    upperInitial: word.length === 1 && first >= 65 && first <= 90,
  };
}

/** The next word after `i` (skipping spaces and opening quotes), lower-cased. */
function wordAfter(text: string, i: number): string {
  let j = i;
  while (
    j < text.length &&
    (isSpace(text.charCodeAt(j)) ||
      text.charCodeAt(j) === 34 ||
      text.charCodeAt(j) === 0x201c ||
      text.charCodeAt(j) === 39 ||
      text.charCodeAt(j) === 0x2018)
  )
    j++;
  const start = j;
  while (j < text.length && isLetter(text.charCodeAt(j))) j++;
  return text.slice(start, j).toLowerCase();
}

/** Whether the full stop at `dot`, followed (after closers and spaces) by `next` at `nextIndex`, ends a sentence. */
function fullStopEnds(text: string, dot: number, nextIndex: number): boolean {
  const next = text.charCodeAt(nextIndex);
  if (isLowerLetter(next)) return false;
  const before = wordBefore(text, dot);
  if (before.letters === 0) {
    // "3.", "$5m." and other non-words: a boundary unless a list number ("1." is handled as a marker).
    return true;
  }
  if (NEVER_FINAL.has(before.word) && !before.dotted) return false;
  if (before.word === 'eg' || before.word === 'ie') return false;
  // "J. Smith": one capital letter is an initial.
  if (before.upperInitial) return false;
  if (before.dotted) {
    // Initialisms such as "U.S." or "a.m.": a boundary only before a typical sentence opener.
    return SENTENCE_OPENERS.has(wordAfter(text, nextIndex));
  }
  if (ABBREVIATIONS.has(before.word)) {
    if (before.word === 'no' && isDigit(next)) return false;
    return SENTENCE_OPENERS.has(wordAfter(text, nextIndex));
  }
  return true;
}

/**
 * Splits `text` into sentences. Blank lines, list items and single line breaks followed by a
 * capitalised line that does not continue a sentence all end sentences. Empty pieces are dropped.
 */
export function splitSentences(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  const n = text.length;
  let start = -1; // start of the current sentence (first non-space), -1 when between sentences
  let paragraphStart = true;
  let lineStart = 0;

  const close = (end: number): void => {
    if (start < 0) return;
    let e = end;
    while (e > start && isSpace(text.charCodeAt(e - 1))) e--;
    if (e > start) spans.push({ start, end: e, paragraphStart });
    start = -1;
    paragraphStart = false;
  };

  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      // Line break: a blank line ends the paragraph; a list line starts a new sentence.
      let j = i;
      let newlines = 0;
      while (j < n && isSpace(text.charCodeAt(j))) {
        const d = text.charCodeAt(j);
        if (d === 10) newlines++;
        else if (d === 13 && text.charCodeAt(j + 1) !== 10) newlines++;
        j++;
      }
      if (j >= n) break;
      const marker = listMarkerLength(text, j);
      if (newlines >= 2 || marker > 0) {
        close(i);
        paragraphStart = true;
      } else if (start >= 0 && !isLowerLetter(text.charCodeAt(j))) {
        // A single break after a short line without final punctuation is a heading or a label
        // ("Results", "Key points:") rather than a wrapped line.
        let p = i;
        while (p > start && isSpace(text.charCodeAt(p - 1))) p--;
        const last = text.charCodeAt(p - 1);
        if (!isTerminator(last) && last !== 44 && start >= lineStart && i - lineStart <= MAX_HEADING_CHARS)
          close(i);
      }
      lineStart = j;
      i = j;
      continue;
    }
    if (start < 0) {
      if (isSpace(c)) {
        i++;
        continue;
      }
      start = i;
      const marker = listMarkerLength(text, i);
      if (marker > 0 && (i === 0 || paragraphStart)) {
        i += marker;
        continue;
      }
    }
    if (isTerminator(c)) {
      let j = i + 1;
      while (j < n && (isTerminator(text.charCodeAt(j)) || isCloser(text.charCodeAt(j)))) j++;
      // Needs whitespace after (no boundary in "3.5", "example.com" or "U.S.-led").
      if (j >= n) {
        i = j;
        continue;
      }
      if (!isSpace(text.charCodeAt(j))) {
        i = j;
        continue;
      }
      let k = j;
      while (k < n && isSpace(text.charCodeAt(k))) k++;
      if (k >= n) {
        i = k;
        continue;
      }
      const ends = c === 46 && j === i + 1 ? fullStopEnds(text, i, k) : !isLowerLetter(text.charCodeAt(k));
      if (ends) {
        close(j);
        // Keep the paragraph flag if the break is a blank line: the newline branch sets it.
        i = j;
        continue;
      }
      i = j;
      continue;
    }
    i++;
  }
  close(n);
  return spans;
}
