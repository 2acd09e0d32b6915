/** Which BMP code units count as letters (eld's letter class; see LanguageTable). */
export interface LetterClass {
  isLetter(code: number): boolean;
}

/**
 * eld 2.1.0's text preparation (textProcessor in its languageDetector.js, Apache-2.0, Nito T.M.),
 * without its regular expression: every run of non-letters becomes one space, except apostrophes
 * (' ` ’) that end a run, which stay ("don’t" keeps its apostrophe). Then the text is trimmed and
 * lowercased. `letters` is eld's letter class, read from the language table.
 *
 * eld does this with `[^letters]+(?<![\x27\x60\u2019])` in Unicode mode: the greedy run backs off
 * until its last code point is not an apostrophe, so the part replaced is the run up to its last
 * non-apostrophe, and the apostrophes after it are kept. A run of apostrophes only is kept whole.
 * Code points outside the BMP (emoji, astral letters) are never letters, so walking code units
 * instead of code points gives the same runs: neither half of a surrogate pair is a letter or an
 * apostrophe.
 */
export function prepareText(text: string, letters: LetterClass): string {
  let prepared = '';
  let keptFrom = 0;
  let i = 0;
  while (i < text.length) {
    if (letters.isLetter(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const runStart = i;
    let replaceEnd = -1;
    while (i < text.length) {
      const code = text.charCodeAt(i);
      if (letters.isLetter(code)) break;
      i++;
      if (!isApostrophe(code)) replaceEnd = i;
    }
    if (replaceEnd !== -1) {
      prepared += text.slice(keptFrom, runStart) + ' ';
      keptFrom = replaceEnd;
    }
  }
  prepared += text.slice(keptFrom);
  return prepared.trim().toLowerCase();
}

function isApostrophe(code: number): boolean {
  return code === 0x27 || code === 0x60 || code === 0x2019;
}
