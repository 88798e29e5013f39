import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { Appearance, Digest } from '../../shared/model';
import { paper } from '../test/papers';
import { withoutQueueFields } from '../test/queue';
import { tagCounts, viewPaperIds } from './queries';
import { SCHEMA_V1, ShelfmarkDb } from './ShelfmarkDb';

const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

const FIXTURE = [
  paper({
    id: 'arxiv:2403.00001',
    title: 'Zeta',
    titleKey: 'zeta',
    listOrder: '2026-03-13~b',
    addedAt: 10,
    updatedAt: 30,
  }),
  paper({
    id: 'title:alpha',
    title: 'Alpha',
    titleKey: 'alpha',
    listOrder: '2026-03-12~a',
    addedAt: 20,
    updatedAt: 10,
    status: 'read',
    readAt: 500,
    starred: 1,
    notes: 'kept',
    tags: ['llm', 'vision'],
  }),
  paper({
    id: 'arxiv:2403.00003',
    title: 'Mu',
    titleKey: 'mu',
    listOrder: '2026-03-14~c',
    addedAt: 30,
    updatedAt: 20,
    status: 'reading',
    tags: ['llm'],
  }),
];
const DIGESTS: Digest[] = [
  { id: 'd1', fileName: 'a.txt', format: 'hf-daily-text', date: '2026-03-13', importedAt: 1, paperCount: 3 },
];
const APPEARANCES: Appearance[] = FIXTURE.map((p, i) => ({
  digestId: 'd1',
  paperId: p.id,
  digestDate: '2026-03-13',
  position: i,
}));

/** A database exactly as version 1 of the app left it. */
async function createV1(name: string): Promise<void> {
  const v1 = new Dexie(name);
  v1.version(1).stores(SCHEMA_V1);
  await v1.open();
  await v1.table('papers').bulkPut(FIXTURE);
  await v1.table('digests').bulkPut(DIGESTS);
  await v1.table('appearances').bulkPut(APPEARANCES);
  v1.close();
}

describe('schema upgrade v1 → v2', () => {
  it('keeps every row intact and makes the new indexes usable on old rows', async () => {
    const name = `upgrade-${Math.random()}`;
    names.push(name);
    await createV1(name);

    const db = new ShelfmarkDb(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(2); // later versions (v3: imports) build on v2
    expect((await db.papers.orderBy('id').toArray()).map(withoutQueueFields)).toEqual(
      [...FIXTURE].sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
    expect(await db.digests.toArray()).toEqual(DIGESTS);
    expect(await db.appearances.count()).toBe(3);

    // compound and readAt indexes were built for the existing rows
    expect(await viewPaperIds(db, 'all', 'digestDate')).toEqual([
      'arxiv:2403.00003',
      'arxiv:2403.00001',
      'title:alpha',
    ]);
    expect(await viewPaperIds(db, 'all', 'title')).toEqual(['title:alpha', 'arxiv:2403.00003', 'arxiv:2403.00001']);
    expect(await viewPaperIds(db, 'inbox', 'added')).toEqual(['arxiv:2403.00001']);
    expect(await viewPaperIds(db, 'read', 'touched')).toEqual(['title:alpha']);
    expect(await viewPaperIds(db, 'starred', 'digestDate')).toEqual(['title:alpha']);
    expect(await db.papers.orderBy('readAt').keys()).toEqual([500]);
    db.close();
  });

  it('opens an empty new database at version 2', async () => {
    const name = `fresh-${Math.random()}`;
    names.push(name);
    const db = new ShelfmarkDb(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(2); // later versions (v3: imports) build on v2
    expect(await db.papers.count()).toBe(0);
    db.close();
  });
});

describe('list queries', () => {
  it('orders every view by each sort and counts tags from the index', async () => {
    const name = `views-${Math.random()}`;
    names.push(name);
    const db = new ShelfmarkDb(name);
    await db.papers.bulkPut(FIXTURE);
    await db.appearances.bulkPut(APPEARANCES.slice(0, 2));
    expect(await viewPaperIds(db, 'all', 'touched')).toEqual(['arxiv:2403.00001', 'arxiv:2403.00003', 'title:alpha']);
    expect(await viewPaperIds(db, 'reading', 'digestDate')).toEqual(['arxiv:2403.00003']);
    expect(await viewPaperIds(db, 'tag:llm', 'title')).toEqual(['title:alpha', 'arxiv:2403.00003']);
    expect(await viewPaperIds(db, 'tag:llm', 'added')).toEqual(['arxiv:2403.00003', 'title:alpha']);
    expect(await viewPaperIds(db, 'digest:d1', 'digestDate')).toEqual(['arxiv:2403.00001', 'title:alpha']);
    // the first page, read with a short cursor, agrees with the full list
    expect(await viewPaperIds(db, 'all', 'digestDate', 2)).toEqual(['arxiv:2403.00003', 'arxiv:2403.00001']);
    expect(await viewPaperIds(db, 'all', 'title', 2)).toEqual(['title:alpha', 'arxiv:2403.00003']);
    expect(await viewPaperIds(db, 'inbox', 'touched', 5)).toEqual(['arxiv:2403.00001']);
    expect(await tagCounts(db)).toEqual([
      { tag: 'llm', count: 2 },
      { tag: 'vision', count: 1 },
    ]);
    db.close();
  });

  it('orders every status and starred view under every sort like a sort of the rows (ties by id)', async () => {
    const name = `views-sorts-${Math.random()}`;
    names.push(name);
    const db = new ShelfmarkDb(name);
    const statuses = ['unread', 'reading', 'read', 'dismissed'] as const;
    // few distinct sort values, so ties are common and must fall back to the id as before
    const rows = Array.from({ length: 300 }, (_, i) =>
      paper({
        id: `arxiv:2501.${String((i * 7919) % 1000).padStart(5, '0')}`,
        titleKey: `t${i % 11}`,
        listOrder: `2026-01-${String(10 + (i % 9)).padStart(2, '0')}~${i % 5}`,
        addedAt: i % 13,
        updatedAt: i % 17,
        status: statuses[(i * 3) % 4],
        starred: i % 3 === 0 ? 1 : 0,
      }),
    );
    await db.papers.bulkPut(rows);
    const sortField = { digestDate: 'listOrder', added: 'addedAt', title: 'titleKey', touched: 'updatedAt' } as const;
    const views = { inbox: 'unread', read: 'read', dismissed: 'dismissed', starred: null } as const;
    for (const [view, status] of Object.entries(views)) {
      for (const [sort, field] of Object.entries(sortField)) {
        const members = rows.filter((p) => (status === null ? p.starred === 1 : p.status === status));
        const expected = members
          .sort((a, b) => (a[field] < b[field] ? -1 : a[field] > b[field] ? 1 : a.id < b.id ? -1 : 1))
          .map((p) => p.id);
        if (sort !== 'title') expected.reverse();
        const got = await viewPaperIds(db, view as 'inbox', sort as 'title');
        expect(got, `${view} by ${sort}`).toEqual(expected);
        expect(await viewPaperIds(db, view as 'inbox', sort as 'title', 7), `${view} by ${sort}, first page`).toEqual(
          expected.slice(0, 7),
        );
      }
    }
    db.close();
  });
});
