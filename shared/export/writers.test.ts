import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { splitAuthorName } from './authorName';
import { writeBiblatex } from './biblatex';
import { writeBibtex } from './bibtex';
import { type CslItem, toCslItems, writeCslJson } from './cslJson';
import { makeExportPaper } from './fixtures/makeExportPaper';
import { writeMarkdown } from './markdown';
import { writeRis } from './ris';
import type { ExportPaper } from './types';

const arxivPaper = makeExportPaper({
  id: 'arxiv:2403.08763',
  title: 'Simple Strategies to Pre-train LLMs',
  abstract: 'We show $O(n)$ & more.',
  authors: ['Benjamin Thérien', 'Jan van der Berg'],
  arxivId: '2403.08763',
  primaryClass: 'cs.LG',
  doi: 'https://doi.org/10.48550/arXiv.2403.08763',
  tags: ['continual learning'],
  notes: 'Read soon & carefully',
  digestDates: ['2026-03-13'],
  starred: 1,
  status: 'reading',
  links: ['https://github.com/x/y'],
});

const digestPaper = makeExportPaper({
  id: 'title:language modeling',
  title: 'Language Modeling on a SpiNNaker 2 Chip',
  digestDates: ['2026-03-13', '2026-03-01'],
  digestNames: ['Hugging Face Daily Papers', 'Hugging Face Daily Papers'],
});

const hostile = JSON.parse(
  readFileSync(fileURLToPath(new URL('./fixtures/hostile-papers.json', import.meta.url)), 'utf8'),
) as Array<Partial<ExportPaper> & { id: string; title: string }>;
const hostilePapers: ExportPaper[] = hostile.map(makeExportPaper);

