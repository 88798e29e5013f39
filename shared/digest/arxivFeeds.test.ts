import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAs, parseDigest } from './parseDigest';
import { DigestError } from './source';
import { sourceOf } from './test/sourceOf';

const read = (name: string) => readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), 'utf8');

describe('arXiv RSS 2.0 listing feed', () => {
  const digest = parseDigest(sourceOf(read('arxiv-rss.xml'), 'cs.CL.rss'));

  it('reads ids from the OAI guid without version, creators, categories and announce type', () => {
    expect(digest.format).toBe('arxiv-rss');
    expect(digest.digestDate).toBe('2024-03-14');
    expect(digest.papers.map((p) => [p.arxivId, p.announceType, p.categories])).toEqual([
      ['2403.08763', 'new', ['cs.NE', 'cs.CL']],
      ['2403.07111', 'replace-cross', ['cs.AI']],
    ]);
    expect(digest.papers[0]!.authors).toEqual(['Khaleelulla Khan Nazeer', 'Ana Araújo', 'Saša Petrović']);
  });

  it('strips the "Announce Type … Abstract:" preamble and expands entities', () => {
    expect(digest.papers[0]!.abstract).toBe(
      'As large language models continue to scale, energy matters & so does 50% <cost>. Code: https://github.com/example/spinnaker-lm',
    );
    expect(digest.papers[0]!.links).toEqual([
      'https://arxiv.org/abs/2403.08763',
      'https://github.com/example/spinnaker-lm',
    ]);
  });

  it('reports the item without a title by its line', () => {
    expect(digest.warnings).toEqual(['line 41: item skipped: it has no <title>']);
  });
});

describe('arXiv Atom (export API)', () => {
  const digest = parseDigest(sourceOf(read('arxiv-atom.xml'), 'query.atom'));

  it('reads ids from abs links without version, authors, categories and DOI', () => {
    expect(digest.format).toBe('arxiv-atom');
    expect(digest.papers.map((p) => p.arxivId)).toEqual(['2403.08763', 'math/0309136']);
    expect(digest.papers[0]).toMatchObject({
      title: 'Language Modeling on a SpiNNaker 2 Neuromorphic Chip',
      authors: ['Khaleelulla Khan Nazeer', 'Ana Araújo'],
      categories: ['cs.NE', 'cs.CL'],
      doi: '10.1234/spinnaker.2024',
      year: 2024,
    });
    expect(digest.papers[0]!.abstract).toMatch(/^As large language models continue .* run them\. See https:/);
    expect(digest.warnings).toEqual(['line 43: entry skipped: it has no <title>']);
  });

  it("reads the listing feeds' Atom variant (oai ids, dc:creator, announce type)", () => {
    const text = `<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <updated>2024-03-14T00:30:00Z</updated>
  <entry>
    <id>oai:arXiv.org:2403.08763v1</id>
    <title>T</title>
    <summary>arXiv:2403.08763v1 Announce Type: new
Abstract: The abstract.</summary>
    <dc:creator>A. One, B. Two and C. Three</dc:creator>
    <arxiv:announce_type>new</arxiv:announce_type>
  </entry>
</feed>`;
    const parsed = parseAs('arxiv-atom', sourceOf(text));
    expect(parsed.papers[0]).toMatchObject({
      arxivId: '2403.08763',
      abstract: 'The abstract.',
      authors: ['A. One', 'B. Two', 'C. Three'],
      announceType: 'new',
      digestDate: '2024-03-14',
    });
  });
});

describe('XML safety and damage', () => {
  it('refuses an entity-expansion bomb with a DigestError, quickly', () => {
    const bomb = `<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
  <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
]>
<rss version="2.0"><channel>${'<item><title>&d;&d;&d;&d;</title><guid>oai:arXiv.org:2401.00001</guid></item>'.repeat(50)}</channel></rss>`;
    const started = Date.now();
    let outcome: unknown;
    try {
      outcome = parseDigest(sourceOf(bomb, 'bomb.xml'));
    } catch (error) {
      outcome = error;
    }
    expect(Date.now() - started).toBeLessThan(2000);
    // Either refused, or read with the entities left unexpanded: never a gigabyte of text.
    if (outcome instanceof DigestError) expect(outcome.message).toMatch(/^bomb\.xml: /);
    else expect(JSON.stringify(outcome).length).toBeLessThan(2_000_000);
  });

  it('refuses a feed that is not well-formed enough to read', () => {
    expect(() => parseDigest(sourceOf('<rss version="2.0"><channel><item><title>A</ti', 'x.xml'))).toThrow(DigestError);
  });
});
