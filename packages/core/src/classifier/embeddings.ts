import { mix32 } from '../text/hash.ts';

/**
 * Pretrained word vectors as features. A document's feature block is the mean vector of its words
 * (words in a negation scope go to a second block), which lets the classifier score words that
 * training never showed it through their neighbours in the embedding space.
 *
 * The model is linear in that block, so after training each word's vector is folded into its
 * per-class score `e_w · W`. The model file ships those scores — not the vectors — and inference
 * is one table lookup per word, with explanations that still add up token by token.
 */
export interface WordVectors {
  dims: number;
  /** token hash → row in `vectors` */
  index: Map<number, number>;
  vectors: Float32Array;
}

/** Per-word class scores folded from the vectors and the trained weights. */
export interface WordScores {
  classes: number;
  /** key (token hash, or negated key) → row in `scores` */
  index: Map<number, number>;
  scores: Float32Array;
}

/** Key of a word in a negation scope: a separate entry with its own scores. */
export function negatedKey(hash: number): number {
  return hash ^ 0x5bd1e995;
}

/** Hashed table index of dense dimension `j` (block 0: plain words, block 1: negated). */
export function embeddingColumn(j: number, mask: number): number {
  return mix32(0x1b873593 + j) & mask;
}

/**
 * Folds trained weights of the dense columns (`weights[j]` = class weights of column j, for
 * 2 × dims columns) into per-word scores for every word in `vectors`.
 */
export function foldWordScores(vectors: WordVectors, columnWeights: Float64Array[], classes: number, scale: number): WordScores {
  const { dims } = vectors;
  const index = new Map<number, number>();
  const scores = new Float32Array(vectors.index.size * 2 * classes);
  let row = 0;
  for (const [hash, v] of vectors.index) {
    for (const [block, key] of [
      [0, hash],
      [1, negatedKey(hash)],
    ] as const) {
      for (let c = 0; c < classes; c++) {
        let s = 0;
        for (let j = 0; j < dims; j++) s += vectors.vectors[v * dims + j]! * columnWeights[block * dims + j]![c]!;
        scores[row * classes + c] = s * scale;
      }
      index.set(key, row++);
    }
  }
  return { classes, index, scores };
}
