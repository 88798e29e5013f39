import { describe, expect, it } from 'vitest';
import type { ParsedDigest, ParsedPaper } from '../../shared/model';
import { importDigest, MAX_STORED_WARNINGS } from './importDigest';
import { ShelfmarkDb } from './ShelfmarkDb';

let counter = 0;
const freshDb = () => new ShelfmarkDb(`test-${Date.now()}-${counter++}`);

function paper(title: string, extra: Partial<ParsedPaper> = {}): ParsedPaper {
  return { title, abstract: `Abstract of ${title}.`, authors: [], arxivId: null, links: [], ...extra };
}

function digest(papers: ParsedPaper[], digestDate = '2026-03-13'): ParsedDigest {
  return { format: 'hf-daily-text', digestDate, papers, warnings: [] };
}

describe('importDigest', () => {
  it('adds papers, the digest and appearances in one go, newest digest first', async () => {
    const db = freshDb();
    const first = await importDigest(db, {
      digestId: 'd1',
      fileName: 'a.txt',
      digest: digest([paper('A'), paper('B')], '2026-03-12'),
    });
    expect(first).toMatchObject({ added: 2, merged: 0, alreadyPresent: 0, alreadyImported: false });
    await importDigest(db, { digestId: 'd2', fileName: 'b.txt', digest: digest([paper('C')], '2026-03-13') });
    const ordered = await db.papers.orderBy('listOrder').reverse().toArray();
    expect(ordered.map((p) => p.title)).toEqual(['C', 'A', 'B']);
    expect(await db.appearances.count()).toBe(3);
    expect((await db.digests.get('d1'))?.paperCount).toBe(2);
  });

  it('re-importing identical content is a no-op that reports every paper as already present', async () => {
    const db = freshDb();
    const input = { digestId: 'same', fileName: 'a.txt', digest: digest([paper('A'), paper('B')]) };
    await importDigest(db, input);
    const before = await db.papers.toArray();
    const again = await importDigest(db, { ...input, now: Date.now() + 1000 });
    expect(again).toMatchObject({ alreadyImported: true, added: 0, alreadyPresent: 2 });
    expect(await db.papers.toArray()).toEqual(before);
    expect(await db.digests.count()).toBe(1);
  });

  it('merges a richer record into the title-only paper and never touches user fields', async () => {
    const db = freshDb();
    await importDigest(db, { digestId: 'd1', fileName: 'a.txt', digest: digest([paper('Attention Is All You Need')]) });
    const [original] = await db.papers.toArray();
    await db.papers.update(original!.id, {
      starred: 1,
      status: 'reading',
      notes: 'my note',
      tags: ['nlp'],
      citationKey: 'k',
    });
    const richer = paper('Attention is all you need!', {
      arxivId: '1706.03762',
      authors: ['Ashish Vaswani'],
      abstract: 'A much longer abstract than the first one had, with more detail.',
      links: ['https://github.com/x/y'],
    });
    const summary = await importDigest(db, {
      digestId: 'd2',
      fileName: 'b.txt',
      digest: digest([richer], '2026-03-14'),
    });
    expect(summary).toMatchObject({ added: 0, merged: 1 });
    const papers = await db.papers.toArray();
    expect(papers).toHaveLength(1);
    expect(papers[0]).toMatchObject({
      id: original!.id,
      arxivId: '1706.03762',
      authors: ['Ashish Vaswani'],
      links: ['https://github.com/x/y'],
      starred: 1,
      status: 'reading',
      notes: 'my note',
      tags: ['nlp'],
      citationKey: 'k',
      lastDigestDate: '2026-03-14',
    });
    expect(await db.appearances.where('paperId').equals(original!.id).count()).toBe(2);
  });

  it('never merges papers whose titles only share a prefix, or that carry different arXiv ids', async () => {
    const db = freshDb();
    await importDigest(db, {
      digestId: 'd1',
      fileName: 'a.txt',
      digest: digest([
        paper('Scaling Laws'),
        paper('Scaling Laws for Neural Language Models'),
        paper('Same', { arxivId: '2401.00001' }),
      ]),
    });
    const summary = await importDigest(db, {
      digestId: 'd2',
      fileName: 'b.txt',
      digest: digest([paper('Same', { arxivId: '2401.00002' })]),
    });
    expect(summary.added).toBe(1);
    expect(await db.papers.count()).toBe(4);
  });

  it('counts a paper listed twice in one file once', async () => {
    const db = freshDb();
    const summary = await importDigest(db, {
      digestId: 'd1',
      fileName: 'a.txt',
      digest: digest([paper('A'), paper('A')]),
    });
    expect(summary).toMatchObject({ added: 1, alreadyPresent: 1 });
    expect(await db.papers.count()).toBe(1);
    expect(await db.appearances.count()).toBe(1);
  });

  it('writes nothing when the transaction fails part-way', async () => {
    const db = freshDb();
    await importDigest(db, { digestId: 'd0', fileName: 'seed.txt', digest: digest([paper('Seed')]) });
    // a record the parser could never produce makes the transaction throw half-way
    const broken = digest([paper('X'), { ...paper('Y'), title: undefined as unknown as string }]);
    await expect(importDigest(db, { digestId: 'd1', fileName: 'bad.txt', digest: broken })).rejects.toThrow();
    expect(await db.papers.count()).toBe(1);
    expect(await db.digests.count()).toBe(1);
    expect(await db.appearances.count()).toBe(1);
  });
});

