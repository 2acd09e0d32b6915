/**
 * Language identification shared by every analyser: the built-in models are trained on English, so
 * each result carries a `NON_ENGLISH` warning when the input is confidently something else.
 *
 * Detection is eld's (Efficient Language Detector 2.1.0, Apache-2.0, Nito T.M.) with its `small`
 * n-gram database: with the guards below it made no false NON_ENGLISH calls on ~100k English
 * reviews, tweets and claims, like `medium` and `large` (`extrasmall` made a few). It runs on our
 * own reimplementation (language-id/), which gives eld's languages and scores exactly but reads the
 * n-grams from a 1.9 MB binary table that every worker thread shares (models/language-table.ts),
 * where importing eld cost each thread ~0.5 s and ~46 MB of heap.
 *
 * eld alone is too eager on short English: "happy birthday bro" comes out as Tagalog, "Barcelona beat
 * Madrid last night" as Catalan, and eld's own `isReliable()` calls both reliable. A false
 * NON_ENGLISH warning on English is much worse than a missed one, so for Latin-script text a
 * warning needs all of:
 *  - enough evidence: at least 4 words and 15 letters once URLs, @mentions, #hashtags, e-mail
 *    addresses, numbers and emoji are removed;
 *  - English function words ("the", "and", "you", ...) making up less than a tenth of the words;
 *  - a clear lead of the winning language over English in eld's scores, larger for shorter texts;
 *  - for short texts, the same verdict without the capitalised words, since names ("Juventus beats
 *    Napoli in Turin derby") are what usually drags English towards another language.
 * Text mostly in another script (Cyrillic, Arabic, CJK, ...; at least 3 letters) is non-English
 * whatever eld's margins say; eld only names the language.
 *
 * Long inputs are sampled (start, middle and end, at most 2,000 characters in all), so the cost is
 * bounded whatever the length of the text.
 */
import { languageIdentifier } from '../models/language-table.ts';
import type { ResultWarning } from '../types.ts';

export interface DetectedLanguage {
  /** ISO 639-1 code, or `und` when there is too little text to tell. */
  language: string;
  /** True only when the evidence is strong enough to act on (e.g. to warn). */
  reliable: boolean;
}

/** English names of the 60 languages eld knows. */
const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  am: 'Amharic',
  ar: 'Arabic',
  az: 'Azerbaijani',
  be: 'Belarusian',
  bg: 'Bulgarian',
  bn: 'Bengali',
  ca: 'Catalan',
  cs: 'Czech',
  da: 'Danish',
  de: 'German',
  el: 'Greek',
  en: 'English',
  es: 'Spanish',
  et: 'Estonian',
  eu: 'Basque',
  fa: 'Persian',
  fi: 'Finnish',
  fr: 'French',
  gu: 'Gujarati',
  he: 'Hebrew',
  hi: 'Hindi',
  hr: 'Croatian',
  hu: 'Hungarian',
  hy: 'Armenian',
  is: 'Icelandic',
  it: 'Italian',
  ja: 'Japanese',
  ka: 'Georgian',
  kn: 'Kannada',
  ko: 'Korean',
  ku: 'Kurdish',
  lo: 'Lao',
  lt: 'Lithuanian',
  lv: 'Latvian',
  ml: 'Malayalam',
  mr: 'Marathi',
  ms: 'Malay',
  nl: 'Dutch',
  no: 'Norwegian',
  or: 'Odia',
  pa: 'Punjabi',
  pl: 'Polish',
  pt: 'Portuguese',
  ro: 'Romanian',
  ru: 'Russian',
  sk: 'Slovak',
  sl: 'Slovenian',
  sq: 'Albanian',
  sr: 'Serbian',
  sv: 'Swedish',
  ta: 'Tamil',
  te: 'Telugu',
  th: 'Thai',
  tl: 'Tagalog',
  tr: 'Turkish',
  uk: 'Ukrainian',
  ur: 'Urdu',
  vi: 'Vietnamese',
  yo: 'Yoruba',
  zh: 'Chinese',
};

