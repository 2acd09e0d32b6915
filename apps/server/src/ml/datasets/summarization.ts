import { splitSentences } from '@textai/core/summarize';
import { readFileSync } from 'node:fs';
import { dataFile, readCsvObjects, readJsonl, unitHash } from './read.ts';

/**
 * Readers for the summarization datasets: BBC News Summary (extractive references; split 80/20
 * by a hash of the article id, so the held-out part never changes) and the CNN/DailyMail
 * validation sample (abstractive highlights).
 */

export interface SummaryPair {
  id: string;
  title?: string;
  text: string;
  /** Reference summary, one sentence per entry. */
  reference: string[];
}

/** Share of BBC articles held out for evaluation (fixed by article id). */
export const BBC_TEST_SHARE = 0.2;

export function isBbcHeldOut(id: string): boolean {
  return unitHash(`bbc-summary:${id}`) < BBC_TEST_SHARE;
}

interface BbcRow {
  id: string;
  category: string;
  title: string;
  article: string;
  summary: string;
}

/**
 * The BBC references concatenate sentences without a space ("...$10.9bn.For the full-year...");
 * split where a sentence end meets the capital or quote of the next (SOURCE.md's rule).
 */
export function splitBbcSummary(summary: string): string[] {
  return summary
    .split(/(?<=[.!?"])(?=[A-Z"])/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function readBbcSummaries(dataDir: string): { train: SummaryPair[]; test: SummaryPair[] } {
  const rows = readJsonl<BbcRow>(dataFile(dataDir, 'bbc-news-summary', 'bbc_news_summary.jsonl'));
  const train: SummaryPair[] = [];
  const test: SummaryPair[] = [];
  for (const row of rows) {
    const pair: SummaryPair = {
      id: row.id,
      title: row.title,
      text: row.article,
      reference: splitBbcSummary(row.summary),
    };
    (isBbcHeldOut(row.id) ? test : train).push(pair);
  }
  return { train, test };
}

export function readCnnDailyMail(dataDir: string): SummaryPair[] {
  const rows = readCsvObjects(dataFile(dataDir, 'cnn-dailymail-sample', 'cnn_dailymail_validation.csv'));
  return rows.map((row) => ({
    id: row.id ?? '',
    text: row.article ?? '',
    reference: (row.highlights ?? '')
      .split('\n')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  }));
}

/**
 * A generic evaluation file: JSON Lines of `{"text": ..., "summary": ...}` (optional `title` and
 * `id`); `summary` is a string (split into sentences by the summarizer's splitter; line breaks
 * separate sentences too) or an array of sentences. Errors name the line.
 */
export function readSummaryFile(path: string): SummaryPair[] {
  const pairs: SummaryPair[] = [];
  readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .forEach((line, index) => {
      if (line.trim() === '') return;
      const where = `${path}:${index + 1}`;
      let row: unknown;
      try {
        row = JSON.parse(line);
      } catch {
        throw new Error(`${where}: not valid JSON`);
      }
      if (typeof row !== 'object' || row === null) throw new Error(`${where}: expected an object`);
      const { text, summary, title, id } = row as Record<string, unknown>;
      if (typeof text !== 'string' || text.trim() === '')
        throw new Error(`${where}: "text" must be a non-empty string`);
      let reference: string[];
      if (typeof summary === 'string') {
        reference = splitSentences(summary).map((s) => summary.slice(s.start, s.end));
      } else if (Array.isArray(summary) && summary.every((s) => typeof s === 'string')) {
        reference = (summary as string[]).map((s) => s.trim()).filter((s) => s !== '');
      } else {
        throw new Error(`${where}: "summary" must be a string or an array of strings`);
      }
      if (reference.length === 0) throw new Error(`${where}: "summary" is empty`);
      pairs.push({
        id: typeof id === 'string' || typeof id === 'number' ? String(id) : String(index + 1),
        ...(typeof title === 'string' && title.trim() !== '' ? { title } : {}),
        text,
        reference,
      });
    });
  if (pairs.length === 0) throw new Error(`${path}: no {text, summary} lines`);
  return pairs;
}
