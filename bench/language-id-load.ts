/**
 * Child of bench/language-id.ts, run in a fresh process with --expose-gc: loads one language
 * identifier (`old`: eld's `small` entry, as core imported it before; `new`: core's n-gram table),
 * names the language of one text, and prints what that cost as JSON.
 */
const mode = process.argv[2];
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined || (mode !== 'old' && mode !== 'new')) {
  throw new Error('usage: node --expose-gc --import tsx bench/language-id-load.ts old|new');
}
const TEXT = 'Ayer fuimos al mercado y compramos frutas y verduras frescas.';

function settle(): NodeJS.MemoryUsage {
  gc?.();
  gc?.();
  return process.memoryUsage();
}

const before = settle();
const started = performance.now();
let language: string;
if (mode === 'old') {
  const { eld } = await import('eld/small');
  language = eld.newInstance().detect(TEXT).language;
} else {
  const { languageIdentifier } = await import('@textai/core/models/language-table');
  language = languageIdentifier().identify(TEXT).language;
}
const loadMs = performance.now() - started;
const after = settle();
console.log(
  JSON.stringify({
    language,
    loadMs,
    rssMb: (after.rss - before.rss) / 1e6,
    heapMb: (after.heapUsed - before.heapUsed) / 1e6,
    arrayBuffersMb: (after.arrayBuffers - before.arrayBuffers) / 1e6,
  }),
);
