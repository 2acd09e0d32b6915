/**
 * Credibility signals: simple, explainable measurements of the raw text (and title) shown next to
 * the fake-news model's verdict, so a reader can see *why* a story may deserve a second look.
 * None of them proves anything on its own; each description says what was measured and why it
 * matters.
 *
 * Everything here is a handful of precompiled regular expressions run once over the text; every
 * pattern is anchored or bounded so the scan stays linear, even on 100,000-character inputs.
 */
import type { CredibilitySignal } from '../types.ts';

/** Signal names, in the order `computeCredibilitySignals` returns them. */
export const CREDIBILITY_SIGNAL_NAMES = [
  'sensational_wording',
  'clickbait_title',
  'all_caps_ratio',
  'exclamation_runs',
  'unattributed_claims',
  'hedging',
  'sources_cited',
  'quotes',
] as const;

export type CredibilitySignalName = (typeof CREDIBILITY_SIGNAL_NAMES)[number];

/**
 * Measures the credibility signals of a story (its `title`, when given, is scanned together with
 * the body, and on its own for `clickbait_title`). Returns them in CREDIBILITY_SIGNAL_NAMES order,
 * values rounded to 3 decimals.
 */
export function computeCredibilitySignals(text: string, title?: string): CredibilitySignal[] {
  const cleanTitle = (title ?? '').trim();
  // Curly apostrophes become straight ones (same length, so offsets are unchanged) to keep the
  // phrase lists simple: "won’t" and "won't" match alike.
  const body = (cleanTitle === '' ? text : `${cleanTitle}\n\n${text}`).replace(/’/g, "'");
  const words = countWords(body);
  const quotes = findQuotes(body);

  // "exposed to the virus" is plain reporting, not an exposé.
  const sensational = findAll(SENSATIONAL_RE, body).filter(
    (m) => !(/^expos/i.test(m.text) && /^\s+to\b/i.test(body.slice(m.end, m.end + 5))),
  );
  const clickbait = clickbaitPatterns(cleanTitle.replace(/’/g, "'"));
  // A wire dateline ("WASHINGTON (Reuters) -") is a convention, not shouting.
  const caps = allCapsRatio(body.replace(DATELINE_RE, ''));
  const exclamations = countExclamationRuns(body);
  const unattributed = findAll(UNATTRIBUTED_RE, body).filter((m) => !namedSourceNearby(body, m));
  const hedges = findAll(HEDGE_RE, body).filter((m) => m.text !== 'May');
  const hedgeRate = words === 0 ? 0 : (hedges.length / words) * 100;
  const sources = countSources(body, quotes);

  const signals: Record<CredibilitySignalName, CredibilitySignal> = {
    sensational_wording: {
      name: 'sensational_wording',
      value: sensational.length,
      description:
        sensational.length === 0
          ? 'No sensational or clickbait wording found; sober wording is typical of factual reporting.'
          : `${plural(sensational.length, 'sensational or clickbait term')} (${examples(sensational)}); ` +
            'sensational wording is more common in fabricated stories.',
    },
    clickbait_title: {
      name: 'clickbait_title',
      value: clickbait.length,
      description:
        cleanTitle === ''
          ? 'No title given, so headline patterns were not checked.'
          : clickbait.length === 0
            ? 'The title shows no clickbait patterns (numbered lists, teasers, questions, shouting).'
            : `The title matches ${plural(clickbait.length, 'clickbait pattern')} (${clickbait.join(', ')}); ` +
              'clickbait headlines are common in misleading stories.',
    },
    all_caps_ratio: {
      name: 'all_caps_ratio',
      value: round(caps.ratio),
      description:
        caps.words === 0
          ? 'No words to check for ALL CAPS.'
          : `${percent(caps.ratio)} of words are written in ALL CAPS (common acronyms excluded); ` +
            'shouting is more common in fabricated and emotive posts than in news reports.',
    },
    exclamation_runs: {
      name: 'exclamation_runs',
      value: exclamations,
      description:
        `${plural(exclamations, 'run')} of repeated exclamation marks (such as "!!" or "?!"); ` +
        'sensational punctuation is more common in fabricated stories.',
    },
    unattributed_claims: {
      name: 'unattributed_claims',
      value: unattributed.length,
      description:
        unattributed.length === 0
          ? 'No claims credited to unnamed sources ("experts say", "reportedly") were found.'
          : `${plural(unattributed.length, 'claim')} credited to unnamed sources (${examples(unattributed)}); ` +
            'vague attribution makes a claim hard to check.',
    },
    hedging: {
      name: 'hedging',
      value: round(hedgeRate),
      description:
        `${plural(hedges.length, 'hedging word')} (${round(hedgeRate, 1)} per 100 words` +
        `${hedges.length === 0 ? '' : `, e.g. ${examples(hedges)}`}); heavy hedging can mark ` +
        'unverified claims, though careful reporting hedges too.',
    },
    sources_cited: {
      name: 'sources_cited',
      value: sources,
      description:
        `${plural(sources, 'attribution')} or reference${sources === 1 ? '' : 's'} (named speakers, ` +
        '"according to", links, citations); stories that name their sources can be checked.',
    },
    quotes: {
      name: 'quotes',
      value: quotes.length,
      description:
        `${plural(quotes.length, 'quoted passage')}; direct quotes are typical of reporting, ` +
        'though quotation marks are also used for scare quotes.',
    },
  };
  return CREDIBILITY_SIGNAL_NAMES.map((name) => signals[name]);
}

