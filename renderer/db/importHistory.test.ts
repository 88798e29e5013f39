import { describe, expect, it } from 'vitest';
import type { ParsedDigest, ParsedPaper } from '../../shared/model';
import { importDigest } from './importDigest';
import { describeDateBasis, hasUserData, importHistory, recordRefusedImport, undoImport } from './importHistory';
import { ShelfmarkDb } from './ShelfmarkDb';

let counter = 0;
const freshDb = () => new ShelfmarkDb(`history-${Date.now()}-${counter++}`);
const paper = (title: string, extra: Partial<ParsedPaper> = {}): ParsedPaper => ({
  title,
  abstract: `Abstract of ${title}.`,
  authors: [],
  arxivId: null,
  links: [],
  ...extra,
});
const digest = (papers: ParsedPaper[], digestDate: string): ParsedDigest => ({
  format: 'hf-daily-text',
  digestDate,
  papers,
  warnings: [],
});

async function importFile(db: ShelfmarkDb, id: string, papers: ParsedPaper[], date: string, now: number) {
  return importDigest(db, { digestId: id, fileName: `${id}.txt`, digest: digest(papers, date), now });
}

describe('undoImport', () => {
  it('removes what only that import brought in, keeps papers with user data or listed elsewhere', async () => {
    const db = freshDb();
    await importFile(db, 'old', [paper('Shared'), paper('Thin')], '2026-03-10', 1000);
    const later = await importFile(
      db,
      'new',
      [paper('Shared'), paper('Thin', { authors: ['A. Author'] }), paper('Only New'), paper('Starred New')],
      '2026-03-12',
      2000,
    );
    expect(later).toMatchObject({ added: 2, merged: 1, alreadyPresent: 1 });
    await db.papers.update('title:starred new', { starred: 1 });

    const result = await undoImport(db, later.importId, 3000);
    expect(result).toEqual({ removed: ['title:only new'], keptForUserData: ['title:starred new'], stillListed: [] });
    expect((await db.papers.toCollection().primaryKeys()).sort()).toEqual([
      'title:shared',
      'title:starred new',
      'title:thin',
    ]);
    // merged metadata stays; the papers sort by the digests that still list them
    const thin = await db.papers.get('title:thin');
    expect(thin).toMatchObject({ authors: ['A. Author'], lastDigestDate: '2026-03-10' });
    expect((await db.papers.get('title:shared'))!.lastDigestDate).toBe('2026-03-10');
    expect(await db.digests.get('new')).toBeUndefined();
    expect(await db.appearances.where('digestId').equals('new').count()).toBe(0);
    expect(await db.appearances.where('digestId').equals('old').count()).toBe(2);
    expect(await db.imports.get(later.importId)).toMatchObject({
      outcome: 'undone',
      undo: { at: 3000, removed: 1, kept: 1, restored: 2 },
    });
    // the same file can be imported again afterwards
    expect((await importFile(db, 'new', [paper('Only New')], '2026-03-12', 4000)).added).toBe(1);
  });

  it('keeps a paper a later import lists too, and the tags and key a .bib gave are not user data', async () => {
    const db = freshDb();
    const first = await importDigest(db, {
      digestId: 'bib',
      fileName: 'refs.bib',
      digest: {
        ...digest([paper('From Bib', { tags: ['ml'], citationKey: 'k1' }), paper('Also Later')], '2026-03-01'),
        format: 'bibtex',
      },
      now: 1000,
    });
    await importFile(db, 'later', [paper('Also Later')], '2026-03-05', 2000);
    const result = await undoImport(db, first.importId);
    expect(result).toEqual({ removed: ['title:from bib'], keptForUserData: [], stillListed: ['title:also later'] });
    expect(await db.papers.get('title:also later')).toMatchObject({ lastDigestDate: '2026-03-05' });
  });

  it.each([
    ['starred', { starred: 1 as const }],
    ['reading', { status: 'reading' as const }],
    ['with notes', { notes: 'mine' }],
    ['tagged', { tags: ['keep'] }],
    ['with a pinned key', { citationKey: 'vaswani2017' }],
  ])('keeps a paper that is %s', async (_name, change) => {
    const db = freshDb();
    const summary = await importFile(db, 'd', [paper('Mine'), paper('Not Mine')], '2026-03-01', 1000);
    await db.papers.update('title:mine', change);
    const result = await undoImport(db, summary.importId);
    expect(result.keptForUserData).toEqual(['title:mine']);
    expect(result.removed).toEqual(['title:not mine']);
  });

  it('refuses to undo twice, or an import that wrote nothing', async () => {
    const db = freshDb();
    const summary = await importFile(db, 'd', [paper('A')], '2026-03-01', 1000);
    const again = await importFile(db, 'd', [paper('A')], '2026-03-01', 2000);
    await expect(undoImport(db, again.importId)).rejects.toThrow(/only a committed import can be undone/);
    await undoImport(db, summary.importId);
    await expect(undoImport(db, summary.importId)).rejects.toThrow(/is undone/);
    await expect(undoImport(db, 'nope')).rejects.toThrow(/no longer in the history/);
  });
});

describe('import history', () => {
  it('lists every import newest first, refused files included', async () => {
    const db = freshDb();
    await importFile(db, 'a', [paper('A')], '2026-03-01', 1000);
    await recordRefusedImport(db, { fileName: 'list.txt', error: 'list.txt: no digest format recognized', now: 2000 });
    await importFile(db, 'a', [paper('A')], '2026-03-01', 3000);
    const history = await importHistory(db);
    expect(history.map((r) => [r.fileName, r.outcome])).toEqual([
      ['a.txt', 'already-imported'],
      ['list.txt', 'refused'],
      ['a.txt', 'imported'],
    ]);
    expect(history[1]!.error).toBe('list.txt: no digest format recognized');
  });

  it('says where the digest year came from', () => {
    expect(describeDateBasis({ kind: 'mtime', reference: '2026-03-20' })).toBe(
      "year from the file's modification date (2026-03-20)",
    );
    expect(describeDateBasis({ kind: 'email-date', reference: '2024-03-14' })).toContain("e-mail's Date header");
    expect(describeDateBasis({ kind: 'in-file' })).toBe('stated in the file');
  });

  it('user data is what the person changed, not what the file gave', () => {
    const base = {
      id: 'x',
      title: 'X',
      titleKey: 'x',
      abstract: '',
      authors: [],
      arxivId: null,
      doi: null,
      links: [],
      status: 'unread' as const,
      starred: 0 as const,
      notes: '',
      tags: ['ml'],
      citationKey: 'k',
      readAt: null,
      addedAt: 0,
      updatedAt: 0,
      lastDigestDate: '',
      listOrder: '',
    };
    expect(hasUserData(base, { tags: ['ml'], citationKey: 'k' })).toBe(false);
    expect(hasUserData(base, { tags: [], citationKey: 'k' })).toBe(true);
    expect(hasUserData({ ...base, tags: [], citationKey: null })).toBe(false);
  });
});
