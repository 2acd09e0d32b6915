import { FNV_OFFSET, fnvStep, mix32 } from '../hash.ts';

/**
 * Layout of the language identifier's n-gram table (packages/core/models/language-ngrams.bin),
 * shared by the writer (table-writer.ts) and the reader (table.ts). All numbers are little-endian;
 * every section starts on an 8-byte boundary so typed arrays can view it in place, without a copy,
 * in whatever thread holds the (shared) buffer.
 *
 *   header        HEADER_BYTES: magic, format version, counts (HEADER_FIELDS), source label
 *   languages     languageCount × LANGUAGE_CODE_BYTES ASCII codes, NUL-padded
 *   byte symbols  128 bytes: the symbol eld writes for each UTF-8 byte 0x80..0xFF
 *   letters       8,192 bytes: a bitmap of the BMP code points eld keeps as letters
 *   slot keys     slotCount × float64: an n-gram's packed key (ngramKey), 0 for an empty slot
 *   slot postings slotCount × uint32: first posting (low 24 bits) and posting count (high 8 bits)
 *   posting langs postingCount × uint8: language index
 *   posting score postingCount × uint8: eld's score, without the constant scoreOffset
 *
 * Slots form an open-addressing hash table with linear probing from `ngramHash(key) & (slotCount - 1)`.
 */
export const MAGIC = 'TAILANG\u0000';
export const FORMAT_VERSION = 1;
export const HEADER_BYTES = 96;
export const SOURCE_LABEL_OFFSET = 40;
export const SOURCE_LABEL_BYTES = HEADER_BYTES - SOURCE_LABEL_OFFSET;
export const LANGUAGE_CODE_BYTES = 4;
export const BYTE_SYMBOL_COUNT = 128;
export const LETTER_BITMAP_BYTES = 0x10000 / 8;
/** Longest n-gram a packed key holds: 6 symbols of 8 bits and a 3-bit length stay below 2^53. */
export const MAX_KEY_SYMBOLS = 6;
/** A slot's posting count lives in the top 8 bits of its uint32, the first posting in the rest. */
export const POSTING_START_BITS = 24;
export const MAX_POSTINGS_PER_NGRAM = 0xff;

/** uint32 fields after the 8-byte magic, in file order. */
export const HEADER_FIELDS = [
  'formatVersion',
  'languageCount',
  'ngramCount',
  'slotCount',
  'postingCount',
  'scoreOffset',
  'maxKeySymbols',
  'reserved',
] as const;
export type HeaderField = (typeof HEADER_FIELDS)[number];
export type TableHeader = Record<HeaderField, number> & { sourceLabel: string };

export interface SectionOffsets {
  languages: number;
  byteSymbols: number;
  letters: number;
  slotKeys: number;
  slotPostings: number;
  postingLanguages: number;
  postingScores: number;
  /** Total file length. */
  end: number;
}

function align8(offset: number): number {
  return Math.ceil(offset / 8) * 8;
}

/** Where each section starts, from the header's counts. */
export function sectionOffsets(
  header: Pick<TableHeader, 'languageCount' | 'slotCount' | 'postingCount'>,
): SectionOffsets {
  const languages = HEADER_BYTES;
  const byteSymbols = align8(languages + header.languageCount * LANGUAGE_CODE_BYTES);
  const letters = byteSymbols + BYTE_SYMBOL_COUNT;
  const slotKeys = align8(letters + LETTER_BITMAP_BYTES);
  const slotPostings = slotKeys + header.slotCount * 8;
  const postingLanguages = slotPostings + header.slotCount * 4;
  const postingScores = postingLanguages + header.postingCount;
  const end = align8(postingScores + header.postingCount);
  return { languages, byteSymbols, letters, slotKeys, slotPostings, postingLanguages, postingScores, end };
}

/**
 * A unique number for the n-gram of `length` (1..MAX_KEY_SYMBOLS) symbols at `symbols[start]`:
 * the symbols as base-256 digits, times 8, plus the length. Never 0, which marks an empty slot.
 */
export function ngramKey(symbols: Uint8Array, start: number, length: number): number {
  let key = 0;
  for (let i = start + length - 1; i >= start; i--) key = key * 256 + symbols[i];
  return key * 8 + length;
}

/** The 32-bit hash that places an n-gram in the table (and in the identifier's scratch set). */
export function ngramHash(symbols: Uint8Array, start: number, length: number): number {
  let hash = fnvStep(FNV_OFFSET, length);
  for (let i = start; i < start + length; i++) hash = fnvStep(hash, symbols[i]);
  return mix32(hash) >>> 0;
}
