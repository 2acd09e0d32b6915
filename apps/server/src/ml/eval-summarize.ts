import {
  prepareDocument,
  RougeAccumulator,
  rouge,
  selectSentences,
  sentenceLogits,
  type SummarizerModel,
} from '@textai/core/summarize';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readBbcSummaries, readCnnDailyMail, type SummaryPair } from './datasets/summarization.ts';
import { textRankSelect } from './summarize/textrank-baseline.ts';

/**
 * `textai eval summarize`: ROUGE-1/2/L F1 (×100) of the summarizer beside LEAD-k and TextRank
 * (the ts-textrank package) at the same lengths, in the same run, on the same sentence split:
 * BBC News Summary held-out 20% (by article id) with as many sentences as each reference, and
 * the CNN/DailyMail validation sample with 3 sentences.
 */

export interface SystemScores {
  system: string;
  n: number;
  rouge1: number;
  rouge2: number;
  rougeL: number;
}

export interface SummarizeSection {
  name: string;
  note: string;
  systems: SystemScores[];
}

/** Scores ours, LEAD-k and TextRank on `pairs`; `count` gives each pair's sentence budget. */
export function evaluateSummaries(
  model: SummarizerModel,
  pairs: readonly SummaryPair[],
  count: (pair: SummaryPair) => number,
): SystemScores[] {
  const ours = new RougeAccumulator();
  const lead = new RougeAccumulator();
  const textRank = new RougeAccumulator();
  for (const pair of pairs) {
    const doc = prepareDocument(pair.text, pair.title);
    const sentences = doc.spans.map((s) => pair.text.slice(s.start, s.end));
    const k = Math.min(count(pair), sentences.length);
    const logits = sentenceLogits(doc, model.weights, model.data.bias);
    const chosen = selectSentences(doc, logits, model.data.redundancy, { sentences: Math.max(1, k) });
    const pick = (indices: number[]): string[] => indices.map((i) => sentences[i]!);
    ours.add(rouge(pick(chosen), pair.reference));
    lead.add(rouge(sentences.slice(0, k), pair.reference));
    textRank.add(rouge(pick(textRankSelect(sentences, k)), pair.reference));
  }
  return [
    { system: model.info.name, ...ours.means() },
    { system: 'LEAD-k', ...lead.means() },
    { system: 'TextRank (ts-textrank)', ...textRank.means() },
  ];
}

export function summarizeSections(model: SummarizerModel, dataDir: string): SummarizeSection[] {
  const sections: SummarizeSection[] = [];
  if (existsSync(join(dataDir, 'bbc-news-summary', 'bbc_news_summary.jsonl'))) {
    const { test } = readBbcSummaries(dataDir);
    sections.push({
      name: 'BBC News Summary, held-out 20% (by article id)',
      note: 'k = sentences in the reference; title given',
      systems: evaluateSummaries(model, test, (p) => p.reference.length),
    });
  }
  if (existsSync(join(dataDir, 'cnn-dailymail-sample', 'cnn_dailymail_validation.csv'))) {
    sections.push({
      name: 'CNN/DailyMail validation sample',
      note: 'k = 3 (LEAD-k is LEAD-3); no title',
      systems: evaluateSummaries(model, readCnnDailyMail(dataDir), () => 3),
    });
  }
  return sections;
}

/** Evaluation on a generic JSONL of {text, summary} (optional title): summary sentences as split by us. */
export function formatSection(section: SummarizeSection): string {
  const lines = [`\n${section.name} (n=${section.systems[0]?.n ?? 0}) — ${section.note}`];
  lines.push('  system                      ROUGE-1  ROUGE-2  ROUGE-L');
  for (const s of section.systems) {
    lines.push(
      `  ${s.system.padEnd(26)}  ${s.rouge1.toFixed(2).padStart(7)}  ${s.rouge2.toFixed(2).padStart(7)}  ${s.rougeL.toFixed(2).padStart(7)}`,
    );
  }
  return lines.join('\n');
}
