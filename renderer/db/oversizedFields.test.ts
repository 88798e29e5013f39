import { describe, expect, it } from 'vitest';
import type { ParsedDigest, ParsedPaper } from '../../shared/model';
import { importDigest } from './importDigest';
import { capOversizedFields, cutText, MAX_ABSTRACT_CHARS, MAX_AUTHOR_CHARS, MAX_TITLE_CHARS } from './oversizedFields';
import { ShelfmarkDb } from './ShelfmarkDb';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function paper(title: string, extra: Partial<ParsedPaper> = {}): ParsedPaper {
  return { title, abstract: `Abstract of ${title}.`, authors: [], arxivId: null, links: [], ...extra };
}

function digest(papers: ParsedPaper[], warnings: string[] = []): ParsedDigest {
  return { format: 'hf-daily-text', digestDate: '2026-03-13', papers, warnings };
}

describe('cutText', () => {
  it('keeps short text as it is and cuts long text with an ellipsis', () => {
    expect(cutText('short', 10)).toBe('short');
    expect(cutText('0123456789abc', 10)).toBe('0123456789\u2026');
  });

  it('never splits a surrogate pair', () => {
    const cut = cutText(`${'a'.repeat(9)}😀tail`, 10);
    expect(cut).toBe(`${'a'.repeat(9)}\u2026`);
    expect(cut).not.toMatch(LONE_SURROGATE);
  });
});

describe('capOversizedFields', () => {
  it('returns the same digest when nothing is too long', () => {
    const d = digest([paper('A normal title', { authors: ['Ada Lovelace'] })]);
    expect(capOversizedFields(d)).toBe(d);
  });

  it('cuts a 1 MB title, a huge abstract and a huge author name, and says so in the warnings', () => {
    const huge = `Huge ${'A'.repeat(1024 * 1024)}`;
    const d = digest(
      [paper('Fine'), paper(huge, { abstract: huge.repeat(2), authors: ['Ok Name', huge], line: 7 })],
      ['line 3: something the parser said'],
    );
    const capped = capOversizedFields(d);
    const p = capped.papers[1]!;
    expect(p.title.length).toBe(MAX_TITLE_CHARS + 1);
    expect(p.title.startsWith('Huge AAAA')).toBe(true);
    expect(p.abstract.length).toBeLessThanOrEqual(MAX_ABSTRACT_CHARS + 1);
    expect(p.authors).toEqual(['Ok Name', cutText(huge, MAX_AUTHOR_CHARS)]);
    expect(capped.papers[0]).toBe(d.papers[0]);
    expect(capped.warnings).toEqual([
      'line 7: paper 2: title of 1,048,581 characters cut to its first 1,000 (the file itself is unchanged)',
      'line 7: paper 2: abstract of 2,097,162 characters cut to its first 100,000 (the file itself is unchanged)',
      'line 7: paper 2: author name of 1,048,581 characters cut to its first 1,000 (the file itself is unchanged)',
      'line 3: something the parser said',
    ]);
    // the input is not modified
    expect(d.papers[1]!.title).toBe(huge);
    expect(d.warnings).toHaveLength(1);
  });

  it('importDigest stores the cut title (a short title key) and reports the cut in the import record', async () => {
    const db = new ShelfmarkDb(`oversized-${Date.now()}`);
    const huge = `Huge ${'A'.repeat(1024 * 1024)}`;
    const summary = await importDigest(db, { digestId: 'd', fileName: 'huge.txt', digest: digest([paper(huge)]) });
    expect(summary.added).toBe(1);
    expect(summary.warnings[0]).toMatch(/^paper 1: title of 1,048,581 characters cut/);
    const [stored] = await db.papers.toArray();
    expect(stored!.title.length).toBe(MAX_TITLE_CHARS + 1);
    expect(stored!.titleKey.length).toBeLessThanOrEqual(MAX_TITLE_CHARS + 1);
    expect(stored!.id.length).toBeLessThanOrEqual(MAX_TITLE_CHARS + 10);
    const [record] = await db.imports.toArray();
    expect(record!.warnings[0]).toMatch(/title of 1,048,581 characters cut/);
  });
});
