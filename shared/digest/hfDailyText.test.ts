import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDigest } from './parseDigest';
import { DigestError } from './source';
import { isHfNoiseLine } from './hfDailyText';

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

describe('Hugging Face Daily Papers text: the noisy page copy over two days', () => {
  const pageCopy = readFileSync(fileURLToPath(new URL('./fixtures/hf-page-copy.txt', import.meta.url)), 'utf8');
  const digest = parseDigest({ text: pageCopy, fileName: 'page.txt', referenceDate: '2026-11-29' });

  it('gives each paper its own section date, and the digest the newest', () => {
    expect(digest.digestDate).toBe('2026-03-13');
    expect(digest.papers.map((p) => [p.title, p.digestDate])).toEqual([
      ['Sparse Mixture-of-Experts at 1% of the Cost', '2026-03-13'],
      ['Long-Context Retrieval without Retrieval', '2026-03-13'],
      ['Ranking Papers by Reading Time', '2026-03-13'],
      ['Tiny Agents, Big Plans', '2026-03-12'],
      ['Self-Correcting Code Models', '2026-03-12'],
    ]);
    expect(digest.warnings).toEqual([]);
  });

  it('never takes page noise for a title or an abstract', () => {
    const texts = digest.papers.flatMap((p) => [p.title, ...p.abstract.split(/(?<=\.) /)]);
    for (const noise of ['Submitted by akhaliq', '101', '[-] 101', '42', 'new', 'Daily / Weekly / Monthly']) {
      expect(texts).not.toContain(noise);
    }
  });

  it('keeps URLs, %, _, $, braces and backslashes verbatim', () => {
    expect(digest.papers[0]!.abstract).toBe(
      'We route tokens with a 99.5% cache hit rate, cutting cost by $3 per 1M tokens; code: https://github.com/example/smoe_1pct (see {config}_v2 and C:\\models\\moe).',
    );
    expect(digest.papers[0]!.links).toEqual(['https://github.com/example/smoe_1pct']);
    expect(digest.papers[1]!.abstract).toContain('\\emph{echo}');
  });

  it.each([
    ['Get trending papers in your email inbox once a day!'],
    ['Get trending papers in your email inbox!'],
    ['Subscribe'],
    ['Daily Papers'],
    ['by AK and the research community'],
    ['byAK and the research community'],
    ['Daily / Weekly / Monthly'],
    ['Submitted by Jane Doe'],
    ['101'],
    ['[-] 101'],
    ['new'],
  ])('%j is noise', (line) => {
    expect(isHfNoiseLine(line)).toBe(true);
  });

  it.each([['Newton Meets Transformers'], ['101 Ways to Fine-Tune'], ['Subscribe to Attention']])(
    '%j is not noise',
    (line) => {
      expect(isHfNoiseLine(line)).toBe(false);
    },
  );

  it('resolves a New Year file: Jan 2 this year, Dec 31 the year before', () => {
    const text = 'Jan 2\n\nA\n\nAbstract A.\n\nDec 31\n\nB\n\nAbstract B.\n';
    const parsed = parseDigest({ text, fileName: 'x.txt', referenceDate: '2027-01-03' });
    expect(parsed.papers.map((p) => p.digestDate)).toEqual(['2027-01-02', '2026-12-31']);
    expect(parsed.digestDate).toBe('2027-01-02');
  });
});
