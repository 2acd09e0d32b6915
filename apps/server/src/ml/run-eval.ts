import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { formatConfusion, type ClassificationReport, type LinearModel } from '@textai/core';
import { loadFakeNewsModel, loadSentimentModel } from '@textai/core/models';
import { FAKE_NEWS_LABELS, readConstraint, readLiar, type NewsItem } from './datasets/fake-news.ts';
import { readLabelledJsonl } from './datasets/generic.ts';
import { readAirlineTweets, readSst2, SENTIMENT_LABELS } from './datasets/sentiment.ts';
import { predictFakeNews } from './eval-fake-news.ts';
import { BINARY_LABELS, predictSentiment } from './eval-sentiment.ts';
import { scorePredictions, type Predictions } from './metrics.ts';

export interface EvalOptions {
  dataDir: string | undefined;
  file: string | undefined;
  report: string | undefined;
  model: string;
  out: (text: string) => void;
}

interface Section {
  name: string;
  report: ClassificationReport;
  ece: number;
  note?: string;
}

function section(name: string, predictions: Predictions, labels: string[], note?: string): Section {
  return { name, ...scorePredictions(predictions, labels), ...(note ? { note } : {}) };
}

function print(out: (text: string) => void, s: Section): void {
  out(`\n${s.name} (n=${s.report.n})${s.note ? ` — ${s.note}` : ''}`);
  out(
    `  accuracy ${s.report.accuracy.toFixed(4)}   macro-F1 ${s.report.macroF1.toFixed(4)}   ECE ${s.ece.toFixed(4)}`,
  );
  out(formatConfusion(s.report).replace(/^/gm, '  '));
}

/** 3-class and binary (neutral folded away) views of a sentiment model on labelled texts. */
function sentimentSections(
  model: LinearModel,
  name: string,
  items: { text: string; label: number }[],
  binaryOnly: boolean,
): Section[] {
  const { binary, threeWay } = predictSentiment(model, items);
  const sections: Section[] = [];
  if (binary.truth.length > 0) {
    const note = 'neutral folded away: the more likely of positive and negative';
    sections.push(section(`${name}, binary`, binary, BINARY_LABELS, note));
  }
  if (!binaryOnly) sections.push(section(`${name}, 3 classes`, threeWay, [...SENTIMENT_LABELS]));
  return sections;
}

function fakeNewsSection(
  model: LinearModel,
  name: string,
  items: { text: string; title?: string; label: number }[],
): Section {
  return section(name, predictFakeNews(model, items), [...FAKE_NEWS_LABELS]);
}

export function runEvaluation(
  task: 'sentiment' | 'fake-news',
  options: EvalOptions,
): { sections: Section[]; problems: string[] } {
  const { out } = options;
  const sections: Section[] = [];
  const problems: string[] = [];
  let modelInfo: { name: string; version: string };
  let meta: Record<string, unknown>;
  if (task === 'sentiment') {
    const model = loadSentimentModel(options.model);
    modelInfo = model.info;
    meta = model.linear.data.meta;
    if (options.file) {
      const { rows, errors } = readLabelledJsonl(options.file, SENTIMENT_LABELS);
      problems.push(...errors);
      const items = rows.map((r) => ({
        text: r.text,
        label: SENTIMENT_LABELS.indexOf(r.label as (typeof SENTIMENT_LABELS)[number]),
      }));
      sections.push(
        ...sentimentSections(model.linear, options.file, items, !items.some((i) => i.label === 1)),
      );
    } else {
      const dataDir = options.dataDir!;
      if (existsSync(join(dataDir, 'sst2', 'dev.tsv')))
        sections.push(...sentimentSections(model.linear, 'SST-2 dev', readSst2(dataDir, 'dev'), true));
      if (existsSync(join(dataDir, 'twitter-airline-sentiment', 'Tweets.csv'))) {
        sections.push(
          ...sentimentSections(
            model.linear,
            'Airline tweets, held-out 20% (by tweet id)',
            readAirlineTweets(dataDir).test,
            false,
          ),
        );
      }
    }
  } else {
    const model = loadFakeNewsModel(options.model);
    modelInfo = model.info;
    meta = model.linear.data.meta;
    if (options.file) {
      const { rows, errors } = readLabelledJsonl(options.file, FAKE_NEWS_LABELS);
      problems.push(...errors);
      sections.push(
        fakeNewsSection(
          model.linear,
          options.file,
          rows.map((r) => ({ text: r.text, title: r.title, label: r.label === 'real' ? 1 : 0 })),
        ),
      );
    } else {
      const dataDir = options.dataDir!;
      const asInput = (items: NewsItem[]) =>
        items.map((i) => ({ text: i.text, title: i.title, label: i.label }));
      if (existsSync(join(dataDir, 'liar', 'valid.tsv')))
        sections.push(
          fakeNewsSection(model.linear, 'LIAR valid, binary, text only', asInput(readLiar(dataDir, 'valid'))),
        );
      if (existsSync(join(dataDir, 'constraint-covid19-fakenews', 'valid.tsv'))) {
        sections.push(
          fakeNewsSection(model.linear, 'CONSTRAINT valid', asInput(readConstraint(dataDir, 'valid'))),
        );
      }
    }
  }
  if (sections.length === 0)
    problems.push('nothing to evaluate: no known dataset files found and no valid rows');
  out(`${modelInfo.name} ${modelInfo.version}`);
  for (const s of sections) print(out, s);
  const evaluation = meta.evaluation as Record<string, { accuracy?: number }> | undefined;
  if (task === 'fake-news' && !options.file && evaluation) {
    for (const key of ['amt_5fold', 'celebrity_5fold']) {
      const acc = evaluation[key]?.accuracy;
      if (acc !== undefined)
        out(
          `\n${key.replace('_5fold', '')}: 5-fold cross-validated accuracy ${acc.toFixed(4)} (computed at training; the shipped model saw all of these articles)`,
        );
    }
  }
  for (const p of problems.slice(0, 20)) out(`warning: ${p}`);
  if (problems.length > 20) out(`warning: … and ${problems.length - 20} more`);

  const reportPath = options.report ?? join('build', 'eval', `${task}.json`);
  mkdirSync(dirname(reportPath), { recursive: true });
  const json = {
    task,
    model: modelInfo,
    source: options.file ? { file: options.file } : { data: options.dataDir },
    sections: sections.map((s) => ({
      name: s.name,
      note: s.note,
      n: s.report.n,
      accuracy: s.report.accuracy,
      macro_f1: s.report.macroF1,
      ece: s.ece,
      per_class: s.report.perClass,
      confusion: { labels: s.report.labels, matrix: s.report.confusion },
    })),
    problems,
  };
  writeFileSync(reportPath, `${JSON.stringify(json, null, 2)}\n`);
  out(`\nreport written to ${reportPath}`);
  return { sections, problems };
}
