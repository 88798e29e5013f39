import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAs, parseDigest } from './parseDigest';
import { sourceOf } from './test/sourceOf';

const fixture = readFileSync(fileURLToPath(new URL('./fixtures/arxiv-listing-email.txt', import.meta.url)), 'utf8');

describe('arXiv listing e-mail', () => {
  const digest = parseDigest(sourceOf(fixture, 'cs.txt'));

  it('reads new, cross-listed and replaced entries, with the mail header date', () => {
    expect(digest.format).toBe('arxiv-email');
    expect(digest.digestDate).toBe('2024-03-14');
    expect(digest.papers.map((p) => [p.arxivId, p.announceType])).toEqual([
      ['2403.08763', 'new'],
      ['2403.08801', 'new'],
      ['2403.07111', 'cross'],
      ['2312.11805', 'replace'],
      ['hep-th/9901001', 'replace'],
    ]);
    expect(digest.papers.every((p) => p.digestDate === '2024-03-14')).toBe(true);
  });

  it.each([
    [
      0,
      'Language Modeling on a SpiNNaker 2 Neuromorphic Chip and the Limits of Event-Based Inference',
      ['Khaleelulla Khan Nazeer', 'Ana Araújo', 'Saša Petrović', 'Jörg Müller'],
    ],
    [1, 'François and the Peña Conjecture', ['François Dupont', 'María Peña', 'Bjørn Straßer']],
    [2, 'Tiny Agents, Big Plans', ['Zoë Smith', 'René Dupré']],
    [3, 'Gemini: A Family of Highly Capable Multimodal Models', ['Gemini Team']],
  ])('entry %i: wrapped title, TeX accents and "A, B and C" author lists', (index, title, authors) => {
    expect(digest.papers[index]!.title).toBe(title);
    expect(digest.papers[index]!.authors).toEqual(authors);
  });

  it('keeps the abstract verbatim, unwrapped, and collects fields', () => {
    const [first, second] = digest.papers;
    expect(first!.abstract).toBe(
      'As large language models continue to scale in size rapidly, so too does the computational power required to run them. We reach 50% of the energy of an LSTM at $O(n)$ cost, see {egru}_v2.',
    );
    expect(first!.links).toEqual(['https://arxiv.org/abs/2403.08763', 'https://github.com/example/spinnaker-lm']);
    expect(first!.categories).toEqual(['cs.NE', 'cs.CL']);
    expect(second!.doi).toBe('10.1234/jcomb.2024.001');
    expect(digest.papers[3]!.abstract).toBe('');
  });

  it('reports the entry without a title by its line', () => {
    expect(digest.warnings).toEqual(['line 48: arXiv entry skipped: it has no Title: line']);
  });

  it.each([
    ['no header at all', '', null],
    [
      'only the received-from window',
      ' received from  Tue 12 Mar 24 18:00:00 GMT  to  Wed 13 Mar 24 18:00:00 GMT\n',
      '2024-03-13',
    ],
  ])('digest date with %s', (_name, header, expected) => {
    const body = fixture.slice(fixture.indexOf('\\\\\narXiv:2403.08763'));
    const parsed = parseAs('arxiv-email', sourceOf(header + body));
    expect(parsed.digestDate).toBe(expected);
    expect(parsed.papers).toHaveLength(5);
  });

  it('skips an entry cut off by the next one, and one cut off by the end of the file', () => {
    const text = [
      '\\\\',
      'arXiv:2401.00001',
      'Title: Cut off',
      '\\\\',
      'arXiv:2401.00002',
      'Title: Whole',
      'Authors: A. One',
      '\\\\',
      '  Abstract.',
      '\\\\ ( https://arxiv.org/abs/2401.00002 ,  1kb)',
      '\\\\',
      'arXiv:2401.00003',
      'Title: Never closed',
    ].join('\n');
    const parsed = parseAs('arxiv-email', sourceOf(text));
    expect(parsed.papers.map((p) => p.title)).toEqual(['Whole']);
    expect(parsed.warnings).toEqual([
      'line 2: arXiv entry skipped: it has no closing "\\\\ ( https://arxiv.org/abs/… )" line',
      'line 12: arXiv entry skipped: the file ends inside it',
    ]);
  });
});
