import { describe, expect, test } from 'vitest';
import { TokenBuffer, TokenFlag, TokenKind, tokenize, tokenStrings } from '../src/text/tokenize.ts';

function tokensWithFlags(text: string): { token: string; kind: number; flags: number; hash: number }[] {
  const buffer = new TokenBuffer(4);
  tokenize(text, buffer);
  return Array.from({ length: buffer.count }, (_, i) => ({
    token: text.slice(buffer.starts[i], buffer.ends[i]),
    kind: buffer.kinds[i]!,
    flags: buffer.flags[i]!,
    hash: buffer.hashes[i]!,
  }));
}

describe('tokenize', () => {
  test('splits contractions the Penn Treebank way', () => {
    expect(tokenStrings("I don't think it's bad, we can't and won't")).toEqual([
      'I',
      'do',
      "n't",
      'think',
      'it',
      "'s",
      'bad',
      ',',
      'we',
      'ca',
      "n't",
      'and',
      'wo',
      "n't",
    ]);
  });

  test("users' contractions and SST's pre-split ones hash the same", () => {
    const user = tokensWithFlags("It's not a film I didn't like").map((t) => t.hash);
    const sst = tokensWithFlags("it 's not a film i did n't like").map((t) => t.hash);
    expect(user).toEqual(sst);
  });

  test('curly apostrophes are read as straight ones', () => {
    expect(tokensWithFlags('don’t').map((t) => t.hash)).toEqual(tokensWithFlags("don't").map((t) => t.hash));
  });

  test('offsets point into the original text', () => {
    const text = '  Great 😀 film!!! http://x.io @bob #love 3.5% :) ';
    const buffer = new TokenBuffer();
    tokenize(text, buffer);
    const tokens = tokenStrings(text);
    expect(tokens).toEqual(['Great', '😀', 'film', '!!!', 'http://x.io', '@bob', '#love', '3.5%', ':)']);
    const kinds = tokensWithFlags(text).map((t) => t.kind);
    expect(kinds).toEqual([
      TokenKind.Word,
      TokenKind.Emoji,
      TokenKind.Word,
      TokenKind.Punct,
      TokenKind.Url,
      TokenKind.Mention,
      TokenKind.Word,
      TokenKind.Number,
      TokenKind.Emoticon,
    ]);
  });

  test('every mention and every URL is one shared token', () => {
    const a = tokensWithFlags('@united thanks https://a.example/x');
    const b = tokensWithFlags('@delta thanks http://b.example');
    expect(a.map((t) => t.hash)).toEqual(b.map((t) => t.hash));
  });

  test('marks negation scope until punctuation or a contrast word', () => {
    const tokens = tokensWithFlags('not good at all, but fun');
    const negated = tokens.filter((t) => t.flags & TokenFlag.Negated).map((t) => t.token);
    expect(negated).toEqual(['good', 'at', 'all']);
    const after = tokensWithFlags('it was never boring but never fun');
    expect(after.filter((t) => t.flags & TokenFlag.Negated).map((t) => t.token)).toEqual(['boring', 'fun']);
  });

  test('casing and elongation cues', () => {
    const tokens = tokensWithFlags('SO GOOD sooooo good I');
    expect(tokens[0]!.flags & TokenFlag.AllCaps).toBeTruthy();
    expect(tokens[2]!.flags & TokenFlag.Elongated).toBeTruthy();
    expect(tokens[4]!.flags & TokenFlag.AllCaps).toBeFalsy(); // one letter is not shouting
    // "sooooo" folds to "soo", and case does not change the hash.
    expect(tokensWithFlags('sooooo')[0]!.hash).toBe(tokensWithFlags('SOOO')[0]!.hash);
  });

  test('emoticons only between spaces; emoji with modifiers stay one token', () => {
    expect(tokenStrings('see:)')).not.toContain(':)');
    expect(tokenStrings('great :-) really')).toEqual(['great', ':-)', 'really']);
    expect(tokenStrings('👍🏽 ok')).toEqual(['👍🏽', 'ok']);
  });

  test('empty, whitespace and huge inputs', () => {
    expect(tokenStrings('')).toEqual([]);
    expect(tokenStrings(' \n\t ')).toEqual([]);
    const huge = 'word '.repeat(50_000);
    expect(tokenStrings(huge)).toHaveLength(50_000);
    expect(tokenStrings('x'.repeat(200_000))).toHaveLength(1);
  });
});