// ---------------------------------------------------------------------------------------------
// Word lists. Matching is case-insensitive on word boundaries; phrases allow any whitespace.

const SENSATIONAL_TERMS = phrases(`
  shocking | shocked | shocker | stunning | stunned | bombshell | jaw-dropping | jaw dropping |
  mind-blowing | mind blowing | mind-boggling | blow your mind | unbelievable | you won't believe |
  you will not believe | you wont believe | can't believe | outrageous | insane | horrifying |
  terrifying | miracle | miracles | miraculous | exposed | exposes | exposé | scandalous |
  breaking news | breaking: | breaking! | breaking - | breaking — | must see | must-see | must watch |
  must-watch | must read | must-read | what happens next | what happened next |
  they don't want you to know | don't want you to know | secret they | the secret to | secret cure |
  hidden truth | the truth about | truth revealed | finally revealed | cover-up | coverup | hoax |
  sheeple | wake up people | wake up america | time to wake up | deep state | mainstream media |
  before it's deleted | before it gets deleted | before it is deleted | banned video | censored |
  doctors hate | one weird trick | weird trick | miracle cure | cure-all | goes viral | went viral |
  epic fail | destroys | obliterates | slams | humiliates | bizarre | disgusting | unreal |
  omg | wtf | 100% proof | 100% true | share this | share before | spread the word
`);

/** Vague credit: someone unnamed says so. */
const UNATTRIBUTED_PHRASES = phrases(`
  experts say | experts said | experts claim | experts believe | experts agree | experts warn |
  experts have | scientists say | scientists claim | scientists agree | doctors say | doctors claim |
  doctors agree | researchers say | sources say | sources said | sources claim | sources told |
  sources reveal | a source said | a source told | a source close to | a source claims |
  anonymous sources | unnamed sources | insiders say | insiders claim | an insider said |
  an insider told | an insider claims | an insider revealed | one insider | studies show |
  studies prove | studies suggest | studies have shown | studies found | research shows |
  research proves | research has shown | many people are saying | people are saying |
  lots of people are saying | everyone is saying | everybody knows | everyone knows | it is said |
  it's said | it is believed | it is rumored | it is rumoured | it is claimed | it is reported |
  it has been reported | it has been said | it has been claimed | reportedly | rumor has it |
  rumour has it | according to sources | according to reports | according to insiders |
  according to rumors | according to rumours | according to experts | according to some
`);

