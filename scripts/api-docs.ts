/**
 * Regenerates the reference part of docs/API.md from the OpenAPI document: `npm run docs:api`.
 * With --check it changes nothing and exits 1 when the file is out of date (what the test does).
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { API_DOCS_COMMAND, API_MD, readApiMarkdown, regenerateApiMarkdown } from './api-docs/api-markdown.ts';

const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });
const current = await readApiMarkdown();
const next = await regenerateApiMarkdown(current);
if (values.check) {
  if (next !== current) {
    process.stderr.write(`docs/API.md is out of date with the OpenAPI document: run ${API_DOCS_COMMAND}\n`);
    process.exitCode = 1;
  }
} else if (next !== current) {
  await writeFile(API_MD, next);
  process.stdout.write(`updated ${API_MD}\n`);
} else {
  process.stdout.write('docs/API.md is up to date\n');
}
