import { describe, expect, it } from 'vitest';
import { parsedDigest, parsedPaper } from '../test/papers';
import { READING_STATUSES } from '../../shared/model';
import { importDigest } from './importDigest';
import { undoImport } from './importHistory';
import { attachLibraryFacts, type LibraryFacts } from './libraryFacts';
import { addTag, deletePapers, removeTag, restorePapers, setStatus, toggleStar } from './paperRepository';
import { tagCounts } from './queries';
import { ShelfmarkDb } from './ShelfmarkDb';
import { decide, untriagedCounts } from './triage';

let counter = 0;
function freshDb(): { db: ShelfmarkDb; facts: LibraryFacts } {
  const db = new ShelfmarkDb(`facts-${Date.now()}-${counter++}`);
  return { db, facts: attachLibraryFacts(db) };
}

const parsed = parsedPaper;
const digest = parsedDigest;

/** The same figures counted the slow way, straight from IndexedDB. */
async function recount(db: ShelfmarkDb) {
  const status = Object.fromEntries(
    await Promise.all(READING_STATUSES.map(async (s) => [s, await db.papers.where('status').equals(s).count()])),
  ) as Record<string, number>;
  const digests = await db.digests.toArray();
  const sizes = Object.fromEntries(
    await Promise.all(digests.map(async (d) => [d.id, await db.appearances.where('digestId').equals(d.id).count()])),
  ) as Record<string, number>;
  const untriaged = await untriagedCounts(db);
  const dismissed = (await db.papers.where('status').equals('dismissed').primaryKeys()) as string[];
  return {
    counts: {
      inbox: status.unread!,
      reading: status.reading!,
      read: status.read!,
      dismissed: status.dismissed!,
      starred: await db.papers.where('starred').equals(1).count(),
      all: await db.papers.count(),
    },
    tags: await tagCounts(db),
    sizes,
    untriaged: Object.fromEntries([...untriaged].filter(([id]) => sizes[id])),
    dismissed: dismissed.sort(),
  };
}

/** The facts' view of the same, once their change notification ran. */
async function fromFacts(facts: LibraryFacts, db: ShelfmarkDb) {
  await new Promise((resolve) => setTimeout(resolve, 0));
  const digests = await db.digests.toArray();
  const untriaged = facts.untriagedCounts()!;
  return {
    counts: facts.viewCounts(),
    tags: facts.tagCounts(),
    sizes: Object.fromEntries(digests.map((d) => [d.id, facts.digestSize(d.id)])),
    untriaged: Object.fromEntries(
      digests.filter((d) => facts.digestSize(d.id)).map((d) => [d.id, untriaged.get(d.id) ?? 0]),
    ),
    dismissed: [...facts.dismissedIds()!].sort(),
  };
}

describe('library facts', () => {
  it('stay equal to a recount from IndexedDB through imports, decisions, stars, tags, deletes and undo', async () => {
    const { db, facts } = freshDb();
    const first = await importDigest(db, {
      digestId: 'd1',
      fileName: 'a.txt',
      digest: digest([parsed('A', '2403.00001'), parsed('B'), parsed('C'), parsed('D')], '2026-03-12'),
      now: 1_000,
    });
    expect(facts.viewCounts()).toBeUndefined(); // nothing counted before the load
    await facts.load();
    expect(facts.state).toBe('ready');
    const check = async () => expect(await fromFacts(facts, db)).toEqual(await recount(db));
    await check();
    expect(facts.viewCounts()).toMatchObject({ inbox: 4, all: 4 });

    const ids = (await db.papers.toCollection().primaryKeys()) as string[];
    await decide(db, ids[0]!, 'dismiss');
    await decide(db, ids[1]!, 'star');
    await check();
    expect(facts.untriagedCounts()!.get('d1')).toBe(2);

    await importDigest(db, {
      digestId: 'd2',
      fileName: 'b.txt',
      // A repeats (dismissed: stays out of the Inbox), E is new
      digest: digest([parsed('A', '2403.00001'), parsed('E')], '2026-03-13'),
      now: 2_000,
    });
    await check();
    await toggleStar(db, ids[2]!);
    await addTag(db, [ids[2]!, ids[3]!], 'graphs');
    await addTag(db, [ids[3]!], 'llm');
    await check();
    await removeTag(db, [ids[3]!], 'graphs');
    await setStatus(db, [ids[2]!], 'read');
    await check();
    const deleted = await deletePapers(db, [ids[2]!, ids[3]!]);
    await check();
    expect(facts.tagCounts()).toEqual([]);
    await restorePapers(db, deleted);
    await check();
    expect(facts.tagCounts()).toEqual([
      { tag: 'graphs', count: 1 },
      { tag: 'llm', count: 1 },
    ]);
    await undoImport(db, first.importId, 3_000);
    await check();
  });

  it('count writes that commit while they load, and never a write that aborts', async () => {
    const { db, facts } = freshDb();
    await importDigest(db, {
      digestId: 'd1',
      fileName: 'a.txt',
      digest: digest([parsed('A'), parsed('B'), parsed('C')], '2026-03-12'),
      now: 1_000,
    });
    const ids = (await db.papers.toCollection().primaryKeys()) as string[];
    const loading = facts.load();
    await Promise.all([loading, toggleStar(db, ids[0]!), setStatus(db, [ids[1]!], 'read')]);
    expect(await fromFacts(facts, db)).toEqual(await recount(db));
    expect(facts.viewCounts()).toMatchObject({ starred: 1, read: 1 });

    await expect(
      db.transaction('rw', db.papers, async () => {
        await db.papers.update(ids[2]!, { status: 'dismissed' });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await fromFacts(facts, db)).toEqual(await recount(db));
    expect(facts.viewCounts()!.dismissed).toBe(0);
  });

  it('count again from scratch after a table is cleared (a restore)', async () => {
    const { db, facts } = freshDb();
    await importDigest(db, {
      digestId: 'd1',
      fileName: 'a.txt',
      digest: digest([parsed('A'), parsed('B')], '2026-03-12'),
      now: 1_000,
    });
    await facts.load();
    const rows = await db.papers.toArray();
    await db.transaction('rw', db.papers, db.appearances, async () => {
      await db.papers.clear();
      await db.appearances.clear();
      await db.papers.bulkPut(rows.slice(0, 1).map((p) => ({ ...p, status: 'read' as const })));
    });
    await facts.load();
    await new Promise((resolve) => setTimeout(resolve, 10));
    await facts.load();
    expect(facts.viewCounts()).toMatchObject({ all: 1, read: 1, inbox: 0 });
    expect(await fromFacts(facts, db)).toEqual(await recount(db));
  });
});
