import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forEachWord, normalizeWord } from './tokenize';

/** The definition: every maximal run of Unicode letters and numbers, normalized. */
function wordsByPattern(text: string): string[] {
  return [...text.matchAll(/[\p{L}\p{N}]+/gu)].map((match) => normalizeWord(match[0]));
}

function words(text: string): string[] {
  const out: string[] = [];
  forEachWord(text, (word) => out.push(word));
  return out;
}

describe('forEachWord', () => {
  it('splits ASCII text as the Unicode pattern does (the fast path)', () => {
    expect(words('Zero-Shot RAG, v2.0_beta (GPT4o)!')).toEqual(['zero', 'shot', 'rag', 'v2', '0', 'beta', 'gpt4o']);
    expect(words('')).toEqual([]);
    expect(words('   ')).toEqual([]);
    expect(words('end')).toEqual(['end']);
    expect(words('@[`{')).toEqual([]); // the characters around A–Z, a–z and 0–9 are not letters
  });

  it('any ASCII text: the same words as the pattern', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii', maxLength: 200 }), (text) => {
        expect(words(text)).toEqual(wordsByPattern(text));
      }),
      { numRuns: 2_000 },
    );
  });

  it('any text at all (the Unicode path): the same words as the pattern', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 80 })),
        (text) => {
          expect(words(text)).toEqual(wordsByPattern(text));
        },
      ),
      { numRuns: 2_000 },
    );
    // ½ is a number: "3½" is one word, folded by NFKD as every non-ASCII word is
    expect(words('Müller & Zoë, ÉCOLE 3½')).toEqual(['muller', 'zoe', 'ecole', '31⁄2']);
  });
});
