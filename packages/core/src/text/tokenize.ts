import { FNV_OFFSET, fnvStep, hashString } from './hash.ts';

/**
 * A fast tokenizer for classification. It scans char codes once and writes tokens into reusable
 * typed arrays, so tokenising a sentence allocates nothing. Each token keeps its offsets in the
 * caller's text (for explanations) and a hash of its normalised form (lower-cased, elongations
 * such as "soooo" folded to "soo", curly apostrophes made straight).
 *
 * Contractions are split the Penn Treebank way ("don't" → "do" + "n't", "it's" → "it" + "'s"),
 * because SST-2, our main training set, is PTB-tokenised: users' "don't" and SST's "do n't" must
 * give the same tokens or the model would learn tokens no user ever types.
 */

export const enum TokenKind {
  Word = 1,
  Number = 2,
  Punct = 3,
  Emoticon = 4,
  Emoji = 5,
  Url = 6,
  Mention = 7,
}

export const enum TokenFlag {
  AllCaps = 1,
  Elongated = 2,
  Negated = 4,
}

export class TokenBuffer {
  count = 0;
  starts: Int32Array;
  ends: Int32Array;
  hashes: Int32Array;
  kinds: Uint8Array;
  flags: Uint8Array;

  constructor(capacity = 256) {
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.hashes = new Int32Array(capacity);
    this.kinds = new Uint8Array(capacity);
    this.flags = new Uint8Array(capacity);
  }

  push(start: number, end: number, hash: number, kind: TokenKind, flags: number): void {
    if (this.count === this.starts.length) this.grow();
    const i = this.count++;
    this.starts[i] = start;
    this.ends[i] = end;
    this.hashes[i] = hash;
    this.kinds[i] = kind;
    this.flags[i] = flags;
  }

  private grow(): void {
    const size = this.starts.length * 2;
    const grow32 = (a: Int32Array): Int32Array => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    const grow8 = (a: Uint8Array): Uint8Array => {
      const b = new Uint8Array(size);
      b.set(a);
      return b;
    };
    this.starts = grow32(this.starts);
    this.ends = grow32(this.ends);
    this.hashes = grow32(this.hashes);
    this.kinds = grow8(this.kinds);
    this.flags = grow8(this.flags);
  }
}

/** Hash of a token's normalised form, as the tokenizer computes it (used to build lookup tables). */
export function tokenHash(word: string): number {
  const buffer = new TokenBuffer(8);
  tokenize(word, buffer);
  if (buffer.count !== 1) return hashString(word.toLowerCase());
  return buffer.hashes[0] ?? 0;
}

export const URL_HASH = hashString('<url>');
export const USER_HASH = hashString('<user>');
export const NUMBER_HASH = hashString('<num>');

const NEGATORS = [
  'not',
  "n't",
  'no',
  'never',
  'cannot',
  'nothing',
  'nobody',
  'none',
  'neither',
  'nor',
  'nowhere',
  'without',
  'hardly',
  'barely',
  'lack',
  'lacks',
  'lacking',
  'lacked',
  'nt',
  'dont',
  'didnt',
  'doesnt',
  'isnt',
  'wasnt',
  'cant',
  'wont',
  'couldnt',
  'wouldnt',
  'shouldnt',
  'aint',
  'havent',
  'hasnt',
];
/** Words that end a negation scope: "not great, but fun" — "fun" is not negated. */
const SCOPE_BREAKERS = ['but', 'however', 'although', 'though', 'yet', 'whereas', 'except'];
/** A negation rarely reaches further than this many tokens. */
const MAX_NEGATION_SCOPE = 8;

