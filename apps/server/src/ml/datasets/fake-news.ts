import { dataFile, readJsonl, readTsvNoQuotes } from './read.ts';

/** Fake-news classes in model order. */
export const FAKE_NEWS_LABELS = ['fake', 'real'] as const;
export const FAKE = 0;
export const REAL = 1;

export type FakeNewsCorpus = 'liar' | 'constraint' | 'amt' | 'celebrity';

export interface NewsItem {
  id: string;
  corpus: FakeNewsCorpus;
  title: string;
  text: string;
  label: number;
}

/** LIAR's six truth ratings folded to the usual binary task. */
const LIAR_BINARY: Record<string, number> = {
  'pants-fire': FAKE,
  false: FAKE,
  'barely-true': FAKE,
  'half-true': REAL,
  'mostly-true': REAL,
  true: REAL,
};

/** LIAR statements, text only: the speaker metadata is never used (it is not there at inference). */
export function readLiar(dataDir: string, split: 'train' | 'valid'): NewsItem[] {
  const rows = readTsvNoQuotes(dataFile(dataDir, 'liar', `${split}.tsv`), { header: false });
  const items: NewsItem[] = [];
  for (const row of rows) {
    const label = LIAR_BINARY[row[1] ?? ''];
    if (label === undefined || !row[2]) continue;
    items.push({ id: `liar-${row[0]}`, corpus: 'liar', title: '', text: row[2], label });
  }
  return items;
}

export function readConstraint(dataDir: string, split: 'train' | 'valid'): NewsItem[] {
  const rows = readTsvNoQuotes(dataFile(dataDir, 'constraint-covid19-fakenews', `${split}.tsv`), {
    header: true,
  });
  const items: NewsItem[] = [];
  for (const row of rows) {
    const label = row[2] === 'fake' ? FAKE : row[2] === 'real' ? REAL : undefined;
    if (label === undefined || !row[1]) continue;
    // In this copy of CONSTRAINT no "real" post contains a comma while 18% of fake ones do (the
    // commas were lost from one class). Left alone, a model learns "a comma means fake"; so commas
    // are removed from every post, for training and evaluation alike.
    items.push({
      id: `constraint-${split}-${row[0]}`,
      corpus: 'constraint',
      title: '',
      text: row[1].replace(/,/g, ''),
      label,
    });
  }
  return items;
}

interface AmtCelebrityRow {
  id: string;
  dataset: 'FakeNewsAMT' | 'Celebrity';
  label: 'fake' | 'real';
  title: string;
  text: string;
}

/** FakeNewsAMT and Celebrity articles (title and body). They have no official split. */
export function readAmtCelebrity(dataDir: string): NewsItem[] {
  const rows = readJsonl<AmtCelebrityRow>(
    dataFile(dataDir, 'fakenews-amt-celebrity', 'fakenews_amt_celebrity.jsonl'),
  );
  return rows.map((row) => ({
    id: row.id,
    corpus: row.dataset === 'Celebrity' ? 'celebrity' : 'amt',
    title: row.title ?? '',
    text: row.text ?? '',
    label: row.label === 'fake' ? FAKE : REAL,
  }));
}

/** The text the model reads: the title (if any) on its own line, then the body. */
export function modelInput(item: { title?: string; text: string }): string {
  return item.title ? `${item.title}\n${item.text}` : item.text;
}
