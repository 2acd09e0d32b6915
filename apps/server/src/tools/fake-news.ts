import type { FakeNewsResult } from '@textai/core';
import { columnsFor } from './columns.ts';
import { readTextAndTitle, textAndTitleColumns, textAndTitleFromText } from './text-and-title.ts';
import type { ToolAdapter } from './types.ts';

export const fakeNewsAdapter: ToolAdapter = {
  name: 'fake-news',
  resultColumns: columnsFor<FakeNewsResult>({
    prediction: ['prediction'],
    confidence: ['confidence'],
    confidence_band: ['confidence_band'],
    analysis: ['analysis.fake_probability', 'analysis.real_probability'],
    signals: ['signals'],
    explanation: ['explanation'],
    raw_score: ['raw_score'],
    explanation_bias: ['explanation_bias'],
    model: ['model.name', 'model.version'],
    warnings: ['warnings'],
  }),
  columns: textAndTitleColumns,
  fieldsFromText: textAndTitleFromText,
  async load(modelSpec = 'builtin') {
    const [{ analyzeFakeNews }, { loadFakeNewsModel }] = await Promise.all([
      import('@textai/core'),
      import('@textai/core/models'),
    ]);
    const model = loadFakeNewsModel(modelSpec);
    return (fields, { explain, maxChars }) =>
      analyzeFakeNews(model, readTextAndTitle(fields, maxChars), { explain });
  },
};