const HEDGES = phrases(`
  allegedly | alleged | might | could | may | possibly | perhaps | maybe | rumored | rumoured |
  rumors | rumours | rumor | rumour | supposedly | purportedly | apparently | seemingly |
  unconfirmed | unverified | some say | some believe | some claim | it seems | appears to |
  it appears
`);

/**
 * ALL-CAPS words that are ordinary acronyms, not shouting. (Short words that double as English
 * words, like IT, IS or OK, are left out: on their own they never count, see allCapsRatio.)
 */
const ACRONYMS: ReadonlySet<string> = new Set(
  `US USA UK EU UN NATO NASA FBI CIA NSA DHS DOJ IRS CDC FDA WHO NIH NHS CEO CFO CTO COO MP MPS
  GOP DNC RNC TV BBC CNN NBC ABC CBS NPR PBS AP AFP ESPN NFL NBA MLB NHL FIFA UEFA IMF GDP OPEC WTO
  COVID SARS HIV AIDS DNA RNA AI PC USB GPS ID PIN ATM SUV NYC LA DC UAE USSR PM BC AD
  II III IV VI VII VIII IX XI XII PHD MD MBA LGBT LGBTQ EV EVS UFO NGO ISIS KGB PR HR CV IQ
  ICU MRI CT STEM OECD ECB ASEAN SEC FTC FCC EPA NOAA ICE TSA USDA HHS DOD DOE VP UNICEF UNESCO
  UKIP SNP MEP MEPS MSP FTSE NASDAQ NYSE NHTSA FEMA NAACP ACLU AARP CNBC MSNBC HBO BMW IBM HSBC
  RBS BP POTUS SCOTUS JFK MLK NYPD LAPD`.split(/\s+/),
);

// ---------------------------------------------------------------------------------------------
// Regular expressions, built once.

/** A `|`-separated list of phrases (one string keeps the lists compact and easy to edit). */
function phrases(list: string): string[] {
  return list
    .split('|')
    .map((p) => p.trim().replace(/\s+/g, ' '))
    .filter((p) => p !== '');
}

/** One case-insensitive regex matching any of `phrases` as whole words (`g` for matchAll scans). */
function phraseRegex(phrases: readonly string[], flags = 'giu'): RegExp {
  const alternatives = [...phrases]
    .sort((a, b) => b.length - a.length)
    .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'));
  // Lookarounds instead of \b so phrases starting or ending in a symbol ("100% true") work too.
  return new RegExp(`(?<![\\p{L}\\p{N}'-])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}-])`, flags);
}

const SENSATIONAL_RE = phraseRegex(SENSATIONAL_TERMS);
const UNATTRIBUTED_RE = phraseRegex(UNATTRIBUTED_PHRASES);
const HEDGE_RE = phraseRegex(HEDGES);