// Emoticons are matched only between spaces (or text edges and punctuation), so "a:b" is no smile.
const EMOTICONS = [
  ':-)',
  ':)',
  ':-(',
  ':(',
  ':-D',
  ':D',
  ';-)',
  ';)',
  ':-P',
  ':P',
  ':-p',
  ':p',
  ":'(",
  ':-/',
  ':/',
  '<3',
  ':-o',
  ':o',
  ':O',
  '=)',
  '=(',
  ':|',
  'xD',
  'XD',
  ':]',
  ':[',
  '(:',
  '):',
  ':-|',
  '</3',
  ':*',
  ';D',
  '^_^',
  '-_-',
  'T_T',
].sort((a, b) => b.length - a.length);
const EMOTICON_FIRST_CHARS = new Set(EMOTICONS.map((e) => e.charCodeAt(0)));

let negatorHashes: Set<number> | null = null;
let breakerHashes: Set<number> | null = null;
function wordSets(): { negators: Set<number>; breakers: Set<number> } {
  if (!negatorHashes || !breakerHashes) {
    // Hash with the same normalisation the tokenizer applies (lower case, straight apostrophe).
    negatorHashes = new Set(NEGATORS.map(hashString));
    breakerHashes = new Set(SCOPE_BREAKERS.map(hashString));
  }
  return { negators: negatorHashes, breakers: breakerHashes };
}

function isSpace(c: number): boolean {
  return (
    c <= 32 ||
    c === 0xa0 ||
    (c >= 0x2000 && c <= 0x200b) ||
    c === 0x3000 ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0xfeff
  );
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
function isApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019 || c === 0x2018 || c === 0x02bc;
}
/** Emoji and pictographs: dingbats, misc symbols, and astral symbol planes (surrogate pairs). */
function isEmojiStart(c: number, next: number): boolean {
  if (c >= 0x2600 && c <= 0x27bf) return true;
  if (c === 0x2b50 || c === 0x2b55 || c === 0x2764) return true;
  // U+1F000..U+1FAFF are encoded with the high surrogate 0xD83C..0xD83E.
  return c >= 0xd83c && c <= 0xd83e && next >= 0xdc00 && next <= 0xdfff;
}
function isLetter(c: number): boolean {
  if (c < 128) return isAsciiLetter(c);
  if (c >= 0x2000 && c <= 0x2bff) return false; // punctuation, symbols, arrows, dingbats
  if (c >= 0x3000 && c <= 0x303f) return false; // CJK punctuation
  if (c === 0xa0 || (c >= 0xa1 && c <= 0xbf) || c === 0xd7 || c === 0xf7) return false;
  if (c >= 0xfe00 && c <= 0xfe0f) return false; // variation selectors
  return true;
}
function lowerCode(c: number): number {
  if (c >= 65 && c <= 90) return c | 32;
  if (c < 128) return c;
  if (isApostrophe(c)) return 39;
  const lower = String.fromCharCode(c).toLowerCase();
  return lower.length === 1 ? lower.charCodeAt(0) : c;
}
function isUpper(c: number): boolean {
  if (c >= 65 && c <= 90) return true;
  if (c < 192) return false;
  const s = String.fromCharCode(c);
  return s !== s.toLowerCase();
}

const CLITICS = ['s', 're', 've', 'll', 'd', 'm'];

/** Length of a clitic ("'s", "'re", …) starting at an apostrophe at `i`, or 0. */
function cliticLength(text: string, i: number): number {
  for (const clitic of CLITICS) {
    let j = 0;
    while (j < clitic.length && lowerCode(text.charCodeAt(i + 1 + j)) === clitic.charCodeAt(j)) j++;
    if (j === clitic.length && !isLetter(text.charCodeAt(i + 1 + j) || 32)) return clitic.length + 1;
  }
  return 0;
}

/** True when "n't" starts at `i` and ends the word. */
function isNegClitic(text: string, i: number): boolean {
  return (
    lowerCode(text.charCodeAt(i)) === 110 &&
    isApostrophe(text.charCodeAt(i + 1)) &&
    lowerCode(text.charCodeAt(i + 2)) === 116 &&
    !isLetter(text.charCodeAt(i + 3) || 32)
  );
}

