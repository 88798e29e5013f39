import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { paper } from '../test/papers';
import { type LibraryChange, onLibraryChange } from './libraryEvents';
import {
  addTag,
  cycleStatus,
  deletePapers,
  nextStatus,
  normalizeTag,
  removeTag,
  restorePapers,
  setNotes,
  setStarred,
  setStatus,
  toggleStar,
} from './paperRepository';
import { ShelfmarkDb } from './ShelfmarkDb';

let db: ShelfmarkDb;
let changes: LibraryChange[];
let stop: () => void;

beforeEach(async () => {
  db = new ShelfmarkDb(`repo-${Math.random()}`);
  await db.papers.bulkPut([
    paper({ id: 'a', title: 'Alpha' }),
    paper({ id: 'b', title: 'Beta' }),
    paper({ id: 'c', title: 'Gamma', tags: ['llm'] }),
  ]);
  await db.appearances.bulkPut([
    { digestId: 'd1', paperId: 'a', digestDate: '2026-03-13', position: 0 },
    { digestId: 'd1', paperId: 'b', digestDate: '2026-03-13', position: 1 },
    { digestId: 'd2', paperId: 'a', digestDate: '2026-03-14', position: 0 },
  ]);
  changes = [];
  stop = onLibraryChange((change) => changes.push(change));
});

afterEach(async () => {
  stop();
  await db.delete();
});

describe('star', () => {
  it('toggles one paper and stamps it as touched', async () => {
    expect(await toggleStar(db, 'a', 5_000)).toBe(true);
    expect(await db.papers.get('a')).toMatchObject({ starred: 1, updatedAt: 5_000 });
    expect(await toggleStar(db, 'a', 6_000)).toBe(false);
    expect((await db.papers.get('a'))!.starred).toBe(0);
    expect(changes).toEqual([{ upserted: ['a'] }, { upserted: ['a'] }]);
  });

  it('stars in bulk and leaves papers already in that state untouched', async () => {
    await setStarred(db, ['a'], true, 2_000);
    expect(await setStarred(db, ['a', 'b', 'c'], true, 3_000)).toBe(2);
    const rows = await db.papers.bulkGet(['a', 'b', 'c']);
    expect(rows.map((p) => p!.starred)).toEqual([1, 1, 1]);
    expect(rows.map((p) => p!.updatedAt)).toEqual([2_000, 3_000, 3_000]);
  });

  it('says nothing when nothing changed', async () => {
    expect(await setStarred(db, ['a'], false)).toBe(0);
    expect(changes).toEqual([]);
  });
});

describe('status', () => {
  it('cycles unread → reading → read → unread, with the read time only while read', async () => {
    expect(nextStatus('unread')).toBe('reading');
    expect(await cycleStatus(db, 'a', 10)).toBe('reading');
    expect(await db.papers.get('a')).toMatchObject({ status: 'reading', readAt: null });
    expect(await cycleStatus(db, 'a', 20)).toBe('read');
    expect(await db.papers.get('a')).toMatchObject({ status: 'read', readAt: 20 });
    expect(await cycleStatus(db, 'a', 30)).toBe('unread');
    expect(await db.papers.get('a')).toMatchObject({ status: 'unread', readAt: null, updatedAt: 30 });
  });

  it('sets many at once', async () => {
    await setStatus(db, ['a', 'b'], 'read', 99);
    expect((await db.papers.where('status').equals('read').primaryKeys()).sort()).toEqual(['a', 'b']);
    expect(await db.papers.where('readAt').equals(99).count()).toBe(2);
  });

  it('returns null for a paper that is gone', async () => {
    expect(await cycleStatus(db, 'nope')).toBeNull();
  });
});

describe('tags', () => {
  it('normalizes what people type', () => {
    expect(normalizeTag('  Large  Language Models ')).toBe('large-language-models');
    expect(normalizeTag('#RL')).toBe('rl');
    expect(normalizeTag(' , ')).toBeNull();
  });

  it('adds a tag once per paper, in bulk, and removes it', async () => {
    expect(await addTag(db, ['a', 'c'], 'LLM')).toBe(1);
    expect((await db.papers.get('a'))!.tags).toEqual(['llm']);
    expect((await db.papers.get('c'))!.tags).toEqual(['llm']);
    expect(await db.papers.where('tags').equals('llm').count()).toBe(2);
    await removeTag(db, ['a'], 'llm');
    expect((await db.papers.get('a'))!.tags).toEqual([]);
  });

  it('ignores an empty tag', async () => {
    expect(await addTag(db, ['a'], '   ')).toBe(0);
  });
});

describe('notes', () => {
  it('saves the text exactly', async () => {
    const text = 'Key idea: **retention**.\n\n- try on 7B\n<script>alert(1)</script>';
    await setNotes(db, 'b', text, 7);
    expect(await db.papers.get('b')).toMatchObject({ notes: text, updatedAt: 7 });
  });
});

describe('delete and undo', () => {
  it('removes papers with their appearances, and restore puts back exactly what was there', async () => {
    await setStarred(db, ['a'], true, 50);
    await setNotes(db, 'a', 'my note', 60);
    const before = await db.papers.get('a');
    const deleted = await deletePapers(db, ['a', 'b']);
    expect(deleted.papers.map((p) => p.id).sort()).toEqual(['a', 'b']);
    expect(deleted.appearances).toHaveLength(3);
    expect(await db.papers.count()).toBe(1);
    expect(await db.appearances.count()).toBe(0);
    expect(changes.at(-1)).toEqual({ removed: ['a', 'b'] });

    await restorePapers(db, deleted);
    expect(await db.papers.get('a')).toEqual(before);
    expect(await db.appearances.where('paperId').equals('a').count()).toBe(2);
    expect(changes.at(-1)).toEqual({ upserted: ['a', 'b'] });
  });

  it('skips ids that do not exist', async () => {
    const deleted = await deletePapers(db, ['zzz']);
    expect(deleted.papers).toEqual([]);
  });
});

describe('quick repeated key presses', () => {
  it('two status cycles started together advance two steps, and two star toggles cancel out', async () => {
    const { ShelfmarkDb } = await import('./ShelfmarkDb');
    const { importDigest } = await import('./importDigest');
    const { cycleStatus, toggleStar } = await import('./paperRepository');
    const db = new ShelfmarkDb(`rapid-${Date.now()}`);
    await importDigest(db, {
      digestId: 'd',
      fileName: 'd.txt',
      digest: {
        format: 'hf-daily-text',
        digestDate: '2026-03-13',
        papers: [{ title: 'Quick keys', abstract: 'A.', authors: [], arxivId: null, links: [] }],
        warnings: [],
      },
    });
    const [paper] = await db.papers.toArray();
    const statuses = await Promise.all([cycleStatus(db, paper!.id), cycleStatus(db, paper!.id)]);
    expect(statuses).toEqual(['reading', 'read']);
    expect((await db.papers.get(paper!.id))?.status).toBe('read');
    await Promise.all([toggleStar(db, paper!.id), toggleStar(db, paper!.id)]);
    expect((await db.papers.get(paper!.id))?.starred).toBe(0);
  });
});
