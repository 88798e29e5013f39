import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bibtexName } from './authorName';
import { asOneByte, latexTitle } from './latex';

describe('asOneByte', () => {
  it('keeps the text exactly, short or longer than one chunk', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii', maxLength: 20_000 }), (text) => {
        expect(asOneByte(text)).toBe(text);
      }),
      { numRuns: 200 },
    );
    const long = 'x'.repeat(8192 * 3 + 7);
    expect(asOneByte(long)).toBe(long);
  });

  it('leaves what the narrowed writers return unchanged in content', () => {
    expect(bibtexName('Sašo Džeroski', 'bibtex')).toBe('D{\\v{z}}eroski, Sa{\\v{s}}o');
    expect(latexTitle('Łódź — LLMs at scale', 'bibtex')).toBe(String.raw`{\L}{\'o}d{\'z} --- {LLM}s at scale`);
  });
});