function matchEmoticon(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (!EMOTICON_FIRST_CHARS.has(c)) return 0;
  const before = i === 0 ? 32 : text.charCodeAt(i - 1);
  if (!isSpace(before) && !(before < 128 && !isAsciiLetter(before) && !isDigit(before))) return 0;
  for (const e of EMOTICONS) {
    if (text.startsWith(e, i)) {
      const after = text.charCodeAt(i + e.length);
      if (Number.isNaN(after) || isSpace(after) || (after < 128 && !isAsciiLetter(after) && !isDigit(after)))
        return e.length;
    }
  }
  return 0;
}

/** Case-insensitive match of an ASCII lower-case `word` at `i`, by char codes (no slicing). */
function matchesAt(text: string, i: number, word: string): boolean {
  if (i + word.length > text.length) return false;
  for (let k = 0; k < word.length; k++) {
    if (lowerCode(text.charCodeAt(i + k)) !== word.charCodeAt(k)) return false;
  }
  return true;
}

function startsUrl(text: string, i: number, c: number): boolean {
  const lower = c | 32;
  if (lower === 104 /* h */) return matchesAt(text, i, 'http://') || matchesAt(text, i, 'https://');
  return lower === 119 /* w */ && matchesAt(text, i, 'www.');
}

/**
 * Tokenises `text` into `out` (cleared first) and marks negation scope. Returns the token count.
 */
export function tokenize(text: string, out: TokenBuffer): number {
  out.count = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;

    if ((c | 32) === 104 || (c | 32) === 119 ? startsUrl(text, i, c) : false) {
      let j = i;
      while (j < n && !isSpace(text.charCodeAt(j))) j++;
      out.push(i, j, URL_HASH, TokenKind.Url, 0);
      i = j;
      continue;
    }
    if (c === 64 /* @ */ && (isAsciiLetter(next) || isDigit(next) || next === 95)) {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (!(isAsciiLetter(d) || isDigit(d) || d === 95)) break;
        j++;
      }
      out.push(i, j, USER_HASH, TokenKind.Mention, 0);
      i = j;
      continue;
    }
    const emoticon = matchEmoticon(text, i);
    if (emoticon > 0) {
      let h = FNV_OFFSET;
      for (let k = 0; k < emoticon; k++) h = fnvStep(h, text.charCodeAt(i + k));
      out.push(i, i + emoticon, h, TokenKind.Emoticon, 0);
      i += emoticon;
      continue;
    }
    if (isEmojiStart(c, next)) {
      const len = c >= 0xd800 ? 2 : 1;
      let h = FNV_OFFSET;
      h = fnvStep(h, c);
      if (len === 2) h = fnvStep(h, next);
      // Skip a trailing variation selector or skin-tone modifier; they do not change the meaning.
      let j = i + len;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 0xfe0f || d === 0x200d) j++;
        else if (d === 0xd83c && text.charCodeAt(j + 1) >= 0xdffb && text.charCodeAt(j + 1) <= 0xdfff) j += 2;
        else break;
      }
      out.push(i, j, h, TokenKind.Emoji, 0);
      i = j;
      continue;
    }
    if (isDigit(c) || ((c === 46 || c === 36) && isDigit(next))) {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (isDigit(d) || ((d === 46 || d === 44 || d === 58) && isDigit(text.charCodeAt(j + 1)))) j++;
        else break;
      }
      // "90s", "3rd", "10am": letters glued to a number stay with it.
      while (j < n && isAsciiLetter(text.charCodeAt(j))) j++;
      if (text.charCodeAt(j) === 37) j++; // percent sign
      out.push(i, j, NUMBER_HASH, TokenKind.Number, 0);
      i = j;
      continue;
    }
    const startsWithHash = c === 35 && isLetter(next);
    if (isLetter(c) || startsWithHash || (isApostrophe(c) && cliticLength(text, i) > 0)) {
      const start = i;
      let j = startsWithHash ? i + 1 : i;
      let h = FNV_OFFSET;
      let upper = 0;
      let letters = 0;
      let prev1 = -1;
      let prev2 = -1;
      let elongated = false;
      if (isApostrophe(c)) {
        // A clitic token such as "'s" (SST writes "it 's").
        const len = cliticLength(text, i);
        for (let k = 0; k < len; k++) h = fnvStep(h, lowerCode(text.charCodeAt(i + k)));
        out.push(i, i + len, h, TokenKind.Word, 0);
        i += len;
        continue;
      }
      while (j < n) {
        const d = text.charCodeAt(j);
        if ((d | 32) === 110 && j > (startsWithHash ? start + 1 : start) && isNegClitic(text, j)) break;
        if (isApostrophe(d)) {
          if (j > start && cliticLength(text, j) > 0) break;
          if (!isLetter(text.charCodeAt(j + 1) || 32)) break;
        } else if (d === 45 /* - */) {
          if (!isLetter(text.charCodeAt(j + 1) || 32)) break;
        } else if (!isLetter(d) && !isDigit(d)) {
          break;
        }
        const lower = lowerCode(d);
        if (lower === prev1 && lower === prev2) {
          elongated = true; // third repeat of a letter: fold "soooo" into "soo"
        } else {
          h = fnvStep(h, lower);
        }
        prev2 = prev1;
        prev1 = lower;
        if (isLetter(d)) {
          letters++;
          if (isUpper(d)) upper++;
        }
        j++;
      }
      // A word always consumes at least one letter; a standalone "n't" (SST writes "did n't") is
      // read as a word too, and hashes like the "n't" split off "didn't".
      let flags = 0;
      if (letters >= 2 && upper === letters) flags |= TokenFlag.AllCaps;
      if (elongated) flags |= TokenFlag.Elongated;
      out.push(start, j, h, TokenKind.Word, flags);
      i = j;
      continue;
    }
    // Punctuation: a run of the same mark ("!!!", "...") is one token, hashed as up to three marks.
    let j = i + 1;
    while (j < n && text.charCodeAt(j) === c) j++;
    let h = FNV_OFFSET;
    const mark = isApostrophe(c) ? 39 : c === 0x201c || c === 0x201d ? 34 : c;
    for (let k = 0; k < Math.min(j - i, 3); k++) h = fnvStep(h, mark);
    out.push(i, j, h, TokenKind.Punct, 0);
    i = j;
  }
  markNegationScope(out);
  return out.count;
}