/** English name of an ISO 639-1 code eld can return; the code itself for anything else. */
export function languageName(code: string): string {
  return LANGUAGE_NAMES[code] ?? code;
}

const UND: DetectedLanguage = { language: 'und', reliable: false };

/** Characters of the input looked at, at most: a head, a middle and a tail slice. */
const HEAD_CHARS = 1200;
const MIDDLE_CHARS = 400;
const TAIL_CHARS = 400;
const SAMPLE_LIMIT = HEAD_CHARS + MIDDLE_CHARS + TAIL_CHARS;
/** eld reads ~350 bytes of its input, so longer samples are scored in windows of about this size. */
const WINDOW_CHARS = 320;
const MAX_WINDOWS = 3;
/** Lead in a first window after which the other windows are not read (see rankLanguages). */
const CLEAR_ENGLISH_LEAD = 0.3;

const MIN_LATIN_WORDS = 4;
const MIN_LATIN_LETTERS = 15;
const MIN_OTHER_SCRIPT_LETTERS = 3;
/** Lead over English a short Latin-script text needs (see requiredLead). */
const STRONG_LEAD = 0.35;
/** Texts of fewer words are checked again without their capitalised words. */
const NAME_CHECK_MAX_WORDS = 30;
/** English counts as reliable when it beats the runner-up by this much. */
const MIN_LEAD_OVER_RUNNER_UP = 0.01;
/** Share of English function words above which Latin-script text is taken as English. */
const ENGLISH_FUNCTION_WORD_SHARE = 0.1;

/**
 * Frequent English words. Those in AMBIGUOUS_FUNCTION_WORDS are also ordinary words of a common
 * European language ("in", "is", "was", "of", "to", "for", "my", "will", ...): they count only next to
 * at least one unambiguous one, so "in", "is" or "was" in Dutch or German text does not make it English.
 */
const ENGLISH_FUNCTION_WORDS: ReadonlySet<string> = wordSet(`
  the and you your this that these those with they their them would should could what which about
  there been were from not it its it's are our she his him very when who how why because into than
  then some any only really i'm i've i'll i'd don't can't didn't doesn't isn't won't wasn't aren't
  you're that's there's after before where while does did get got out if
  i we us all up or by at be of to is was for on an in has have over can will also just but my`);
const AMBIGUOUS_FUNCTION_WORDS: ReadonlySet<string> = wordSet(`
  i we us all up or by at be of to is was for on an in has have over can will also just but my`);

function wordSet(words: string): ReadonlySet<string> {
  return new Set(words.split(/\s+/).filter((w) => w !== ''));
}

// Noise that says nothing about the language of the prose around it. The lookbehinds let a match
// start only at the beginning of a token, which keeps the scan linear on long unbroken runs.
const NOISE_RE = new RegExp(
  [
    String.raw`\b(?:https?:\/\/|www\.)\S*`, // URLs
    String.raw`(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+`, // e-mail addresses
    String.raw`[@#][\p{L}\p{N}_]+`, // @mentions and #hashtags
    String.raw`(?<![\w-])[\w-]+\.(?:com|org|net|io|co|gov|edu|uk)\b\S*`, // bare domains
    String.raw`&[a-z]+;`, // HTML entities
    String.raw`(?<!\S)\S*\p{N}\S*`, // numbers and codes with digits
  ].join('|'),
  'giu',
);
const WORD_RE = /\p{L}[\p{L}\p{M}'’]*/gu;
const LATIN_LETTER_RE = /\p{Script=Latin}/u;
const LETTER_RE = /\p{L}/u;
const KANA_RE = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HANGUL_RE = /\p{Script=Hangul}/u;

/** Identifies the language of `text`; see the module comment for when it is `reliable`. */
export function detectLanguage(text: string): DetectedLanguage {
  const cleaned = sampleOf(text).normalize('NFKC').replace(NOISE_RE, ' ');
  const stats = scriptStats(cleaned);
  if (stats.other >= MIN_OTHER_SCRIPT_LETTERS && stats.other >= stats.latin) {
    return detectOtherScript(cleaned, stats);
  }
  return detectLatinScript(cleaned);
}

/**
 * `[]` for English and for text too short or too mixed to judge; otherwise one `NON_ENGLISH`
 * warning naming the language.
 */
export function languageWarnings(text: string): ResultWarning[] {
  const { language, reliable } = detectLanguage(text);
  if (!reliable || language === 'en' || language === 'und') return [];
  return [
    {
      code: 'NON_ENGLISH',
      message:
        `The text looks like ${languageName(language)} (${language}); the built-in models are ` +
        'trained on English, so this result may be unreliable.',
    },
  ];
}

interface ScriptStats {
  latin: number;
  /** Letters of any other script. */
  other: number;
  kana: number;
  hangul: number;
}

function scriptStats(text: string): ScriptStats {
  const stats: ScriptStats = { latin: 0, other: 0, kana: 0, hangul: 0 };
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80) {
      if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) stats.latin++;
    } else if (LATIN_LETTER_RE.test(ch)) {
      stats.latin++;
    } else if (LETTER_RE.test(ch)) {
      stats.other++;
      if (KANA_RE.test(ch)) stats.kana++;
      else if (HANGUL_RE.test(ch)) stats.hangul++;
    }
  }
  return stats;
}

