import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadSummarizerModel } from '@textai/core/models';
import { fileSection, formatSection, summarizeSections, type SummarizeSection } from './eval-summarize.ts';

export interface SummarizeEvalOptions {
  /** The shared datasets layout (BBC held-out, CNN/DailyMail sample), or */
  dataDir?: string;
  /** a generic JSONL file of {text, summary} lines. */
  file?: string;
  report: string | undefined;
  model: string;
  out: (text: string) => void;
  log?: (text: string) => void;
}

/**
 * `textai eval summarize [--data DIR | --file FILE.jsonl]`: ROUGE of the summarizer beside LEAD-k
 * and TextRank, printed and saved.
 */
export function runSummarizeEvaluation(options: SummarizeEvalOptions): SummarizeSection[] {
  const model = loadSummarizerModel(options.model);
  const sections = options.file
    ? [fileSection(model, options.file)]
    : summarizeSections(model, options.dataDir ?? '../shared/datasets', options.log);
  for (const section of sections) options.out(formatSection(section));
  const reportPath = options.report ?? join('build', 'eval', 'summarize.json');
  mkdirSync(dirname(reportPath), { recursive: true });
  writeFileSync(
    reportPath,
    `${JSON.stringify(
      {
        task: 'summarize',
        ...(options.file ? { file: options.file } : { data: options.dataDir }),
        model: model.info,
        sections,
      },
      null,
      2,
    )}\n`,
  );
  options.out(`\nreport written to ${reportPath}`);
  return sections;
}
