import { FAKE_NEWS_FEATURES } from '../train-fake-news.ts';
import { readConstraint } from '../datasets/fake-news.ts';
import { binaryAccuracy, extractAll, outOfFold } from './fake-news-cv.ts';

/** CONSTRAINT: word-only and char-only NB-LR models and averages of their out-of-fold log-odds. */
const dataDir = process.argv[2] ?? '../shared/datasets';
const items = readConstraint(dataDir, 'train');
const oof = (features: typeof FAKE_NEWS_FEATURES, l2: number): Float64Array =>
  outOfFold(extractAll(items, features, 'raw'), items, 5, l2, true);
const full = oof(FAKE_NEWS_FEATURES, 3e-6);
const words = oof({ ...FAKE_NEWS_FEATURES, charNgrams: [] }, 3e-6);
const chars = oof({ ...FAKE_NEWS_FEATURES, wordNgrams: [], charWeight: 1 }, 3e-6);
console.log(
  `full ${binaryAccuracy(items, full).toFixed(4)} words ${binaryAccuracy(items, words).toFixed(4)} chars ${binaryAccuracy(items, chars).toFixed(4)}`,
);
for (const w of [0.25, 0.5, 0.75]) {
  const mix = words.map((v, i) => w * v + (1 - w) * chars[i]!);
  const mix3 = full.map((v, i) => (v + w * words[i]! + w * chars[i]!) / (1 + 2 * w));
  console.log(
    `words ${w} + chars ${1 - w}: ${binaryAccuracy(items, mix).toFixed(4)}; full + ${w}·(words+chars): ${binaryAccuracy(items, mix3).toFixed(4)}`,
  );
}
