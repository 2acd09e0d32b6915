import {
  BYTE_SYMBOL_COUNT,
  FORMAT_VERSION,
  HEADER_FIELDS,
  LANGUAGE_CODE_BYTES,
  LETTER_BITMAP_BYTES,
  MAGIC,
  MAX_KEY_SYMBOLS,
  MAX_POSTINGS_PER_NGRAM,
  POSTING_START_BITS,
  SOURCE_LABEL_BYTES,
  SOURCE_LABEL_OFFSET,
  ngramHash,
  ngramKey,
  sectionOffsets,
  type HeaderField,
} from './table-format.ts';

/** What a language table holds, before it is laid out (see table-format.ts). */
export interface LanguageTableSource {
  sourceLabel: string;
  /** Language codes by index. */
  languages: readonly string[];
  /** Added to every stored score when scoring (eld stores scores less its minimum, 53). */
  scoreOffset: number;
  /** The symbol for each UTF-8 byte 0x80..0xFF. */
  byteSymbols: Uint8Array;
  /** Bitmap of the BMP code points kept as letters. */
  letters: Uint8Array;
  /** n-gram (its symbols as char codes 0..255) → [language index, score] pairs. */
  ngrams: ReadonlyMap<string, ReadonlyArray<readonly [number, number]>>;
}

/** Slots per n-gram at least: a load of at most ~0.62 keeps linear probing short. */
const MIN_SLOTS_PER_NGRAM = 1.6;

/**
 * Lays a table out as one file. The output depends only on the source's contents (n-grams are
 * placed in sorted order, postings sorted by language), so rebuilding gives the same bytes.
 */
export function writeLanguageTable(source: LanguageTableSource): Uint8Array {
  const ngrams = [...source.ngrams.keys()].sort();
  const postingCount = ngrams.reduce((n, ngram) => n + (source.ngrams.get(ngram)?.length ?? 0), 0);
  checkSource(source, ngrams, postingCount);
  let slotCount = 1;
  while (slotCount < ngrams.length * MIN_SLOTS_PER_NGRAM) slotCount *= 2;
  const header: Record<HeaderField, number> = {
    formatVersion: FORMAT_VERSION,
    languageCount: source.languages.length,
    ngramCount: ngrams.length,
    slotCount,
    postingCount,
    scoreOffset: source.scoreOffset,
    maxKeySymbols: Math.max(...ngrams.map((ngram) => ngram.length)),
    reserved: 0,
  };
  const offsets = sectionOffsets(header);
  const buffer = new ArrayBuffer(offsets.end);
  const bytes = new Uint8Array(buffer);
  const view = new DataView(buffer);

  bytes.set(asciiBytes(MAGIC), 0);
  HEADER_FIELDS.forEach((field, i) => view.setUint32(MAGIC.length + i * 4, header[field], true));
  bytes.set(asciiBytes(source.sourceLabel), SOURCE_LABEL_OFFSET);
  source.languages.forEach((code, i) =>
    bytes.set(asciiBytes(code), offsets.languages + i * LANGUAGE_CODE_BYTES),
  );
  bytes.set(source.byteSymbols, offsets.byteSymbols);
  bytes.set(source.letters, offsets.letters);

  const mask = slotCount - 1;
  let nextPosting = 0;
  for (const ngram of ngrams) {
    const symbols = Uint8Array.from(ngram, (ch) => ch.charCodeAt(0));
    let slot = ngramHash(symbols, 0, symbols.length) & mask;
    while (view.getFloat64(offsets.slotKeys + slot * 8, true) !== 0) slot = (slot + 1) & mask;
    const postings = [...(source.ngrams.get(ngram) ?? [])].sort((a, b) => a[0] - b[0]);
    view.setFloat64(offsets.slotKeys + slot * 8, ngramKey(symbols, 0, symbols.length), true);
    view.setUint32(
      offsets.slotPostings + slot * 4,
      (nextPosting | (postings.length << POSTING_START_BITS)) >>> 0,
      true,
    );
    for (const [language, score] of postings) {
      bytes[offsets.postingLanguages + nextPosting] = language;
      bytes[offsets.postingScores + nextPosting] = score;
      nextPosting++;
    }
  }
  return bytes;
}

function checkSource(source: LanguageTableSource, ngrams: readonly string[], postingCount: number): void {
  const fail = (message: string): never => {
    throw new Error(`cannot write the language table: ${message}`);
  };
  if (source.byteSymbols.length !== BYTE_SYMBOL_COUNT) fail(`${BYTE_SYMBOL_COUNT} byte symbols expected`);
  if (source.letters.length !== LETTER_BITMAP_BYTES)
    fail(`a ${LETTER_BITMAP_BYTES}-byte letter bitmap expected`);
  if (!/^[\x20-\x7e]*$/.test(source.sourceLabel) || source.sourceLabel.length > SOURCE_LABEL_BYTES) {
    fail(`source label must be printable ASCII of at most ${SOURCE_LABEL_BYTES} characters`);
  }
  if (source.languages.length === 0 || source.languages.length > 256) fail('1 to 256 languages expected');
  if (source.languages.some((code) => !/^[a-z]{2,3}$/.test(code))) fail('language codes must be 2–3 letters');
  if (!Number.isInteger(source.scoreOffset) || source.scoreOffset < 0)
    fail('score offset must be an integer');
  if (postingCount >= 2 ** POSTING_START_BITS) fail('too many postings');
  for (const ngram of ngrams) {
    if (ngram.length === 0 || ngram.length > MAX_KEY_SYMBOLS) fail(`n-gram of ${ngram.length} symbols`);
    if ([...ngram].some((ch) => ch.charCodeAt(0) > 0xff || ch.length !== 1)) fail('n-gram symbol above 0xff');
    const postings = source.ngrams.get(ngram) ?? [];
    if (postings.length === 0 || postings.length > MAX_POSTINGS_PER_NGRAM) fail('1 to 255 postings expected');
    const seen = new Set<number>();
    for (const [language, score] of postings) {
      if (!Number.isInteger(language) || language < 0 || language >= source.languages.length) {
        fail(`posting of unknown language ${language}`);
      }
      if (seen.has(language)) fail('a language twice in one n-gram');
      seen.add(language);
      if (!Number.isInteger(score) || score < 0 || score > 0xff) fail(`score ${score} outside 0..255`);
    }
  }
}

/** `text` is ASCII (checked in checkSource). */
function asciiBytes(text: string): Uint8Array {
  return Uint8Array.from(text, (ch) => ch.charCodeAt(0));
}
