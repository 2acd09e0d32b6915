// Run by extract-text-node.test.ts under plain Node (`node --import tsx`, or through
// register-launcher.mjs as bin/textai.js does), not by Vitest: it extracts three documents through
// the worker pool and prints the results as JSON. With --no-close it leaves the extractor open.
import { createTextExtractor } from '../../src/services/documents/extract-text.ts';
import { makeDocx, makePdf } from './fixtures.ts';

const extractor = createTextExtractor({
  maxBytes: 1_000_000,
  maxPages: 10,
  timeoutMs: 20_000,
  maxChars: 100_000,
});
const results = await Promise.all([
  extractor.extract({ data: makePdf([['PDF under Node']]), filename: 'a.pdf' }),
  extractor.extract({ data: makeDocx(['DOCX under Node']), filename: 'b.docx' }),
  extractor.extract({ data: Buffer.from('TXT under Node'), filename: 'c.txt' }),
]);
process.stdout.write(`${JSON.stringify(results)}\n`);
if (!process.argv.includes('--no-close')) await extractor.close();
