import { readFileSync } from 'node:fs';
import { eld } from 'eld/small';
import { beforeAll, describe, expect, it } from 'vitest';
import { eldTableSource } from '../scripts/eld-source.ts';
import {
  LANGUAGE_TABLE_PATH,
  languageIdentifier,
  languageTableBuffer,
  useLanguageTableBuffer,
} from '../src/models/language-table.ts';
import { LanguageIdentifier } from '../src/text/language-id/identifier.ts';
import {
  HEADER_BYTES,
  MAGIC,
  ngramHash,
  ngramKey,
  sectionOffsets,
} from '../src/text/language-id/table-format.ts';
import { writeLanguageTable, type LanguageTableSource } from '../src/text/language-id/table-writer.ts';
import {
  LanguageTable,
  LanguageTableError,
  postingCount,
  postingStart,
} from '../src/text/language-id/table.ts';
import { LANGUAGE_SAMPLES } from './fixtures/language-samples.ts';
import { variedTexts } from './fixtures/varied-texts.ts';

// eld stays installed for this comparison and for the compile script; the product no longer imports it.
const reference = eld.newInstance();

function eldResult(text: string) {
  const result = reference.detect(text);
  return { language: result.language, scores: Object.entries(result.getScores()) };
}

function ourResult(identifier: LanguageIdentifier, text: string) {
  const result = identifier.identify(text);
  return { language: result.language, scores: result.scores.map((s) => [s.language, s.score]) };
}

describe('language identifier, against eld 2.1.0 detect()', () => {
  const texts = variedTexts();

  it(`gives the same language and the same scores for ${texts.length} varied texts`, () => {
    const identifier = languageIdentifier();
    const differences: string[] = [];
    const languagesSeen = new Set<string>();
    for (const text of texts) {
      const expected = eldResult(text);
      languagesSeen.add(expected.language);
      // JSON writes each double in its shortest exact form: equal strings mean the very same scores.
      if (!equal(ourResult(identifier, text), expected)) differences.push(JSON.stringify(text).slice(0, 120));
    }
    expect(texts.length).toBeGreaterThan(3000);
    expect(differences.slice(0, 5)).toEqual([]);
    // The texts reach every language eld knows, and texts with no known n-gram ('').
    for (const language of Object.keys(LANGUAGE_SAMPLES)) expect(languagesSeen).toContain(language);
    expect(languagesSeen).toContain('');
  });

  it('names each sample’s language with the same scores as eld, and so does a fresh identifier', () => {
    const fresh = new LanguageIdentifier(
      new LanguageTable(new Uint8Array(readFileSync(LANGUAGE_TABLE_PATH)).buffer),
    );
    for (const [language, sentences] of Object.entries(LANGUAGE_SAMPLES)) {
      const text = sentences.join(' ');
      const ours = ourResult(fresh, text);
      expect(ours, language).toEqual(eldResult(text));
      expect(ours.scores[0]?.[1], language).toBeGreaterThan(0);
    }
  });
});

describe('language table file', () => {
  let source: LanguageTableSource;
  let built: Uint8Array;
  beforeAll(async () => {
    source = await eldTableSource();
    built = writeLanguageTable(source);
  });

  it('is what the compile script builds from eld, byte for byte, every time', () => {
    expect(Buffer.from(writeLanguageTable(source)).equals(built)).toBe(true);
    expect(Buffer.from(built).equals(readFileSync(LANGUAGE_TABLE_PATH))).toBe(true);
  });

  it('holds every n-gram and score of eld’s small database', () => {
    const table = new LanguageTable(built.slice().buffer);
    expect(table.languages).toEqual(source.languages);
    expect(table.sourceLabel).toBe('eld 2.1.0 small (S60)');
    expect(table.scoreOffset).toBe(53);
    expect(source.ngrams.size).toBe(81_206);
    expect(table.postingLanguages.length).toBe(141_339);
    // Every entry is found, through the lookup identify() uses, with exactly its postings.
    const symbols = new Uint8Array(8);
    const wrong: string[] = [];
    for (const [ngram, postings] of source.ngrams) {
      for (let i = 0; i < ngram.length; i++) symbols[i] = ngram.charCodeAt(i);
      const found = lookup(table, symbols, ngram.length);
      if (
        !equal(
          found,
          [...postings].sort((a, b) => a[0] - b[0]),
        )
      )
        wrong.push(ngram);
    }
    expect(wrong).toEqual([]);
  });

  it('is 1–2 MB', () => {
    const size = readFileSync(LANGUAGE_TABLE_PATH).length;
    expect(size).toBeGreaterThan(1e6);
    expect(size).toBeLessThan(2e6);
  });

  it('refuses damaged or foreign files with a clear error', () => {
    const good = built;
    const table = new LanguageTable(good.slice().buffer);
    const offsets = sectionOffsets({
      languageCount: table.languages.length,
      slotCount: table.slotKeys.length,
      postingCount: table.postingLanguages.length,
    });
    const damaged = (change: (bytes: Uint8Array) => Uint8Array) => () =>
      new LanguageTable(change(new Uint8Array(good)).slice().buffer);
    expect(damaged((b) => b.subarray(0, 10))).toThrow(/too short/);
    expect(damaged((b) => b.fill(0, 0, MAGIC.length))).toThrow(/not a language table/);
    expect(damaged((b) => b.fill(9, 8, 9))).toThrow(/format 9, expected 1/);
    expect(damaged((b) => b.subarray(0, b.length - 8))).toThrow(`expected ${good.length}`);
    expect(damaged((b) => b.fill(200, offsets.postingLanguages, offsets.postingScores))).toThrow(
      'names language 200 of 60',
    );
    expect(damaged((b) => b.fill(0xff, offsets.slotPostings, offsets.postingLanguages))).toThrow(
      LanguageTableError,
    );
    expect(damaged((b) => b.fill(0xff, HEADER_BYTES, HEADER_BYTES + 1))).toThrow(/code 0 is not a code/);
  });
});

describe('language table loader', () => {
  it('refuses a buffer that is not a table, and keeps the one it has', () => {
    const before = languageTableBuffer();
    expect(() => useLanguageTableBuffer(new SharedArrayBuffer(4096))).toThrow(
      'cannot load the language table handed to this thread: not a language table (wrong magic)',
    );
    expect(languageTableBuffer()).toBe(before);
    expect(languageIdentifier().identify('Buenos días, ¿cómo estás hoy?').language).toBe('es');
  });
});

function lookup(table: LanguageTable, symbols: Uint8Array, length: number): Array<[number, number]> {
  const word = table.find(ngramKey(symbols, 0, length), ngramHash(symbols, 0, length));
  const postings: Array<[number, number]> = [];
  for (let p = postingStart(word); p < postingStart(word) + postingCount(word); p++) {
    postings.push([table.postingLanguages[p]!, table.postingScores[p]!]);
  }
  return postings;
}

function equal(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
