import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { paper } from '../test/papers';
import { exportScopeIds, readExportPapers, scopeView, toExportPaper } from './exportPapers';
import { ShelfmarkDb } from './ShelfmarkDb';

let db: ShelfmarkDb;

beforeEach(async () => {
  db = new ShelfmarkDb(`export-${Math.random()}`);
  await db.papers.bulkPut([
    paper({ id: 'a', listOrder: '2026-03-13~3', starred: 1, status: 'read', tags: ['llm'] }),
    paper({ id: 'b', listOrder: '2026-03-14~1', starred: 1, status: 'unread' }),
    paper({ id: 'c', listOrder: '2026-03-12~1', starred: 0, status: 'read', tags: ['llm', 'rl'] }),
    paper({ id: 'd', listOrder: '2026-03-11~1', starred: 0, status: 'reading' }),
  ]);
  await db.digests.bulkPut([
    { id: 'd1', fileName: 'a.txt', format: 'hf-daily-text', date: '2026-03-13', importedAt: 1, paperCount: 2 },
    { id: 'd2', fileName: 'b.xml', format: 'arxiv-rss', date: '2026-03-14', importedAt: 2, paperCount: 2 },
  ]);
  await db.appearances.bulkPut([
    { digestId: 'd1', paperId: 'a', digestDate: '2026-03-13', position: 0 },
    { digestId: 'd1', paperId: 'c', digestDate: '2026-03-13', position: 1 },
    { digestId: 'd2', paperId: 'a', digestDate: '2026-03-14', position: 0 },
    { digestId: 'd2', paperId: 'b', digestDate: '2026-03-14', position: 1 },
  ]);
});

afterEach(async () => {
  await db.delete();
});

describe('exportScopeIds', () => {
  it.each([
    [{ kind: 'all' }, ['b', 'a', 'c', 'd']],
    [{ kind: 'starred' }, ['b', 'a']],
    [{ kind: 'status', status: 'read' }, ['a', 'c']],
    [{ kind: 'status', status: 'unread' }, ['b']],
    [{ kind: 'tag', tag: 'llm' }, ['a', 'c']],
    [{ kind: 'tag', tag: 'none' }, []],
    [{ kind: 'digest', digestId: 'd1' }, ['a', 'c']],
    [{ kind: 'digest', digestId: 'd2' }, ['b', 'a']],
  ] as const)('%o → %o, newest digest first', async (scope, expected) => {
    expect(await exportScopeIds(db, scope)).toEqual(expected);
  });

  it('keeps the order of an id list (current view, selection) and drops repeats', async () => {
    expect(await exportScopeIds(db, { kind: 'ids', ids: ['c', 'a', 'c'] })).toEqual(['c', 'a']);
  });

  it('maps scopes to the sidebar views that list them', () => {
    expect(scopeView({ kind: 'status', status: 'unread' })).toBe('inbox');
    expect(scopeView({ kind: 'digest', digestId: 'x' })).toBe('digest:x');
  });
});

describe('readExportPapers', () => {
  it('adds digest dates (newest first) and source names from the appearances', async () => {
    const papers = await readExportPapers(db, ['a', 'd', 'missing', 'c']);
    expect(papers.map((p) => p.id)).toEqual(['a', 'd', 'c']);
    expect(papers[0]).toMatchObject({
      digestDates: ['2026-03-14', '2026-03-13'],
      digestNames: ['arXiv', 'Hugging Face Daily Papers'],
    });
    expect(papers[1]).toMatchObject({ digestDates: [], digestNames: [] });
    expect(papers[2]).toMatchObject({ digestDates: ['2026-03-13'], digestNames: ['Hugging Face Daily Papers'] });
  });

  it('reads every appearance at once for big scopes, with the same result', async () => {
    const many = Array.from({ length: 2_100 }, (_, i) => paper({ id: `p${i}`, listOrder: `2026-01-01~${i}` }));
    await db.papers.bulkPut(many);
    await db.appearances.bulkPut(
      many.map((p, i) => ({ digestId: 'd1', paperId: p.id, digestDate: '2026-03-13', position: i + 10 })),
    );
    const papers = await readExportPapers(
      db,
      many.map((p) => p.id),
    );
    expect(papers).toHaveLength(2_100);
    expect(papers.every((p) => p.digestDates[0] === '2026-03-13')).toBe(true);
  }, 30_000); // fake-indexeddb writes 2,100 rows slowly on a busy machine

  it('lists a date once when two digests of the same day listed the paper', () => {
    const row = paper({ id: 'x' });
    const exported = toExportPaper(
      row,
      [
        { digestId: 'd1', paperId: 'x', digestDate: '2026-03-13', position: 0 },
        { digestId: 'd2', paperId: 'x', digestDate: '2026-03-13', position: 0 },
        { digestId: 'd3', paperId: 'x', digestDate: null, position: 0 },
      ],
      new Map(),
    );
    expect(exported.digestDates).toEqual(['2026-03-13']);
    expect(exported.digestNames).toEqual(['']);
  });
});
