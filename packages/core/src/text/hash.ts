/**
 * 32-bit FNV-1a over UTF-16 code units, plus a Murmur3 finaliser so that the low bits used to
 * index a hashed weight table are well mixed. Features are hashed straight from the text's char
 * codes, so extracting them allocates no strings.
 */
export const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 16777619;

export function fnvStep(hash: number, code: number): number {
  return Math.imul(hash ^ code, FNV_PRIME);
}

/** Murmur3's fmix32: spreads every input bit over the output. */
export function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

/** Combines two hashes order-sensitively (for bigrams and namespaced features). */
export function combine(a: number, b: number): number {
  return mix32(Math.imul(a, 0x9e3779b1) ^ (b + 0x7f4a7c15 + (a << 6) + (a >>> 2)));
}

export function hashString(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) h = fnvStep(h, s.charCodeAt(i));
  return h;
}