const WORD_RE = /\p{L}[\p{L}\p{M}'’]*/gu;
/** A dateline opening the story or its body: `WASHINGTON (Reuters) -`, `LONDON, March 3 (AP) —`. */
const DATELINE_RE = /(?<=^|\n\n)[ \t]*\p{Lu}[\p{Lu} .'-]{1,40}(?=,[^\n]{0,40}\(|\s*\(|\s+[-—–])/u;
const EXCLAMATION_RUN_RE = /[!?！？¡]{2,}/g;

/** A quoted passage: straight, curly, guillemet or low-high quotes, on one line, at most 600 chars. */
const QUOTE_RE = /"[^"\n]{1,600}"|“[^“”\n]{1,600}”|«[^«»\n]{1,600}»|„[^„“”\n]{1,600}[“”]/g;

const SPEECH_VERBS =
  'said|says|told|tells|asked|added|wrote|writes|stated|explained|insisted|noted|argued|replied|responded|warned|continued';
/** After a closing quote: `," said Smith`, `," he told reporters`, `, according to the report`. */
const QUOTE_ATTRIBUTION_AFTER_RE = new RegExp(
  `^[\\s,.;:!?\\u2014\\u2013-]*(?:[\\p{L}'.-]+\\s+){0,4}?(?:${SPEECH_VERBS}|according\\s+to)\\b`,
  'iu',
);
/** Before an opening quote: `Smith said: "`, `He told reporters, "`. */
const QUOTE_ATTRIBUTION_BEFORE_RE = new RegExp(
  `\\b(?:${SPEECH_VERBS})(?:\\s+[\\p{L}'-]+){0,3}?\\s*[,:]?\\s*$`,
  'iu',
);

/** Capitalised words that are not names, so "He said" or "Experts said" is no named source. */
const NOT_NAMES: ReadonlySet<string> = new Set(
  `he she they it we i you this that these those there here experts expert sources source officials
  people some many most critics reports studies scientists doctors researchers analysts insiders
  witnesses someone everyone everybody nobody others observers one who which what the a an and but
  monday tuesday wednesday thursday friday saturday sunday january february march april may june
  july august september october november december today yesterday`.split(/\s+/),
);

const NAME = String.raw`\p{Lu}[\p{L}'’.-]*`;
const REPORTING_VERBS = 'said|says|told|stated|wrote|added|explained|confirmed|announced|testified|tweeted';
/** `Smith said`, `Dr. Jones told` (the word before the verb must be a name; checked in code). */
const NAMED_SPEAKER_RE = new RegExp(`(?<!\\p{L})(${NAME})\\s+(?:${REPORTING_VERBS})\\b`, 'gu');
/** `said Smith`, `told Reuters`, `said the WHO` (checked in code, as above). */
const SPEAKER_AFTER_VERB_RE = new RegExp(`\\b(?:said|says|told)\\s+(?:the\\s+)?(${NAME})`, 'gu');
/** `according to X`, unless X is one of the vague credits counted as unattributed. */
const ACCORDING_TO_RE =
  /\baccording\s+to\s+(?!(?:some|many|sources|reports|insiders|rumou?rs|experts|people|critics|those|them|him|her)\b)[\p{L}\p{N}]/giu;
/** Links, news-agency credits, citations and references to published or official material. */
const REFERENCE_RE = new RegExp(
  [
    String.raw`\bhttps?:\/\/[^\s)>\]]+`,
    String.raw`\bwww\.[^\s)>\]]+`,
    String.raw`\((?:Reuters|AP|AFP|Bloomberg|BBC|CNN|NPR|UPI|PTI|ANI|IANS|Xinhua|dpa|EFE|ANSA|Kyodo|Yonhap|TASS|AAP|CP)\)`,
    // (Smith, 2020), (Smith et al. 2019), (Smith and Jones, 2021)
    String.raw`\(\p{Lu}[\p{L}'-]+(?:\s+et\s+al\.?|\s+(?:and|&)\s+\p{Lu}[\p{L}'-]+)?,?\s+(?:1[89]|20)\d\d[a-z]?\)`,
    String.raw`\[\d{1,3}\]`,
    String.raw`\bdoi:\s*10\.\d`,
    String.raw`\b[Pp]ublished\s+in\s+(?:the\s+)?(?:journal\s+)?\p{Lu}`,
    String.raw`\bthe\s+journal\s+\p{Lu}`,
  ].join('|'),
  'gu', // case-sensitive: \p{Lu} would match any letter under the i flag
);
const REFERENCE_PHRASE_RE = new RegExp(
  [
    String.raw`\b(?:study|paper|report|research|article|survey|analysis|findings)\s+(?:was\s+|were\s+)?published\s+(?:in|by)\b`,
    String.raw`\bpeer[-\s]reviewed\b`,
    String.raw`\bin\s+a\s+(?:written\s+|joint\s+)?statement\b`,
    String.raw`\bpress\s+release\b`,
    String.raw`\bcourt\s+(?:documents|records|filings)\b`,
    String.raw`\bofficial\s+(?:data|figures|statistics|records)\b`,
  ].join('|'),
  'gi',
);

/** Hints, near a vague credit, that a source is named after all: "experts say, citing the CDC". */
const NAMED_SOURCE_HINT_RE = new RegExp(
  [
    String.raw`\b[Aa]ccording\s+to\s+(?:the\s+|a\s+|an\s+)?\p{Lu}`,
    String.raw`\b(?:at|from|of|by|with|citing|told)\s+(?:the\s+)?\p{Lu}\p{L}`,
    String.raw`\bpublished\s+in\b`,
    String.raw`\bhttps?:\/\/`,
    String.raw`\(\p{Lu}[\p{L}'-]+(?:\s+et\s+al\.?)?,?\s+(?:1[89]|20)\d\d\)`,
  ].join('|'),
  'u',
);

// ---------------------------------------------------------------------------------------------
// Measurements.

interface Match {
  text: string;
  start: number;
  end: number;
}

function findAll(re: RegExp, text: string): Match[] {
  const matches: Match[] = [];
  for (const m of text.matchAll(re)) {
    matches.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  }
  return matches;
}

function countWords(text: string): number {
  let n = 0;
  for (const _ of text.matchAll(WORD_RE)) n++;
  return n;
}

function findQuotes(text: string): Match[] {
  // A quote must hold at least one letter or digit; `""` or `" - "` is not a passage.
  return findAll(QUOTE_RE, text).filter((q) => /[\p{L}\p{N}]/u.test(q.text));
}

function countExclamationRuns(text: string): number {
  let n = 0;
  for (const m of text.matchAll(EXCLAMATION_RUN_RE)) if (/[!！¡]/.test(m[0])) n++;
  return n;
}

/**
 * Share of words of two or more letters written in capitals, leaving out known acronyms. Words of
 * two or three letters count only next to another capitalised word that is no known acronym (a
 * shouted run), which keeps unknown short acronyms ("NHS", "GDP") out while "THIS IS A SCAM" still
 * counts in full.
 */
function allCapsRatio(text: string): { ratio: number; words: number } {
  const kinds: CapsKind[] = [];
  for (const m of text.matchAll(WORD_RE)) {
    const raw = m[0];
    const word = raw.includes("'") || raw.includes('’') ? raw.replace(/['’]/g, '') : raw;
    if (word.length < 2) continue;
    // Fast path: a word starting in lower case is not in capitals.
    const first = word[0] ?? '';
    if (first !== first.toUpperCase()) {
      kinds.push('none');
      continue;
    }
    const upper = word.toUpperCase();
    if (word !== upper || word === word.toLowerCase()) kinds.push('none');
    else if (ACRONYMS.has(upper)) kinds.push('acronym');
    else kinds.push(word.length <= 3 ? 'short' : 'long');
  }
  const shouts = (kind: CapsKind | undefined): boolean => kind === 'short' || kind === 'long';
  let shouted = 0;
  for (let i = 0; i < kinds.length; i++) {
    const kind = kinds[i];
    if (kind === 'long') shouted++;
    else if (kind === 'short' && (shouts(kinds[i - 1]) || shouts(kinds[i + 1]))) shouted++;
  }
  return { ratio: kinds.length === 0 ? 0 : shouted / kinds.length, words: kinds.length };
}

/** How a word is capitalised: not all caps, a known acronym, or shouting of 2-3 or 4+ letters. */
type CapsKind = 'none' | 'acronym' | 'short' | 'long';

function clickbaitPatterns(title: string): string[] {
  if (title === '') return [];
  const found: string[] = [];
  if (LISTICLE_RE.test(title)) found.push('numbered list');
  if (TEASER_RE.test(title)) found.push('teaser phrase');
  if (/\?\s*$/.test(title)) found.push('question');
  if (/!/.test(title)) found.push('exclamation');
  const caps = allCapsRatio(title);
  if (caps.ratio >= 0.3 && caps.ratio * caps.words >= 2) found.push('shouting');
  return found;
}

const LISTICLE_RE =
  /^\s*(?:the\s+|these\s+)?\d{1,3}\s+(?:[\p{L}-]+\s+){0,3}?(?:things|ways|reasons|facts|tips|tricks|signs|secrets|photos|pictures|pics|times|people|celebrities|foods|habits|mistakes|questions|myths|lessons|rules|moments|hacks|products|places|words|celebs|stars|shows|movies|songs|details|clues|truths)\b/iu;
const TEASER_RE = phraseRegex(
  phrases(`
    you won't believe | you will not believe | you wont believe | you'll never guess |
    you will never guess | what happened next | what happens next | will blow your mind |
    blow your mind | this is why | here's why | here is why | this is what | here's what |
    here is what | the reason why | the real reason | the truth about | everything you need to know |
    they don't want you to know | don't want you to know | you need to know | you should know |
    goes viral | breaking the internet | broke the internet | wait till you see | wait 'til you see |
    nobody is talking about | no one is talking about | will make you | one simple trick |
    one weird trick | doctors hate | what they found | this one | is shocking | shocking |
    jaw-dropping | mind-blowing | unbelievable | omg | must see | must-see | exposed |
    finally revealed | revealed: | breaking: | breaking news | breaking!
  `),
  'iu', // not global: used with test(), which would otherwise carry lastIndex between calls
);

/** Whether a named source appears in the same sentence, within 100 characters of a vague credit. */
function namedSourceNearby(text: string, m: Match): boolean {
  let from = Math.max(0, m.start - 100);
  let to = Math.min(text.length, m.end + 100);
  const before = text.slice(from, m.start);
  const cut = Math.max(before.lastIndexOf('. '), before.lastIndexOf('\n'), before.lastIndexOf('! '));
  if (cut !== -1) from += cut + 1;
  const after = text.slice(m.end, to);
  const stop = after.search(/[.!?](?:\s|$)|\n/);
  if (stop !== -1) to = m.end + stop;
  return NAMED_SOURCE_HINT_RE.test(text.slice(from, m.start) + ' ' + text.slice(m.end, to));
}

/**
 * Counts attributions and references: quotes with a speaker, named speakers, "according to X",
 * links and citations. Overlapping evidence (`"...," said Smith` is a quote, a speech verb and a
 * name) counts once.
 */
function countSources(text: string, quotes: Match[]): number {
  const spans: [number, number][] = [];
  for (const q of quotes) {
    const after = QUOTE_ATTRIBUTION_AFTER_RE.exec(text.slice(q.end, q.end + 60));
    if (after) {
      spans.push([q.start, q.end + after[0].length]);
      continue;
    }
    const window = text.slice(Math.max(0, q.start - 60), q.start);
    const before = QUOTE_ATTRIBUTION_BEFORE_RE.exec(window);
    if (before) spans.push([q.start - (window.length - before.index), q.end]);
  }
  for (const re of [NAMED_SPEAKER_RE, SPEAKER_AFTER_VERB_RE]) {
    for (const m of text.matchAll(re)) {
      const name = (m[1] ?? '').replace(/[.'’]+$/, '').toLowerCase();
      if (!NOT_NAMES.has(name)) spans.push([m.index, m.index + m[0].length]);
    }
  }
  for (const re of [ACCORDING_TO_RE, REFERENCE_RE, REFERENCE_PHRASE_RE]) {
    for (const m of text.matchAll(re)) spans.push([m.index, m.index + m[0].length]);
  }
  spans.sort((a, b) => a[0] - b[0]);
  let count = 0;
  let end = -1;
  for (const [s, e] of spans) {
    if (s > end) count++;
    end = Math.max(end, e);
  }
  return count;
}

// ---------------------------------------------------------------------------------------------
// Formatting.

function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function percent(ratio: number): string {
  return `${round(ratio * 100, 1)}%`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Up to three distinct matched phrases, quoted, for a description. */
function examples(matches: Match[]): string {
  const distinct = [...new Set(matches.map((m) => m.text.toLowerCase().replace(/\s+/g, ' ')))];
  const shown = distinct.slice(0, 3).map((t) => `"${t}"`);
  return distinct.length > 3 ? `${shown.join(', ')}, ...` : shown.join(', ');
}
