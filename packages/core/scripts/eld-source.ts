/**
 * Reads eld's `small` n-gram database (node_modules/eld, Apache-2.0, Nito T.M.) into the shape the
 * language table writer takes. Build-time only (the compile script and the equivalence test): eld is
 * not imported by anything that runs in the product.
 *
 * eld does not export its data files, so they are imported by path, next to its `eld/small` entry.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { LanguageTableSource } from '../src/text/language-id/table-writer.ts';

interface EldNgramsData {
  type: string;
  languages: Record<string, string>;
  ngrams: Record<string, Record<string, number>>;
}

/** The eld version the identifier reimplements; another one may score differently. */
export const ELD_VERSION = '2.1.0';

const ELD_ENTRY = new URL(import.meta.resolve('eld/small'));

function eldFile(relative: string): URL {
  return new URL(relative, ELD_ENTRY);
}

async function importEld<T>(relative: string): Promise<T> {
  return (await import(eldFile(relative).href)) as T;
}

export async function eldTableSource(): Promise<LanguageTableSource> {
  const version = (JSON.parse(readFileSync(eldFile('../../package.json'), 'utf8')) as { version: string })
    .version;
  if (version !== ELD_VERSION) {
    throw new Error(`eld ${version} is installed; the identifier reimplements eld ${ELD_VERSION}`);
  }
  const { ngramsData } = await importEld<{ ngramsData: EldNgramsData }>('../ngrams/small.js');
  const { dictionary } = await importEld<{ dictionary: string[] }>('../dictionary.js');
  const { separators } = await importEld<{ separators: RegExp }>('../regexPatterns.js');

  const languages = Object.keys(ngramsData.languages)
    .map(Number)
    .sort((a, b) => a - b)
    .map((index, position) => {
      if (index !== position) throw new Error('eld language indexes are not 0..n-1');
      return ngramsData.languages[index] as string;
    });
  const ngrams = new Map<string, Array<readonly [number, number]>>();
  for (const [ngram, postings] of Object.entries(ngramsData.ngrams)) {
    ngrams.set(
      ngram,
      Object.entries(postings).map(([language, score]) => [Number(language), score] as const),
    );
  }
  return {
    sourceLabel: `eld ${version} small (${ngramsData.type})`,
    languages,
    scoreOffset: eldScoreOffset(),
    byteSymbols: Uint8Array.from(dictionary.slice(0x80), symbolCode),
    letters: letterBitmap(separators),
    ngrams,
  };
}

/** eld adds a constant to every stored score when scoring ("baseNgramScore"); read from its source. */
function eldScoreOffset(): number {
  const source = readFileSync(fileURLToPath(eldFile('../languageDetector.js')), 'utf8');
  const match = /baseNgramScore = (\d+)/.exec(source);
  if (match === null) throw new Error("cannot find eld's baseNgramScore in languageDetector.js");
  return Number(match[1]);
}

function symbolCode(symbol: string): number {
  const code = symbol.charCodeAt(0);
  if (symbol.length !== 1 || code > 0xff)
    throw new Error(`eld byte symbol ${JSON.stringify(symbol)} is not one byte`);
  return code;
}

/**
 * The BMP code units eld keeps as letters, found by asking eld's own separator expression: between
 * a letter and a digit, a letter survives and anything else is replaced along with the digit (an
 * apostrophe too, since the run it starts does not end with one).
 */
function letterBitmap(separators: RegExp): Uint8Array {
  const bitmap = new Uint8Array(0x10000 / 8);
  for (let code = 0; code < 0x10000; code++) {
    const ch = String.fromCharCode(code);
    if (`a${ch}0`.replace(separators, ' ') === `a${ch} `) bitmap[code >> 3]! |= 1 << (code & 7);
  }
  return bitmap;
}
