import type { SentimentResult } from '@textai/core';
import { columnsFor } from './columns.ts';
import { requiredText } from './fields.ts';
import type { ToolAdapter } from './types.ts';

export const sentimentAdapter: ToolAdapter = {
  name: 'sentiment',
  resultColumns: columnsFor<SentimentResult>({
    label: ['label'],
    score: ['score'],
    scores: ['scores.positive', 'scores.negative', 'scores.neutral'],
    explanation: ['explanation'],
    raw_score: ['raw_score'],
    explanation_bias: ['explanation_bias'],
    model: ['model.name', 'model.version'],
    warnings: ['warnings'],
  }),
  columns: (settings) => [{ field: 'text', column: settings.column, required: true }],
  fieldsFromText: (text) => ({ text }),
  async load(modelSpec = 'builtin') {
    const [{ analyzeSentiment }, { loadSentimentModel }] = await Promise.all([
      import('@textai/core'),
      import('@textai/core/models'),
    ]);
    const model = loadSentimentModel(modelSpec);
    return (fields, { explain, maxChars }) =>
      analyzeSentiment(model, requiredText(fields, 'text', maxChars), { explain });
  },
};
