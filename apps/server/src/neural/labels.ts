/** One class's probability as transformers.js's text-classification pipeline returns it. */
export interface LabelScore {
  label: string;
  score: number;
}

export type SentimentClass = 'positive' | 'negative' | 'neutral';

/**
 * A sentiment model's label in our terms: named labels (POSITIVE, negative, Neutral…) by name;
 * LABEL_n by position, in the order such models use (2 classes: negative, positive; 3: negative,
 * neutral, positive).
 */
export function sentimentClassOf(label: string, labelCount: number): SentimentClass | undefined {
  if (/^pos/i.test(label)) return 'positive';
  if (/^neg/i.test(label)) return 'negative';
  if (/^neu/i.test(label)) return 'neutral';
  const index = /^LABEL_(\d+)$/i.exec(label)?.[1];
  if (index === undefined) return undefined;
  const order: SentimentClass[] =
    labelCount === 3 ? ['negative', 'neutral', 'positive'] : ['negative', 'positive'];
  return order[Number(index)];
}

/** A fake-news model's label: FAKE/false or REAL/true by name; LABEL_0 fake, LABEL_1 real. */
export function fakeNewsClassOf(label: string): 'FAKE' | 'REAL' | undefined {
  if (/fake|false|unreliable/i.test(label)) return 'FAKE';
  if (/real|true|reliable/i.test(label)) return 'REAL';
  if (/^LABEL_0$/i.test(label)) return 'FAKE';
  if (/^LABEL_1$/i.test(label)) return 'REAL';
  return undefined;
}

/** The pipeline's output for one input with top_k: null (every class), checked. */
export function labelScores(output: unknown): LabelScore[] {
  const list = Array.isArray(output) ? (output as unknown[]) : [output];
  return list.map((entry) => {
    const candidate = entry as Partial<LabelScore> | null;
    if (typeof candidate?.label !== 'string' || typeof candidate.score !== 'number') {
      throw new Error('the text-classification model returned an unexpected output');
    }
    return { label: candidate.label, score: candidate.score };
  });
}
