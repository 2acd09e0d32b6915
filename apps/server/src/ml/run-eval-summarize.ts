import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadSummarizerModel } from '@textai/core/models';
import { formatSection, summarizeSections } from './eval-summarize.ts';

export interface SummarizeEvalOptions {
  dataDir: string;
  report: string | undefined;
  model: string;
  out: (text: string) => void;
}

/** `textai eval summarize --data DIR`: ROUGE of the summarizer beside LEAD-k and TextRank, printed and saved. */
export function runSummarizeEvaluation(options: SummarizeEvalOptions): void {
  const sections = summarizeSections(loadSummarizerModel(options.model), options.dataDir);
  for (const section of sections) options.out(formatSection(section));
  const reportPath = options.report ?? join('build', 'eval', 'summarize.json');
  mkdirSync(dirname(reportPath), { recursive: true });
  writeFileSync(
    reportPath,
    `${JSON.stringify({ task: 'summarize', data: options.dataDir, sections }, null, 2)}\n`,
  );
  options.out(`\nreport written to ${reportPath}`);
}
