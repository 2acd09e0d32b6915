import { FAKE_NEWS_FEATURES } from '../train-fake-news.ts';
import { readConstraint, readLiar } from '../datasets/fake-news.ts';
import { unitHash } from '../datasets/read.ts';
import {
  binaryAccuracy,
  extractAll,
  outOfFold,
  withLengthBuckets,
  type TermWeighting,
} from './fake-news-cv.ts';

/**
 * One expert alone (CONSTRAINT, or LIAR with "corpus": "liar"), 5-fold CV on its training rows;
 * variants are JSON patches of the shipped setup (features, weighting, l2, nb, alpha, length, salt).
 */
const dataDir = process.argv[2] ?? '../shared/datasets';
const variants = process.argv.slice(3).map((s) => JSON.parse(s) as Record<string, unknown>);
for (const v of variants) {
  const items = v.corpus === 'liar' ? readLiar(dataDir, 'train') : readConstraint(dataDir, 'train');
  const t0 = Date.now();
  const features = { ...FAKE_NEWS_FEATURES, ...((v.features as object | undefined) ?? {}) };
  const extracted = extractAll(items, features, (v.weighting as TermWeighting | undefined) ?? 'raw');
  const data = v.length ? withLengthBuckets(extracted, items, v.length as number) : extracted;
  const logits = outOfFold(
    data,
    items,
    5,
    (v.l2 as number | undefined) ?? 3e-6,
    (v.nb as boolean | undefined) ?? true,
    2,
    (v.alpha as number | undefined) ?? 1,
    // "salt" draws a second, independent split of the same rows, to confirm a choice made on the first.
    v.salt ? (id) => Math.floor(unitHash(`${id}:${String(v.salt)}`) * 5) : undefined,
  );
  console.log(
    `${JSON.stringify(v)}: CV ${binaryAccuracy(items, logits).toFixed(4)} (${((Date.now() - t0) / 1000).toFixed(0)} s)`,
  );
}