function detectOtherScript(cleaned: string, stats: ScriptStats): DetectedLanguage {
  // Kana only occurs in Japanese; eld sometimes calls kanji-heavy Japanese Chinese.
  if (stats.kana > 0) return { language: 'ja', reliable: true };
  if (stats.hangul * 2 >= stats.other) return { language: 'ko', reliable: true };
  const best = rankLanguages(cleaned)[0];
  if (best === undefined || best.language === 'en') return UND;
  return { language: best.language, reliable: true };
}

function detectLatinScript(cleaned: string): DetectedLanguage {
  let words = 0;
  let letters = 0;
  let english = 0;
  let unambiguousEnglish = 0;
  // The same text without capitalised words: names ("Juventus", "Buenos Aires") make English
  // headlines look Italian or Spanish, while the rest of a foreign sentence stays foreign.
  let lowercase = '';
  let lowercaseWords = 0;
  for (const match of cleaned.matchAll(WORD_RE)) {
    const word = match[0];
    if (word.length < 2 && word !== 'I') continue;
    words++;
    letters += word.length;
    const lower = word.toLowerCase();
    const normalised = lower.replace('’', "'");
    if (ENGLISH_FUNCTION_WORDS.has(normalised)) {
      english++;
      // A capital "I" is English; a lowercase "i" is an Italian or Catalan article or conjunction.
      if (!AMBIGUOUS_FUNCTION_WORDS.has(normalised) || word === 'I') unambiguousEnglish++;
    }
    if (word === lower) {
      lowercase += lowercase === '' ? word : ' ' + word;
      lowercaseWords++;
    }
  }
  if (words < MIN_LATIN_WORDS || letters < MIN_LATIN_LETTERS) return UND;
  if (unambiguousEnglish > 0 && english >= words * ENGLISH_FUNCTION_WORD_SHARE) {
    return { language: 'en', reliable: true };
  }

  const full = leadOverEnglish(rankLanguages(cleaned));
  if (full === undefined) return UND;
  if (full.language === 'en') return { language: 'en', reliable: full.lead >= MIN_LEAD_OVER_RUNNER_UP };
  let reliable = full.lead >= requiredLead(words);
  // Longer texts have enough ordinary words for names not to sway eld (and English prose of that
  // length is caught by the function-word check above).
  if (reliable && lowercaseWords < words && words < NAME_CHECK_MAX_WORDS) {
    if (lowercaseWords >= MIN_LATIN_WORDS) {
      const rest = leadOverEnglish(rankLanguages(lowercase));
      reliable =
        rest !== undefined && rest.language !== 'en' && rest.lead >= requiredLead(lowercaseWords) / 2;
    } else {
      // Mostly capitalised words: names, a title-case headline, or shouting.
      reliable = full.lead >= STRONG_LEAD;
    }
  }
  return { language: full.language, reliable };
}

