import type { MatchTokens } from './normalize.ts';

/**
 * A token trie over normalised phrases: from every token, the longest phrase that starts there
 * wins, and matching resumes after it ("amazon web services" is one skill, not three). Lookups are
 * one Map probe per token, so a one-page résumé is scanned in tens of microseconds.
 */
interface TrieNode {
  next: Map<string, TrieNode> | null;
  /** The entry that ends here, or -1. */
  value: number;
  /** When set, the matched text must be written exactly so (ambiguous words such as "Go", "Excel"). */
  cased: string | null;
}

export interface PhraseMatch {
  value: number;
  /** Index of the first and one past the last token. */
  first: number;
  last: number;
}

function node(): TrieNode {
  return { next: null, value: -1, cased: null };
}

export class PhraseTrie {
  private readonly root = node();
  size = 0;

  /** Adds a phrase (already normalised to space-separated tokens); the first value for a key wins. */
  add(key: string, value: number, cased: string | null = null): void {
    let at = this.root;
    for (const word of key.split(' ')) {
      if (word === '') continue;
      at.next ??= new Map();
      let child = at.next.get(word);
      if (!child) {
        child = node();
        at.next.set(word, child);
      }
      at = child;
    }
    if (at === this.root || at.value !== -1) return;
    at.value = value;
    at.cased = cased;
    this.size++;
  }

  /** Longest-first, non-overlapping matches over `tokens`, left to right. */
  scan(tokens: MatchTokens, text: string, out: PhraseMatch[] = []): PhraseMatch[] {
    const { words, starts, ends } = tokens;
    const n = words.length;
    const rootNext = this.root.next;
    if (!rootNext) return out;
    let i = 0;
    while (i < n) {
      let at = rootNext.get(words[i]!);
      let bestEnd = -1;
      let bestValue = -1;
      let j = i;
      while (at) {
        j++;
        if (at.value !== -1 && (at.cased === null || casedMatch(text, starts[i]!, ends[j - 1]!, at.cased))) {
          bestEnd = j;
          bestValue = at.value;
        }
        if (j >= n || !at.next) break;
        at = at.next.get(words[j]!);
      }
      if (bestEnd !== -1) {
        out.push({ value: bestValue, first: i, last: bestEnd });
        i = bestEnd;
      } else {
        i++;
      }
    }
    return out;
  }
}

/** The text as written equals the cased form, or is its all-capitals spelling ("EXCEL" in a heading). */
function casedMatch(text: string, start: number, end: number, cased: string): boolean {
  if (end - start !== cased.length) return false;
  const written = text.slice(start, end);
  return written === cased || (cased.length > 1 && written === cased.toUpperCase());
}
