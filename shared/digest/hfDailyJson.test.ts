import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAs, parseDigest } from './parseDigest';
import { DigestError } from './source';
import { sourceOf } from './test/sourceOf';

const fixture = readFileSync(fileURLToPath(new URL('./fixtures/hf-daily-papers.json', import.meta.url)), 'utf8');

describe('Hugging Face daily_papers JSON', () => {
  const digest = parseDigest(sourceOf(fixture, 'daily.json'));

  it('reads each paper with its id, visible authors, links and date', () => {
    expect(digest.format).toBe('hf-daily-json');
    expect(digest.digestDate).toBe('2024-03-13');
    const [first, second] = digest.papers;
    expect(first).toMatchObject({
      title: 'Language Modeling on a SpiNNaker 2 Neuromorphic Chip',
      arxivId: '2403.08763',
      authors: ['Ana Araújo', 'Saša Petrović'],
      links: ['https://github.com/example/spinnaker-lm', 'https://example.github.io/spinnaker-lm/'],
      digestDate: '2024-03-13',
      categories: ['neuromorphic', 'EGRU', 'spiking neural networks'],
    });
    expect(first!.tags).toBeUndefined(); // machine keywords never become the person's tags
    expect(second).toMatchObject({ arxivId: '2403.08001', digestDate: '2024-03-12', links: [] });
  });

  it('reports the item without a title by its line', () => {
    expect(digest.papers).toHaveLength(2);
    expect(digest.warnings).toEqual([expect.stringMatching(/^line \d+: item 3 skipped: no title$/)]);
    const line = Number(/^line (\d+)/.exec(digest.warnings[0]!)![1]);
    expect(fixture.split('\n')[line - 1]).toMatch(/^\s*\{/);
  });

  it.each([
    ['a truncated array', '[{"paper": {"id": "2401.00001", "title": "A"}', /is not valid JSON/],
    ['an array of non-papers', '[{"paper": {"nope": 1}}, 3]', /no papers found/],
  ])('refuses %s with a DigestError', (_name, text, message) => {
    expect(() => parseDigest(sourceOf(text, 'x.json'))).toThrow(DigestError);
    expect(() => parseDigest(sourceOf(text, 'x.json'))).toThrow(message);
  });

  it('accepts unwrapped paper objects', () => {
    const parsed = parseAs(
      'hf-daily-json',
      sourceOf('[{"id": "2401.00001v3", "title": " A \\n title ", "summary": "S"}]'),
    );
    expect(parsed.papers[0]).toMatchObject({ title: 'A title', arxivId: '2401.00001', abstract: 'S' });
  });
});