/** How far the winning language must lead English in eld's 0..1 scores, given the word count. */
function requiredLead(words: number): number {
  if (words < 6) return STRONG_LEAD;
  if (words < 9) return 0.2;
  return 0.15;
}

/** The winning language and its lead over English (over the runner-up when English wins). */
function leadOverEnglish(ranked: RankedLanguage[]): { language: string; lead: number } | undefined {
  const best = ranked[0];
  if (best === undefined) return undefined;
  if (best.language === 'en') return { language: 'en', lead: best.score - (ranked[1]?.score ?? 0) };
  const englishScore = ranked.find((r) => r.language === 'en')?.score ?? 0;
  return { language: best.language, lead: best.score - englishScore };
}

interface RankedLanguage {
  language: string;
  score: number;
}

/** eld's scores (0..1) averaged over up to three windows of the text, best first. */
function rankLanguages(cleaned: string): RankedLanguage[] {
  const totals = new Map<string, number>();
  const windows = windowsOf(cleaned.replace(/\s+/g, ' ').trim());
  const identifier = languageIdentifier();
  let read = 0;
  for (const window of windows) {
    for (const { language, score } of identifier.identify(window).scores) {
      totals.set(language, (totals.get(language) ?? 0) + score);
    }
    read++;
    // Most long inputs are plainly English from their first window (résumés and keyword-heavy text
    // that the function-word check lets through): the other windows cannot change a lead this wide.
    if (read === 1 && windows.length > 1 && clearlyEnglish(totals)) break;
  }
  const ranked: RankedLanguage[] = [];
  for (const [language, total] of totals) ranked.push({ language, score: total / read });
  return ranked.sort((a, b) => b.score - a.score);
}

/** English leads every other language by CLEAR_ENGLISH_LEAD in one window's scores. */
function clearlyEnglish(scores: ReadonlyMap<string, number>): boolean {
  const english = scores.get('en') ?? 0;
  for (const [language, score] of scores) {
    if (language !== 'en' && score > english - CLEAR_ENGLISH_LEAD) return false;
  }
  return english > 0;
}

/** The whole text when short; otherwise its start, middle and end, cut at spaces where possible. */
function sampleOf(text: string): string {
  if (text.length <= SAMPLE_LIMIT) return text;
  const middle = Math.floor((text.length - MIDDLE_CHARS) / 2);
  return [
    sliceAtSpaces(text, 0, HEAD_CHARS),
    sliceAtSpaces(text, middle, middle + MIDDLE_CHARS),
    sliceAtSpaces(text, text.length - TAIL_CHARS, text.length),
  ].join('\n');
}

function windowsOf(text: string): string[] {
  if (text.length <= WINDOW_CHARS + WINDOW_CHARS / 4) return [text];
  const count = Math.min(MAX_WINDOWS, Math.ceil(text.length / WINDOW_CHARS));
  const step = (text.length - WINDOW_CHARS) / (count - 1);
  const windows: string[] = [];
  for (let i = 0; i < count; i++) {
    const start = Math.round(i * step);
    windows.push(sliceAtSpaces(text, start, start + WINDOW_CHARS));
  }
  return windows;
}

/**
 * `text.slice(start, end)` with a partial word dropped at either edge (when the slice has a space to
 * cut at; unspaced scripts are cut as they are) and never half a surrogate pair.
 */
function sliceAtSpaces(text: string, start: number, end: number): string {
  let from = start;
  let to = Math.min(end, text.length);
  if (from > 0) {
    const space = text.indexOf(' ', from);
    if (space !== -1 && space < to - 1 && space - from < 40) from = space + 1;
    else if (isLowSurrogate(text.charCodeAt(from))) from++;
  }
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to);
    if (space > from && to - space < 40) to = space;
    else if (isLowSurrogate(text.charCodeAt(to))) to--;
  }
  return text.slice(from, to);
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
