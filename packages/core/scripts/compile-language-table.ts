/**
 * `npm run compile:language-table -w @textai/core [-- --output FILE]`: compiles eld's `small` n-gram
 * database into the language identifier's table (packages/core/models/language-ngrams.bin by
 * default). Deterministic: the same eld version always gives the same bytes.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { LANGUAGE_TABLE_PATH } from '../src/models/language-table.ts';
import { writeLanguageTable } from '../src/text/language-id/table-writer.ts';
import { eldTableSource } from './eld-source.ts';

const { values } = parseArgs({ options: { output: { type: 'string' } } });
const output = values.output ?? LANGUAGE_TABLE_PATH;
const source = await eldTableSource();
const bytes = writeLanguageTable(source);
writeFileSync(output, bytes);
const postings = [...source.ngrams.values()].reduce((n, list) => n + list.length, 0);
console.log(
  `${output}: ${source.sourceLabel}, ${source.languages.length} languages, ` +
    `${source.ngrams.size} n-grams, ${postings} postings, ${(bytes.length / 1e6).toFixed(2)} MB`,
);
