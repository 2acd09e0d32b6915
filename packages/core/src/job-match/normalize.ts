/**
 * Tokens for skill and title matching. Unlike the classifier's tokenizer this one keeps the marks
 * that make a technology name ("C++", "C#", ".NET", "Node.js", "CI/CD" split into "ci" "cd") and
 * drops everything else, so that a gazetteer entry and a resume line normalise to the same tokens.
 */

export interface MatchTokens {
  /** Normalised (lower-case) token strings. */
  readonly words: string[];
  /** UTF-16 offset of each token in the source text. */
  readonly starts: number[];
  readonly ends: number[];
}

function isAlnum(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0x24f);
}

/**
 * Splits `text` into match tokens. A token is a run of letters and digits; "+" and "#" directly
 * after one stay with it (c++, c#, f#), and a "." between two letters or digits is kept (node.js,
 * asp.net, 3.5), as is a leading "." before letters (.net). Hyphens, slashes and other marks split.
 */
export function matchTokens(text: string): MatchTokens {
  const words: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    let start = i;
    if (
      c === 46 /* . */ &&
      i + 1 < n &&
      isAlnum(text.charCodeAt(i + 1)) &&
      (i === 0 || !isAlnum(text.charCodeAt(i - 1)))
    ) {
      // ".net": a leading dot is part of the name.
      i++;
      c = text.charCodeAt(i);
    } else if (!isAlnum(c)) {
      i++;
      continue;
    }
    i++;
    while (i < n) {
      const d = text.charCodeAt(i);
      if (isAlnum(d)) i++;
      else if (d === 46 && i + 1 < n && isAlnum(text.charCodeAt(i + 1))) i++;
      else break;
    }
    // Trailing "+" / "#" (C++, C#), not when followed by a letter ("a+b").
    while (
      i < n &&
      (text.charCodeAt(i) === 43 || text.charCodeAt(i) === 35) &&
      !isAlnum(text.charCodeAt(i + 1) || 32)
    )
      i++;
    if (text.charCodeAt(start) === 46 && i - start < 2) {
      start = i;
      continue;
    }
    words.push(text.slice(start, i).toLowerCase());
    starts.push(start);
    ends.push(i);
  }
  return { words, starts, ends };
}

/** The gazetteer key of a phrase: its match tokens joined by single spaces. */
export function phraseKey(phrase: string): string {
  return matchTokens(phrase).words.join(' ');
}

/** English function words and résumé boilerplate that carry no topic (left out of TF-IDF). */
export const STOPWORDS: ReadonlySet<string> = new Set(
  `a about above after again against all am an and any are as at be because been before being below
  between both but by can could did do does doing down during each few for from further had has have
  having he her here hers herself him himself his how i if in into is it its itself just me more most
  my myself no nor not now of off on once only or other our ours ourselves out over own same she should
  so some such than that the their theirs them themselves then there these they this those through to
  too under until up very was we were what when where which while who whom why will with would you your
  yours yourself also etc per via within across using used use including include includes well like
  able ability must may might shall us new work working worked years year months month experience
  experienced skills skill knowledge strong good excellent responsibilities responsible role team
  company details description project projects job ltd pvt limited inc`
    .split(/\s+/)
    .filter((w) => w !== ''),
);

/** Folds simple English plurals so that "databases" and "database" count as one term. */
export function termOf(word: string): string {
  const n = word.length;
  if (n > 4 && word.charCodeAt(n - 1) === 115 /* s */) {
    const prev = word.charCodeAt(n - 2);
    if (prev !== 115 && prev !== 117 /* us */ && prev !== 105 /* is */) {
      if (word.endsWith('ies') && n > 5) return word.slice(0, n - 3) + 'y';
      return word.slice(0, n - 1);
    }
  }
  return word;
}

/** True for tokens worth a TF-IDF dimension: not a stopword, not a bare number, not one letter. */
export function isContentWord(word: string): boolean {
  if (word.length < 2 && word !== 'c' && word !== 'r') return false;
  if (STOPWORDS.has(word)) return false;
  const c = word.charCodeAt(0);
  if (c >= 48 && c <= 57) {
    // Numbers and dates say nothing about the topic; "3d", "s3", "ec2" are kept.
    for (let i = 1; i < word.length; i++) {
      const d = word.charCodeAt(i);
      if (!(d >= 48 && d <= 57) && d !== 46) return true;
    }
    return false;
  }
  return true;
}
