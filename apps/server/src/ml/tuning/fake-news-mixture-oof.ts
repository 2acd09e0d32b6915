import { writeFileSync } from 'node:fs';
import { FAKE_NEWS_FEATURES, foldOf } from '../train-fake-news.ts';
import { readAmtCelebrity, readConstraint, readLiar, type FakeNewsCorpus } from '../datasets/fake-news.ts';
import { extractAll, fitCompact, scoreSubset, subset } from './fake-news-cv.ts';

/**
 * Out-of-fold logits of every expert and of routers with several penalties and table sizes, for all
 * TRAINING rows, written to a JSON file for offline study of gating rules. Per fold, every expert
 * and router is trained without that fold's rows.
 */
const dataDir = process.argv[2] ?? '../shared/datasets';
const outFile = process.argv[3] ?? 'fake-news-oof.json';
const routerSpecs = (process.argv[4] ?? '16:1e-5').split(',').map((s) => {
  const [bits, l2] = s.split(':');
  return { bits: Number(bits), l2: Number(l2) };
});
/** Optional: the LIAR expert also trains on CONSTRAINT rows at this weight (0: LIAR rows only). */
const liarPlusConstraint = Number(process.argv[5] ?? 0);
const DOMAINS: FakeNewsCorpus[] = ['liar', 'constraint', 'amt', 'celebrity'];
const EXPERTS = [
  { l2: 1e-4, nb: true },
  { l2: 3e-6, nb: true },
  { l2: 3e-6, nb: false },
  { l2: 1e-3, nb: false },
];
const FOLDS = 5;
const log = (m: string): void =>
  void process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${m}\n`);

const items = [
  ...readLiar(dataDir, 'train'),
  ...readConstraint(dataDir, 'train'),
  ...readAmtCelebrity(dataDir),
];
const corpus = items.map((i) => DOMAINS.indexOf(i.corpus));
const data = extractAll(items, FAKE_NEWS_FEATURES, 'raw');
const expertData = extractAll(items, FAKE_NEWS_FEATURES, 'raw');
items.forEach((item, i) => {
  if (item.corpus === 'constraint') expertData.weights[i] = liarPlusConstraint;
});
const routerData = new Map(
  [...new Set(routerSpecs.map((s) => s.bits))].map((bits) => [
    bits,
    extractAll(items, { ...FAKE_NEWS_FEATURES, hashBits: bits }, 'raw', (i) => DOMAINS.indexOf(i.corpus)),
  ]),
);
const expertLogits = DOMAINS.map(() => new Float64Array(items.length * 2));
const routerLogits = routerSpecs.map(() => new Float64Array(items.length * DOMAINS.length));
for (let f = 0; f < FOLDS; f++) {
  const validRows = items.map((item, i) => (foldOf(item.id, FOLDS) === f ? i : -1)).filter((i) => i >= 0);
  DOMAINS.forEach((_, d) => {
    const own = (i: number): boolean =>
      corpus[i] === d || (d === 0 && liarPlusConstraint > 0 && corpus[i] === 1);
    const trainRows = items
      .map((item, i) => (foldOf(item.id, FOLDS) !== f && own(i) ? i : -1))
      .filter((i) => i >= 0);
    const source = d === 0 ? expertData : data;
    const train = subset(source, trainRows);
    const weights = fitCompact(train.data, EXPERTS[d]!.l2, EXPERTS[d]!.nb);
    const scored = scoreSubset(subset(source, validRows, train.ids).data, weights);
    validRows.forEach((r, j) => expertLogits[d]!.set(scored.subarray(j * 2, j * 2 + 2), r * 2));
    log(`fold ${f} expert ${DOMAINS[d]}`);
  });
  routerSpecs.forEach((spec, s) => {
    const rd = routerData.get(spec.bits)!;
    const trainRows = items.map((item, i) => (foldOf(item.id, FOLDS) !== f ? i : -1)).filter((i) => i >= 0);
    const train = subset(rd, trainRows);
    const weights = fitCompact(train.data, spec.l2, false, DOMAINS.length);
    const scored = scoreSubset(subset(rd, validRows, train.ids).data, weights);
    validRows.forEach((r, j) => routerLogits[s]!.set(scored.subarray(j * 4, j * 4 + 4), r * 4));
    log(`fold ${f} router ${spec.bits}:${spec.l2}`);
  });
}
writeFileSync(
  outFile,
  JSON.stringify({
    ids: items.map((i) => i.id),
    labels: items.map((i) => i.label),
    corpus,
    experts: expertLogits.map((l) => Array.from(l)),
    routers: routerSpecs.map((spec, s) => ({ ...spec, logits: Array.from(routerLogits[s]!) })),
  }),
);
log(`wrote ${outFile}`);
