import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDigest } from './parseDigest';
import { DigestError } from './source';

const sample = readFileSync(fileURLToPath(new URL('./fixtures/hf-daily-papers-sample.txt', import.meta.url)), 'utf8');

describe('Hugging Face Daily Papers text: the sample digest', () => {
  const digest = parseDigest({ text: sample, fileName: 'sample.txt', referenceDate: '2026-11-29' });

  it('finds all 75 papers, in order, with the year from the reference date', () => {
    expect(digest.format).toBe('hf-daily-text');
    expect(digest.digestDate).toBe('2026-03-13');
    expect(digest.papers).toHaveLength(75);
    expect(digest.papers[0]!.title).toBe('Language Modeling on a SpiNNaker 2 Neuromorphic Chip');
    expect(digest.papers[0]!.abstract).toMatch(/^As large language models continue to scale/);
    expect(digest.papers[74]!.title).toBe('ViR: Vision Retention Networks');
    expect(digest.warnings).toEqual([]);
  });

  it('keeps header noise out of titles and abstracts', () => {
    const texts = digest.papers.flatMap((p) => [p.title, p.abstract]);
    for (const noise of ['new', 'Subscribe', 'byAK and the research community', 'Mar 13']) {
      expect(texts).not.toContain(noise);
    }
  });

  it('extracts links without trailing punctuation', () => {
    const dispider = digest.papers.find((p) => p.title.startsWith('Dispider'))!;
    expect(dispider.links).toEqual(['https://github.com/Mark12Ding/Dispider']);
    const all = digest.papers.flatMap((p) => p.links);
    expect(all).toContain('https://github.com/divelab/AIRS');
    expect(all.every((link) => !/[.,)]$/.test(link))).toBe(true);
  });

  it('gives every paper its date and source line', () => {
    expect(digest.papers.every((p) => p.digestDate === '2026-03-13')).toBe(true);
    expect(digest.papers[0]!.line).toBe(11);
  });
});

describe('Hugging Face Daily Papers text: layouts and edge cases', () => {
  const parse = (text: string) => parseDigest({ text, fileName: 'x.txt', referenceDate: '2026-11-29' });

  it('reads the page-copy layout (title and abstract on consecutive lines)', () => {
    const digest = parse('Daily Papers\nMar 13\n\nTitle One\nAbstract one is here.\n\nTitle Two\nAbstract two.\n');
    expect(digest.papers.map((p) => [p.title, p.abstract])).toEqual([
      ['Title One', 'Abstract one is here.'],
      ['Title Two', 'Abstract two.'],
    ]);
  });

  it('warns about a title left without an abstract, naming its line', () => {
    const digest = parse('Mar 13\n\nTitle One\n\nAbstract one.\n\nLonely Title\n');
    expect(digest.papers).toHaveLength(2);
    expect(digest.warnings).toEqual([expect.stringMatching(/^line 7: "Lonely Title" has no abstract/)]);
  });

  it('refuses empty text and text in no known format with a typed error naming the file', () => {
    expect(() => parse('   \n')).toThrow(DigestError);
    expect(() => parse('   \n')).toThrow('x.txt: the file is empty');
    expect(() => parse('{"hello": 1}')).toThrow(/x\.txt: no digest format recognized \(tried: /);
  });
});
