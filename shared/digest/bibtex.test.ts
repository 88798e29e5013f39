import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAs, parseDigest } from './parseDigest';
import { sourceOf } from './test/sourceOf';

const fixture = readFileSync(fileURLToPath(new URL('./fixtures/papers.bib', import.meta.url)), 'utf8');

describe('BibTeX', () => {
  const digest = parseDigest(sourceOf(fixture, 'reading.bib'));

  it('reads title, authors, ids, DOI, URL, abstract, keywords and the citation key', () => {
    expect(digest.format).toBe('bibtex');
    expect(digest.digestDate).toBeNull();
    expect(digest.papers[0]).toMatchObject({
      title: 'Language Modeling on a SpiNNaker 2 Neuromorphic Chip',
      authors: ['Khaleelulla Khan Nazeer', 'Ana Araújo', 'Saša Petrović', 'Google DeepMind'],
      arxivId: '2403.08763',
      doi: '10.1234/spinnaker.2024',
      year: 2024,
      links: ['https://arxiv.org/abs/2403.08763'],
      abstract: 'We reach 50% of the energy at O(n) cost with event-based GRUs.',
      citationKey: 'nazeer2024spinnaker',
    });
    expect([...digest.papers[0]!.tags!].sort()).toEqual(['hardware', 'language models', 'neuromorphic']);
  });

  it("turns LaTeX into Unicode and finds the arXiv id in arXiv's own journal field", () => {
    expect(digest.papers[1]).toMatchObject({
      title: "Müller's Theorem for Straße Networks",
      authors: ['Jörg Müller', 'María de la Peña'],
      arxivId: '2301.01234',
      citationKey: 'mueller2023',
      year: 2023,
    });
  });

  it('imports the valid entries and reports each skipped one by its line', () => {
    expect(digest.papers).toHaveLength(2);
    expect(digest.warnings).toEqual([
      expect.stringMatching(/^line 17: entry skipped: Unterminated brace-value/),
      'line 29: entry "notitle2022" skipped: it has no title',
    ]);
  });

  it.each([
    ['eprint with archivePrefix', '@misc{k, title={T}, eprint={2401.00001v2}, archivePrefix={arXiv}}', '2401.00001'],
    ['eprinttype (BibLaTeX)', '@online{k, title={T}, eprint={hep-th/9901001}, eprinttype={arxiv}}', 'hep-th/9901001'],
    ['URL only', '@misc{k, title={T}, url={https://arxiv.org/abs/2402.17764v1}}', '2402.17764'],
    ['a non-arXiv eprint', '@misc{k, title={T}, eprint={12345}, archivePrefix={PubMed}}', null],
  ])('arXiv id from %s', (_name, text, expected) => {
    expect(parseAs('bibtex', sourceOf(text)).papers[0]!.arxivId).toBe(expected);
  });
});
