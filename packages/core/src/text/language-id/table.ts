import {
  BYTE_SYMBOL_COUNT,
  FORMAT_VERSION,
  HEADER_FIELDS,
  LANGUAGE_CODE_BYTES,
  LETTER_BITMAP_BYTES,
  MAGIC,
  MAX_KEY_SYMBOLS,
  POSTING_START_BITS,
  SOURCE_LABEL_BYTES,
  SOURCE_LABEL_OFFSET,
  sectionOffsets,
  type TableHeader,
} from './table-format.ts';

const POSTING_START_MASK = (1 << POSTING_START_BITS) - 1;

/** A file that is not a language table, or a damaged one. */
export class LanguageTableError extends Error {}

/**
 * The language identifier's n-gram table, read in place from a buffer in the format of
 * table-format.ts. The typed arrays are views, not copies: a SharedArrayBuffer handed to a worker
 * thread gives that thread the same memory. Checked once when opened, so a damaged file is refused
 * with a clear error rather than giving wrong scores.
 */
export class LanguageTable {
  readonly languages: readonly string[];
  readonly scoreOffset: number;
  /** Where the data came from, e.g. "eld 2.1.0 small (S60)". */
  readonly sourceLabel: string;
  /** The symbol eld writes for each UTF-8 byte 0x80..0xFF (index: byte − 0x80). */
  readonly byteSymbols: Uint8Array;
  readonly slotKeys: Float64Array;
  readonly slotPostings: Uint32Array;
  readonly postingLanguages: Uint8Array;
  readonly postingScores: Uint8Array;
  readonly slotMask: number;
  readonly maxKeySymbols: number;
  private readonly letters: Uint8Array;

  constructor(readonly buffer: ArrayBufferLike) {
    if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) {
      throw new LanguageTableError('the language table needs a little-endian machine');
    }
    const header = readHeader(buffer);
    const offsets = sectionOffsets(header);
    if (buffer.byteLength !== offsets.end) {
      throw new LanguageTableError(`language table is ${buffer.byteLength} bytes, expected ${offsets.end}`);
    }
    this.languages = readLanguageCodes(buffer, offsets.languages, header.languageCount);
    this.scoreOffset = header.scoreOffset;
    this.sourceLabel = header.sourceLabel;
    this.maxKeySymbols = header.maxKeySymbols;
    this.byteSymbols = new Uint8Array(buffer, offsets.byteSymbols, BYTE_SYMBOL_COUNT);
    this.letters = new Uint8Array(buffer, offsets.letters, LETTER_BITMAP_BYTES);
    this.slotKeys = new Float64Array(buffer, offsets.slotKeys, header.slotCount);
    this.slotPostings = new Uint32Array(buffer, offsets.slotPostings, header.slotCount);
    this.postingLanguages = new Uint8Array(buffer, offsets.postingLanguages, header.postingCount);
    this.postingScores = new Uint8Array(buffer, offsets.postingScores, header.postingCount);
    this.slotMask = header.slotCount - 1;
    this.checkPostings(header.ngramCount);
  }

  /** True for a BMP code unit eld counts as a letter (surrogates never are). */
  isLetter(code: number): boolean {
    return (this.letters[code >>> 3] & (1 << (code & 7))) !== 0;
  }

  /** The n-gram's slot posting word (see postingStart/postingCount), or 0 when it is not in the table. */
  find(key: number, hash: number): number {
    const keys = this.slotKeys;
    const mask = this.slotMask;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const stored = keys[slot];
      if (stored === key) return this.slotPostings[slot];
      if (stored === 0) return 0;
    }
  }

  private checkPostings(ngramCount: number): void {
    let used = 0;
    let postings = 0;
    const postingTotal = this.postingLanguages.length;
    for (let slot = 0; slot < this.slotKeys.length; slot++) {
      if (this.slotKeys[slot] === 0) continue;
      const word = this.slotPostings[slot];
      const start = postingStart(word);
      const count = postingCount(word);
      if (count === 0 || start + count > postingTotal) {
        throw new LanguageTableError(`language table slot ${slot} points outside its postings`);
      }
      used++;
      postings += count;
    }
    if (used !== ngramCount || postings !== postingTotal) {
      throw new LanguageTableError('language table counts do not match its contents');
    }
    for (const language of this.postingLanguages) {
      if (language >= this.languages.length) {
        throw new LanguageTableError(`language table names language ${language} of ${this.languages.length}`);
      }
    }
  }
}

export function postingStart(word: number): number {
  return word & POSTING_START_MASK;
}

export function postingCount(word: number): number {
  return word >>> POSTING_START_BITS;
}

function readHeader(buffer: ArrayBufferLike): TableHeader {
  if (buffer.byteLength < SOURCE_LABEL_OFFSET + SOURCE_LABEL_BYTES) {
    throw new LanguageTableError('language table is too short to have a header');
  }
  const bytes = new Uint8Array(buffer);
  const magic = String.fromCharCode(...bytes.subarray(0, MAGIC.length));
  if (magic !== MAGIC) throw new LanguageTableError('not a language table (wrong magic)');
  const view = new DataView(buffer);
  const header = { sourceLabel: '' } as TableHeader;
  HEADER_FIELDS.forEach((field, i) => {
    header[field] = view.getUint32(MAGIC.length + i * 4, true);
  });
  if (header.formatVersion !== FORMAT_VERSION) {
    throw new LanguageTableError(`language table format ${header.formatVersion}, expected ${FORMAT_VERSION}`);
  }
  const { slotCount, languageCount, maxKeySymbols } = header;
  if (slotCount === 0 || (slotCount & (slotCount - 1)) !== 0 || slotCount < header.ngramCount) {
    throw new LanguageTableError('language table slot count is not a power of two above its n-grams');
  }
  if (languageCount === 0 || languageCount > 256) {
    throw new LanguageTableError(`language table has ${languageCount} languages (1 to 256)`);
  }
  if (maxKeySymbols < 1 || maxKeySymbols > MAX_KEY_SYMBOLS) {
    throw new LanguageTableError(`language table n-grams of ${maxKeySymbols} symbols are not supported`);
  }
  const label = bytes.subarray(SOURCE_LABEL_OFFSET, SOURCE_LABEL_OFFSET + SOURCE_LABEL_BYTES);
  header.sourceLabel = String.fromCharCode(...label.subarray(0, nulIndex(label))).trim();
  return header;
}

function readLanguageCodes(buffer: ArrayBufferLike, offset: number, count: number): string[] {
  const codes: string[] = [];
  for (let i = 0; i < count; i++) {
    const field = new Uint8Array(buffer, offset + i * LANGUAGE_CODE_BYTES, LANGUAGE_CODE_BYTES);
    const code = String.fromCharCode(...field.subarray(0, nulIndex(field)));
    if (!/^[a-z]{2,3}$/.test(code)) throw new LanguageTableError(`language table code ${i} is not a code`);
    codes.push(code);
  }
  return codes;
}

function nulIndex(bytes: Uint8Array): number {
  const index = bytes.indexOf(0);
  return index === -1 ? bytes.length : index;
}
