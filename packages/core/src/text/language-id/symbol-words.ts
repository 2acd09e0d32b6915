/**
 * eld 2.1.0's byte encoding (strToUtf8Bytes in its languageDetector.js, Apache-2.0, Nito T.M.): the
 * prepared text as UTF-8, one symbol per byte (ASCII bytes as themselves, bytes 0x80..0xFF through
 * the table's byte symbols), split into words at spaces. eld reads about 350 bytes: it stops at the
 * first space after byte 350, or after whatever character passes byte 380; spaces count as bytes.
 *
 * Words are written into one reused buffer, each with a space symbol before and after it, so that
 * every n-gram eld builds (" " + the start of a word, its middle, its end + " ") is one contiguous
 * range of the buffer and nothing is allocated per text.
 */
const SPACE = 0x20;
const CUT_AT_SPACE_AFTER_BYTES = 350;
const CUT_AFTER_BYTES = 380;
/** At most 384 bytes are read (a 4-byte character after byte 380), with a space around each word. */
const SYMBOL_CAPACITY = 1024;
const WORD_CAPACITY = 512;

export class SymbolWords {
  readonly symbols = new Uint8Array(SYMBOL_CAPACITY);
  /** Word i is symbols[starts[i]] up to (not including) symbols[ends[i]]. */
  readonly starts = new Uint16Array(WORD_CAPACITY);
  readonly ends = new Uint16Array(WORD_CAPACITY);
  count = 0;

  /** Encodes `text` (already prepared: see prepare-text.ts) as eld does. */
  read(text: string, byteSymbols: Uint8Array): void {
    const symbols = this.symbols;
    // byteSymbols is indexed by the UTF-8 byte less 0x80: lead bytes 0xC0/0xE0/0xF0 become 0x40/0x60/0x70.
    let at = 0;
    symbols[at++] = SPACE;
    let wordStart = at;
    let bytes = 0;
    this.count = 0;
    for (let i = 0; i < text.length; i++) {
      let code = text.charCodeAt(i);
      if (code < 0x80) {
        if (code === SPACE) {
          if (at > wordStart) {
            this.endWord(wordStart, at);
            symbols[at++] = SPACE;
            wordStart = at;
          }
          if (bytes > CUT_AT_SPACE_AFTER_BYTES) break;
        } else {
          symbols[at++] = code;
        }
        bytes++;
      } else if (code < 0x800) {
        symbols[at++] = byteSymbols[0x40 | (code >> 6)];
        symbols[at++] = byteSymbols[code & 0x3f];
        bytes += 2;
      } else if (code < 0xd800 || code >= 0xe000) {
        symbols[at++] = byteSymbols[0x60 | (code >> 12)];
        symbols[at++] = byteSymbols[(code >> 6) & 0x3f];
        symbols[at++] = byteSymbols[code & 0x3f];
        bytes += 3;
      } else {
        // A surrogate: eld pairs it with the next code unit, whatever that is (prepared text has
        // no surrogates, since eld's letters are all in the BMP; kept for the same result anyway).
        i++;
        code = 0x10000 + (((code & 0x3ff) << 10) | (text.charCodeAt(i) & 0x3ff));
        symbols[at++] = byteSymbols[0x70 | (code >> 18)];
        symbols[at++] = byteSymbols[(code >> 12) & 0x3f];
        symbols[at++] = byteSymbols[(code >> 6) & 0x3f];
        symbols[at++] = byteSymbols[code & 0x3f];
        bytes += 4;
      }
      if (bytes > CUT_AFTER_BYTES) break;
    }
    if (at > wordStart) {
      this.endWord(wordStart, at);
      symbols[at] = SPACE;
    }
  }

  private endWord(start: number, end: number): void {
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.count++;
  }
}
