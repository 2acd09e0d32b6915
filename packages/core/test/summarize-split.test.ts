import { describe, expect, it } from 'vitest';
import { splitSentences } from '../src/summarize/split.ts';

function split(text: string): string[] {
  return splitSentences(text).map((s) => text.slice(s.start, s.end));
}

describe('splitSentences', () => {
  it('keeps abbreviations, initials and decimals inside sentences', () => {
    expect(
      split(
        'Dr. Lee met the U.S. envoy in Geneva. Prices rose 3.5% in May, e.g. fuel. J. R. Tolkien wrote books.',
      ),
    ).toEqual([
      'Dr. Lee met the U.S. envoy in Geneva.',
      'Prices rose 3.5% in May, e.g. fuel.',
      'J. R. Tolkien wrote books.',
    ]);
  });

  it('ends a sentence after an initialism when a typical opener follows', () => {
    expect(split('The team moved to the U.S. The move was costly.')).toEqual([
      'The team moved to the U.S.',
      'The move was costly.',
    ]);
  });

  it('keeps quotes with their sentence', () => {
    expect(split('"We will win," she said. "Nobody doubts it." Then she left!')).toEqual([
      '"We will win," she said.',
      '"Nobody doubts it."',
      'Then she left!',
    ]);
  });

  it('splits bullets, numbered lists, headings and paragraphs, and marks paragraph starts', () => {
    const text =
      'Main points\n- rents are rising\n- wages are flat\n1. act now\n2. wait\n\nA new paragraph starts here. It goes on.';
    expect(split(text)).toEqual([
      'Main points',
      '- rents are rising',
      '- wages are flat',
      '1. act now',
      '2. wait',
      'A new paragraph starts here.',
      'It goes on.',
    ]);
    expect(splitSentences(text).map((s) => s.paragraphStart)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
      false,
    ]);
  });

  it('gives offsets into the input and handles text without final punctuation', () => {
    const text = '  Leading space. Then a lower-case word after this? yes. Trailing words without a stop  ';
    const spans = splitSentences(text);
    expect(spans[0]).toMatchObject({ start: 2, end: 16 });
    expect(split(text)).toEqual([
      'Leading space.',
      'Then a lower-case word after this? yes.',
      'Trailing words without a stop',
    ]);
    expect(splitSentences('   ')).toEqual([]);
  });
});
