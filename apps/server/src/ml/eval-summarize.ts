import {
  prepareDocument,
  RougeAccumulator,
  rouge,
  selectSentences,
  sentenceLogits,
  type PreparedDocument,
  type SummarizerModel,
} from '@textai/core/summarize';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
  readBbcSummaries,
  readCnnDailyMail,
  readSummaryFile,
  type SummaryPair,
} from './datasets/summarization.ts';
import type { NetworkOptions } from './summarize/network.ts';
import { textRankSelect } from './summarize/textrank-baseline.ts';
import { CNN_BUDGET, CNN_FOLDS, cnnCrossValidation, readTrainingItems } from './train-summarize.ts';

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

/** Chooses the sentences (indices, text order) of a pair's summary of `k` sentences. */
export type Chooser = (pair: SummaryPair, doc: PreparedDocument, k: number) => number[];

/** The shipped model's choice: its logits for a `k`-sentence budget, then its MMR selection. */
export function modelChooser(model: SummarizerModel): Chooser {
  return (_pair, doc, k) =>
    selectSentences(doc, sentenceLogits(doc, model, k), model.data.redundancy, { sentences: k });
}

/** Scores ours, LEAD-k and TextRank on `pairs`; `count` gives each pair's sentence budget. */
export function evaluateSummaries(
  systemName: string,
  choose: Chooser,
  pairs: readonly SummaryPair[],
  count: (pair: SummaryPair) => number,
): SystemScores[] {
  const ours = new RougeAccumulator();
  const lead = new RougeAccumulator();
  const textRank = new RougeAccumulator();
  for (const pair of pairs) {
    const doc = prepareDocument(pair.text, pair.title);
    const sentences = doc.spans.map((s) => pair.text.slice(s.start, s.end));
    const k = Math.max(1, Math.min(count(pair), sentences.length));
    const pick = (indices: number[]): string[] => indices.map((i) => sentences[i]!);
    ours.add(rouge(pick(choose(pair, doc, k)), pair.reference));
    lead.add(rouge(sentences.slice(0, k), pair.reference));
    textRank.add(rouge(pick(textRankSelect(sentences, k)), pair.reference));
  }
  return [
    { system: systemName, ...ours.means() },
    { system: 'LEAD-k', ...lead.means() },
    { system: 'TextRank (ts-textrank)', ...textRank.means() },
  ];
}

interface TrainingMeta {
  cnn_articles?: number;
  cv_folds?: number;
  network?: NetworkOptions;
  redundancy_grid?: number[];
}

export function summarizeSections(
  model: SummarizerModel,
  dataDir: string,
  log: (message: string) => void = () => {},
): SummarizeSection[] {
  const sections: SummarizeSection[] = [];
  const name = model.info.name;
  if (existsSync(join(dataDir, 'bbc-news-summary', 'bbc_news_summary.jsonl'))) {
    const { test } = readBbcSummaries(dataDir);
    sections.push({
      name: 'BBC News Summary, held-out 20% (by article id)',
      note: 'k = sentences in the reference; title given',
      systems: evaluateSummaries(name, modelChooser(model), test, (p) => p.reference.length),
    });
  }
  if (existsSync(join(dataDir, 'cnn-dailymail-sample', 'cnn_dailymail_validation.csv'))) {
    const pairs = readCnnDailyMail(dataDir);
    const meta = model.data.meta as TrainingMeta;
    if ((meta.cnn_articles ?? 0) > 0) {
      // The model learnt from this sample: report the procedure cross-validated by article instead.
      log(`CNN/DailyMail: ${CNN_FOLDS}-fold cross-validation by article (retrains ${CNN_FOLDS} models)…`);
      const { bbc, cnn } = readTrainingItems(dataDir, true);
      const picks = cnnCrossValidation(bbc, cnn, {
        folds: CNN_FOLDS,
        innerFolds: meta.cv_folds ?? 3,
        redundancyGrid: meta.redundancy_grid,
        network: meta.network,
      });
      sections.push({
        name: 'CNN/DailyMail validation sample',
        note: `k = 3 (LEAD-k is LEAD-3); no title; ours = ${CNN_FOLDS}-fold cross-validation by article (each fold scored by a model trained on BBC train + the other folds, never on it)`,
        systems: evaluateSummaries(
          `${name} (${CNN_FOLDS}-fold CV)`,
          (pair) => picks.get(pair.id) ?? [],
          pairs,
          () => CNN_BUDGET,
        ),
      });
    } else {
      sections.push({
        name: 'CNN/DailyMail validation sample',
        note: 'k = 3 (LEAD-k is LEAD-3); no title',
        systems: evaluateSummaries(name, modelChooser(model), pairs, () => CNN_BUDGET),
      });
    }
  }
  return sections;
}

/**
 * A generic JSONL file of `{text, summary}` lines (optional `title`; `summary` a string, split
 * into sentences by the summarizer's splitter, or an array of sentences): k = the reference's
 * sentence count.
 */
export function fileSection(model: SummarizerModel, file: string): SummarizeSection {
  const pairs = readSummaryFile(file);
  return {
    name: basename(file),
    note: 'k = sentences in the reference summary',
    systems: evaluateSummaries(model.info.name, modelChooser(model), pairs, (p) => p.reference.length),
  };
}

export function formatSection(section: SummarizeSection): string {
  const lines = [`\n${section.name} (n=${section.systems[0]?.n ?? 0}) — ${section.note}`];
  lines.push(`  ${'system'.padEnd(30)}  ROUGE-1  ROUGE-2  ROUGE-L`);
  for (const s of section.systems) {
    lines.push(
      `  ${s.system.padEnd(30)}  ${s.rouge1.toFixed(2).padStart(7)}  ${s.rouge2.toFixed(2).padStart(7)}  ${s.rougeL.toFixed(2).padStart(7)}`,
    );
  }
  return lines.join('\n');
}