/** Sentence punctuation that ends a negation scope. */
function isScopeEndingPunct(tokens: TokenBuffer, i: number, punctHashes: Set<number>): boolean {
  return tokens.kinds[i] === TokenKind.Punct && punctHashes.has(tokens.hashes[i]!);
}

const SCOPE_PUNCT = new Set(
  ['.', ',', ';', ':', '!', '?', '..', '...', '!!', '!!!', '??', '???'].map(hashString),
);

function markNegationScope(out: TokenBuffer): void {
  const { negators, breakers } = wordSets();
  let remaining = 0;
  for (let i = 0; i < out.count; i++) {
    const hash = out.hashes[i] ?? 0;
    const kind = out.kinds[i];
    if (isScopeEndingPunct(out, i, SCOPE_PUNCT) || (kind === TokenKind.Word && breakers.has(hash))) {
      remaining = 0;
      continue;
    }
    if (kind === TokenKind.Word && negators.has(hash)) {
      remaining = MAX_NEGATION_SCOPE;
      continue;
    }
    if (remaining > 0) {
      out.flags[i] = (out.flags[i] ?? 0) | TokenFlag.Negated;
      remaining--;
    }
  }
}

/** Tokens as strings, for tests and debugging (allocates; not for hot paths). */
export function tokenStrings(text: string): string[] {
  const buffer = new TokenBuffer();
  tokenize(text, buffer);
  const tokens: string[] = [];
  for (let i = 0; i < buffer.count; i++) tokens.push(text.slice(buffer.starts[i], buffer.ends[i]));
  return tokens;
}