describe('writeBibtex', () => {
  it('writes an arXiv paper with every field', () => {
    expect(writeBibtex([arxivPaper], { includeNotes: true })).toBe(
      [
        '@misc{therien2024simple,',
        "  author = {Th{\\'e}rien, Benjamin and van der Berg, Jan},",
        '  title = {Simple Strategies to Pre-train {LLM}s},',
        '  year = {2024},',
        '  month = mar,',
        '  eprint = {2403.08763},',
        '  archivePrefix = {arXiv},',
        '  primaryClass = {cs.LG},',
        '  doi = {10.48550/arXiv.2403.08763},',
        '  url = {https://arxiv.org/abs/2403.08763},',
        '  abstract = {We show $O(n)$ \\& more.},',
        '  keywords = {continual learning},',
        '  annote = {Read soon \\& carefully}',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('writes a digest paper with the digest year, a note and a key field', () => {
    expect(writeBibtex([digestPaper])).toBe(
      [
        '@misc{languagemodeling2026,',
        '  title = {Language Modeling on a {SpiNNaker} 2 Chip},',
        '  year = {2026},',
        '  note = {Listed in the Hugging Face Daily Papers digest of 13 March 2026},',
        '  key = {Language}',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('leaves notes out unless asked, uses given keys, and writes each paper once', () => {
    const bib = writeBibtex([arxivPaper, digestPaper, arxivPaper], {
      citationKeys: new Map([['arxiv:2403.08763', 'mine2024']]),
    });
    expect(bib).not.toContain('annote');
    expect(bib.match(/^@misc\{/gm)).toHaveLength(2);
    expect(bib).toContain('@misc{mine2024,');
    expect(bib).toContain('@misc{languagemodeling2026,');
  });

  it('is empty for no papers', () => {
    expect(writeBibtex([])).toBe('');
  });

  it('writes only ASCII, even for the hostile fixture', () => {
    expect(writeBibtex(hostilePapers, { includeNotes: true })).toMatch(/^[\x20-\x7e\n]*$/);
  });
});

describe('writeBiblatex', () => {
  it('writes @online with date, eprinttype and UTF-8', () => {
    expect(writeBiblatex([arxivPaper], { includeNotes: true })).toBe(
      [
        '@online{therien2024simple,',
        '  author = {Thérien, Benjamin and van der Berg, Jan},',
        '  title = {Simple Strategies to Pre-train {LLM}s},',
        '  date = {2024-03},',
        '  eprint = {2403.08763},',
        '  eprinttype = {arxiv},',
        '  eprintclass = {cs.LG},',
        '  doi = {10.48550/arXiv.2403.08763},',
        '  url = {https://arxiv.org/abs/2403.08763},',
        '  abstract = {We show $O(n)$ \\& more.},',
        '  keywords = {continual learning},',
        '  annotation = {Read soon \\& carefully}',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('writes @misc when there is no url, doi or eprint (biber requires one for @online)', () => {
    expect(writeBiblatex([digestPaper])).toBe(
      [
        '@misc{languagemodeling2026,',
        '  title = {Language Modeling on a {SpiNNaker} 2 Chip},',
        '  date = {2026},',
        '  note = {Listed in the Hugging Face Daily Papers digest of 13 March 2026}',
        '}',
        '',
      ].join('\n'),
    );
  });
});

describe('author names', () => {
  it.each([
    ['Ashish Vaswani', { family: 'Vaswani', given: 'Ashish', particle: '', suffix: '' }],
    ['Jan van der Berg', { family: 'van der Berg', given: 'Jan', particle: 'van der', suffix: '' }],
    ['Ludwig von Mises', { family: 'von Mises', given: 'Ludwig', particle: 'von', suffix: '' }],
    ['Martin Luther King Jr.', { family: 'King', given: 'Martin Luther', particle: '', suffix: 'Jr.' }],
    ['Müller, Hans-Jürgen', { family: 'Müller', given: 'Hans-Jürgen', particle: '', suffix: '' }],
    ['Plato', { family: 'Plato', given: '', particle: '', suffix: '' }],
    ["José Ara\\'ujo", { family: 'Araújo', given: 'José', particle: '', suffix: '' }],
    ['Sa\\v{s}o D\\v{z}eroski', { family: 'Džeroski', given: 'Sašo', particle: '', suffix: '' }],
  ])('%s', (raw, parts) => {
    expect(splitAuthorName(raw)).toMatchObject({ ...parts, literal: false });
  });

  it('keeps names with several commas as one literal', () => {
    expect(splitAuthorName('Smith, John, Jr., III').literal).toBe(true);
    expect(writeBibtex([makeExportPaper({ id: 'x', title: 'T', authors: ['Smith, John, Jr., III'] })])).toContain(
      'author = {{Smith, John, Jr., III}},',
    );
  });

  it('braces "and" and "others" so they are not read as separators', () => {
    const bib = writeBibtex([makeExportPaper({ id: 'x', title: 'T', authors: ['Anders and Others', 'others'] })]);
    expect(bib).toContain('author = {{Others}, Anders {and} and {others}},');
  });
});

const CSL_TYPES = new Set(['article', 'article-journal', 'book', 'chapter', 'paper-conference', 'report', 'webpage']);
const CSL_STRING_FIELDS = ['title', 'abstract', 'DOI', 'URL', 'publisher', 'number', 'keyword', 'note', 'annote'];

/** The structural rules of the CSL-JSON schema (csl-data.json) that these items can break. */
function cslProblems(items: unknown): string[] {
  const problems: string[] = [];
  if (!Array.isArray(items)) return ['not an array'];
  const ids = new Set<string>();
  for (const item of items as Record<string, unknown>[]) {
    if (typeof item.id !== 'string' || item.id === '') problems.push('id must be a non-empty string');
    else if (ids.has(item.id)) problems.push(`duplicate id ${item.id}`);
    else ids.add(item.id);
    if (typeof item.type !== 'string' || !CSL_TYPES.has(item.type)) problems.push(`bad type ${String(item.type)}`);
    for (const field of CSL_STRING_FIELDS) {
      if (field in item && typeof item[field] !== 'string') problems.push(`${field} must be a string`);
    }
    if ('author' in item) {
      if (!Array.isArray(item.author)) problems.push('author must be an array');
      else
        for (const name of item.author as Record<string, unknown>[]) {
          const keys = Object.keys(name);
          const allowed = ['family', 'given', 'suffix', 'non-dropping-particle', 'literal'];
          if (keys.length === 0 || keys.some((k) => !allowed.includes(k))) problems.push('bad name object');
          if (keys.some((k) => typeof name[k] !== 'string' || name[k] === '')) problems.push('empty name part');
          if ('literal' in name && keys.length !== 1) problems.push('literal names stand alone');
        }
    }
    if ('issued' in item) {
      const parts = (item.issued as { 'date-parts'?: unknown })['date-parts'];
      const ok =
        Array.isArray(parts) &&
        parts.length === 1 &&
        Array.isArray(parts[0]) &&
        parts[0].length >= 1 &&
        parts[0].length <= 3 &&
        parts[0].every((n: unknown) => Number.isInteger(n));
      if (!ok) problems.push('issued.date-parts must be [[y, m?, d?]] of integers');
    }
  }
  return problems;
}

describe('writeCslJson', () => {
  it('writes the arXiv paper', () => {
    const [item] = toCslItems([arxivPaper], { includeNotes: true });
    expect(item).toEqual<CslItem>({
      id: 'therien2024simple',
      type: 'article',
      'citation-key': 'therien2024simple',
      title: 'Simple Strategies to Pre-train LLMs',
      author: [
        { family: 'Thérien', given: 'Benjamin' },
        { 'non-dropping-particle': 'van der', family: 'Berg', given: 'Jan' },
      ],
      issued: { 'date-parts': [[2024, 3]] },
      abstract: 'We show $O(n)$ & more.',
      DOI: '10.48550/arXiv.2403.08763',
      URL: 'https://arxiv.org/abs/2403.08763',
      publisher: 'arXiv',
      number: 'arXiv:2403.08763',
      keyword: 'continual learning',
      annote: 'Read soon & carefully',
    });
  });

  it('is structurally valid CSL-JSON for the hostile fixture', () => {
    const parsed: unknown = JSON.parse(writeCslJson(hostilePapers, { includeNotes: true }));
    expect(cslProblems(parsed)).toEqual([]);
    expect((parsed as unknown[]).length).toBe(hostilePapers.length);
  });
});

describe('writeRis', () => {
  it('writes tags in order with TY first and ER last', () => {
    expect(writeRis([arxivPaper], { includeNotes: true }).split('\r\n')).toEqual([
      'TY  - GEN',
      'ID  - therien2024simple',
      'TI  - Simple Strategies to Pre-train LLMs',
      'AU  - Thérien, Benjamin',
      'AU  - van der Berg, Jan',
      'PY  - 2024',
      'DA  - 2024/03//',
      'AB  - We show $O(n)$ & more.',
      'DO  - 10.48550/arXiv.2403.08763',
      'PB  - arXiv',
      'M1  - arXiv:2403.08763',
      'UR  - https://arxiv.org/abs/2403.08763',
      'UR  - https://github.com/x/y',
      'KW  - continual learning',
      'N1  - Read soon & carefully',
      'ER  - ',
      '',
    ]);
  });

  it('opens every record with TY and closes it with ER, one line per tag', () => {
    const records = writeRis(hostilePapers, { includeNotes: true }).split('\r\n\r\n');
    expect(records).toHaveLength(hostilePapers.length);
    for (const record of records) {
      const lines = record.split('\r\n').filter((line) => line !== '');
      expect(lines[0]).toBe('TY  - GEN');
      expect(lines.at(-1)).toBe('ER  - ');
      for (const line of lines) expect(line).toMatch(/^[A-Z][A-Z0-9] {2}- /);
      expect(lines.filter((line) => line.startsWith('TY  - '))).toHaveLength(1);
    }
  });
});

describe('writeMarkdown', () => {
  it('writes title, authors, status, star, links and notes', () => {
    expect(writeMarkdown([arxivPaper, digestPaper])).toBe(
      [
        '# Reading list',
        '',
        '## [Simple Strategies to Pre\\-train LLMs](https://arxiv.org/abs/2403.08763) ★',
        '',
        'Benjamin Thérien, Jan van der Berg · 2024 · Status: Reading · Starred',
        '',
        '- arXiv: [2403.08763](https://arxiv.org/abs/2403.08763)',
        '- DOI: <https://doi.org/10.48550/arXiv.2403.08763>',
        '- <https://github.com/x/y>',
        '- Tags: continual learning',
        '',
        '> Read soon & carefully',
        '',
        '## Language Modeling on a SpiNNaker 2 Chip',
        '',
        '2026 · Status: Unread',
        '',
      ].join('\n'),
    );
  });

  it('escapes Markdown in titles and leaves notes out when asked', () => {
    const paper = makeExportPaper({ id: 'x', title: '[Click](javascript:x) *bold*', notes: 'secret' });
    const md = writeMarkdown([paper], { includeNotes: false });
    expect(md).toContain('## \\[Click\\]\\(javascript:x\\) \\*bold\\*');
    expect(md).not.toContain('secret');
  });
});
