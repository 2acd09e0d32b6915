import type { FakeNewsResult } from '@textai/core';
import { columnsFor } from './columns.ts';
import { optionalText, requiredText } from './fields.ts';
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
  columns: (settings) => [
    { field: 'text', column: settings.column, required: true },
    // An explicit --title-column must exist; the default `title` is used only when present.
    settings.titleColumn === undefined
      ? { field: 'title', column: 'title', required: false }
      : { field: 'title', column: settings.titleColumn, required: true },
  ],
  fieldsFromText: (text, settings) =>
    settings.title === undefined ? { text } : { text, title: settings.title },
  async load() {
    const [{ analyzeFakeNews }, { loadFakeNewsModel }] = await Promise.all([
      import('@textai/core'),
      import('@textai/core/models'),
    ]);
    // TODO(config): take the spec from FAKE_NEWS_MODEL once config.ts exists; builtin until then.
    const model = loadFakeNewsModel();
    return (fields, { explain, maxChars }) => {
      const text = requiredText(fields, 'text', maxChars);
      const title = optionalText(fields, 'title', maxChars);
      return analyzeFakeNews(model, title === undefined ? { text } : { text, title }, { explain });
    };
  },
};