describe('importDigest: placeholders, report and history record', () => {
  it('a real title replaces the arXiv:ID stand-in, and a stand-in never replaces a real title', async () => {
    const db = freshDb();
    const placeholder = (id: string) => paper(`arXiv:${id}`, { arxivId: id, abstract: '', titleIsPlaceholder: true });
    await importDigest(db, { digestId: 'ids', fileName: 'ids.txt', digest: digest([placeholder('2401.00001')]) });
    const summary = await importDigest(db, {
      digestId: 'hf',
      fileName: 'hf.txt',
      digest: digest([paper('Real Title', { arxivId: '2401.00001' })], '2026-03-14'),
    });
    expect(summary).toMatchObject({ added: 0, merged: 1 });
    expect(await db.papers.get('arxiv:2401.00001')).toMatchObject({ title: 'Real Title', titleKey: 'real title' });

    const again = await importDigest(db, {
      digestId: 'ids2',
      fileName: 'ids2.txt',
      digest: digest([placeholder('2401.00001')], '2026-03-15'),
    });
    expect(again).toMatchObject({ added: 0, merged: 0, alreadyPresent: 1 });
    expect((await db.papers.get('arxiv:2401.00001'))!.title).toBe('Real Title');
  });

  it('a stand-in title never matches by title, only by its id', async () => {
    const db = freshDb();
    await importDigest(db, {
      digestId: 'a',
      fileName: 'a.txt',
      digest: digest([paper('arXiv:2401.00009', { arxivId: '2401.00009', titleIsPlaceholder: true })]),
    });
    const summary = await importDigest(db, {
      digestId: 'b',
      fileName: 'b.txt',
      digest: digest([paper('arXiv:2401.00008', { arxivId: '2401.00008', titleIsPlaceholder: true })]),
    });
    expect(summary.added).toBe(1);
    expect(await db.papers.count()).toBe(2);
  });

  it('matches by arXiv id before the title key', async () => {
    const db = freshDb();
    await importDigest(db, {
      digestId: 'a',
      fileName: 'a.txt',
      digest: digest([paper('Old Name', { arxivId: '2401.00001' }), paper('New Name')]),
    });
    await importDigest(db, {
      digestId: 'b',
      fileName: 'b.txt',
      digest: digest([paper('New Name', { arxivId: '2401.00001', authors: ['A. Author'] })]),
    });
    expect((await db.papers.get('arxiv:2401.00001'))!.authors).toEqual(['A. Author']);
    expect((await db.papers.get('title:new name'))!.authors).toEqual([]);
  });

  it('writes the import record in the same transaction, with the report and what undo needs', async () => {
    const db = freshDb();
    await importDigest(db, { digestId: 'd0', fileName: 'seed.txt', digest: digest([paper('A')]) });
    const summary = await importDigest(db, {
      digestId: 'd1',
      fileName: 'b.bib',
      digest: {
        ...digest([paper('A', { authors: ['X'] }), paper('B', { tags: ['ml'], citationKey: 'b2026' })]),
        format: 'bibtex',
        warnings: ['line 9: entry without a title skipped'],
      },
      source: 'drop',
      encoding: 'utf-8',
      sizeBytes: 1234,
      dateBasis: { kind: 'in-file' },
      now: 1000,
    });
    const record = await db.imports.get(summary.importId);
    expect(record).toMatchObject({
      fileName: 'b.bib',
      source: 'drop',
      outcome: 'imported',
      digestId: 'd1',
      format: 'bibtex',
      encoding: 'utf-8',
      sizeBytes: 1234,
      digestDate: '2026-03-13',
      dateBasis: { kind: 'in-file' },
      papersInFile: 2,
      added: 1,
      merged: 1,
      alreadyPresent: 0,
      warnings: ['line 9: entry without a title skipped'],
      addedPaperIds: ['title:b'],
      mergedPaperIds: ['title:a'],
      importedUserFields: [{ id: 'title:b', tags: ['ml'], citationKey: 'b2026' }],
      importedAt: 1000,
      undo: null,
    });
    const again = await importDigest(db, { digestId: 'd1', fileName: 'b.bib', digest: digest([paper('A')]) });
    expect((await db.imports.get(again.importId))?.outcome).toBe('already-imported');
  });

  it('a failed transaction leaves no history record either', async () => {
    const db = freshDb();
    const broken = digest([paper('X'), { ...paper('Y'), title: undefined as unknown as string }]);
    await expect(importDigest(db, { digestId: 'd1', fileName: 'bad.txt', digest: broken })).rejects.toThrow();
    expect(await db.imports.count()).toBe(0);
  });

  it('a file larger than one write chunk: matches across chunks, writes every row, or none of them', async () => {
    const many = Array.from({ length: 5_003 }, (_, i) => paper(`Paper ${i}`));
    // the last entry repeats the first, richer: merged into it, not added
    many.push(paper('Paper 0', { authors: ['Ana Araújo'], abstract: 'A much longer abstract of paper zero.' }));
    const db = freshDb();
    const summary = await importDigest(db, { digestId: 'big', fileName: 'big.txt', digest: digest(many) });
    expect(summary).toMatchObject({ added: 5_003, merged: 0, alreadyPresent: 1 });
    expect(await db.papers.count()).toBe(5_003);
    expect(await db.appearances.count()).toBe(5_003);
    expect((await db.papers.get('title:paper 0'))?.authors).toEqual(['Ana Araújo']);
    expect((await db.appearances.get(['big', 'title:paper 0']))?.position).toBe(0);

    // A row the database cannot store in the second chunk undoes the first chunk too.
    const failing = freshDb();
    const unstorable = [...many.slice(0, 5_002), paper('Bad', { authors: [(() => 'x') as unknown as string] })];
    await expect(
      importDigest(failing, { digestId: 'bad', fileName: 'bad.txt', digest: digest(unstorable) }),
    ).rejects.toMatchObject({ name: 'DataCloneError' });
    expect(await failing.papers.count()).toBe(0);
    expect(await failing.appearances.count()).toBe(0);
    expect(await failing.digests.count()).toBe(0);
  }, 120_000); // 10,000 rows through fake-indexeddb: seconds, more on a loaded machine

  it('keeps at most MAX_STORED_WARNINGS warnings and counts the rest', async () => {
    const db = freshDb();
    const warnings = Array.from({ length: MAX_STORED_WARNINGS + 7 }, (_, i) => `line ${i + 1}: skipped`);
    const summary = await importDigest(db, {
      digestId: 'w',
      fileName: 'w.txt',
      digest: { ...digest([paper('A')]), warnings },
    });
    const record = await db.imports.get(summary.importId);
    expect(record?.warnings).toHaveLength(MAX_STORED_WARNINGS);
    expect(record?.moreWarnings).toBe(7);
  });
});
