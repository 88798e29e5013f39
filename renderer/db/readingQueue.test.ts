import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { declareSchemaUpTo } from '../backup/schemaHistory';
import { paper } from '../test/papers';
import { moveInQueue, moveInQueueBy, moveToTopOfQueue, queuedPaperIds } from './readingQueue';
import { setStatus } from './paperRepository';
import { ShelfmarkDb } from './ShelfmarkDb';

const names: string[] = [];
const freshName = () => {
  const name = `queue-${Math.random().toString(36).slice(2)}`;
  names.push(name);
  return name;
};
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

async function queueOf(n: number) {
  const db = new ShelfmarkDb(freshName());
  const rows = Array.from({ length: n }, (_, i) => paper({ id: `arxiv:2501.${String(i).padStart(5, '0')}` }));
  await db.papers.bulkPut(rows);
  const ids = rows.map((r) => r.id);
  for (const [i, id] of ids.entries()) await setStatus(db, [id], 'reading', 100 + i);
  return { db, ids };
}

describe('reading queue', () => {
  it('papers join the end when they enter Reading and leave the queue when they leave it', async () => {
    const { db, ids } = await queueOf(3);
    expect(await queuedPaperIds(db)).toEqual(ids);
    expect((await db.papers.get(ids[1]!))?.queuedAt).toBe(101);
    await setStatus(db, [ids[0]!], 'read', 200);
    expect(await queuedPaperIds(db)).toEqual(ids.slice(1));
    expect(await db.papers.get(ids[0]!)).toMatchObject({ queueRank: null, queuedAt: null });
    await setStatus(db, [ids[0]!], 'reading', 300);
    expect(await queuedPaperIds(db)).toEqual([ids[1], ids[2], ids[0]]);
    expect((await db.papers.get(ids[0]!))?.queuedAt).toBe(300);
  });

  it('moves to top, by one place and to any index, and keeps the order in the database', async () => {
    const { db, ids } = await queueOf(5);
    const [a, b, c, d, e] = ids as [string, string, string, string, string];
    await moveToTopOfQueue(db, d);
    expect(await queuedPaperIds(db)).toEqual([d, a, b, c, e]);
    await moveInQueueBy(db, d, 1);
    expect(await queuedPaperIds(db)).toEqual([a, d, b, c, e]);
    await moveInQueue(db, a, 4);
    expect(await queuedPaperIds(db)).toEqual([d, b, c, e, a]);
    await moveInQueue(db, e, 1);
    expect(await queuedPaperIds(db)).toEqual([d, e, b, c, a]);
    expect(await moveToTopOfQueue(db, 'arxiv:missing')).toBe(false);
    // a fresh connection reads the same order
    const again = new ShelfmarkDb(db.name);
    expect(await queuedPaperIds(again)).toEqual([d, e, b, c, a]);
    again.close();
  });

  it('renumbers when repeated moves leave no room between neighbours', async () => {
    const { db, ids } = await queueOf(3);
    const [a, b, c] = ids as [string, string, string];
    for (let i = 0; i < 80; i++) {
      await moveInQueue(db, i % 2 === 0 ? c : b, 1);
    }
    const order = await queuedPaperIds(db);
    expect(order[0]).toBe(a);
    expect(new Set(order)).toEqual(new Set(ids));
    const ranks = (await db.papers.bulkGet(order)).map((p) => p!.queueRank!);
    expect([...ranks].sort((x, y) => x - y)).toEqual(ranks);
    expect(new Set(ranks).size).toBe(3);
  });

  it('queues a Reading paper without a rank (a restored old backup) after the ranked ones, and ranks it when moved', async () => {
    const { db, ids } = await queueOf(2);
    const old = paper({ id: 'arxiv:2401.00009', status: 'reading' });
    await db.papers.put(old);
    expect(await queuedPaperIds(db)).toEqual([...ids, old.id]);
    await moveToTopOfQueue(db, old.id);
    expect(await queuedPaperIds(db)).toEqual([old.id, ...ids]);
  });
});

describe('schema upgrade to version 5', () => {
  it('gives the papers already in Reading ranks in the order the Reading view showed them', async () => {
    const name = freshName();
    const v4 = declareSchemaUpTo(new Dexie(name), 4);
    await v4.open();
    const rows = [
      paper({ id: 'arxiv:1', status: 'reading', listOrder: '2026-03-10~a', updatedAt: 11 }),
      paper({ id: 'arxiv:2', status: 'unread', listOrder: '2026-03-14~a' }),
      paper({ id: 'arxiv:3', status: 'reading', listOrder: '2026-03-14~b', updatedAt: 33 }),
      paper({ id: 'arxiv:4', status: 'read', listOrder: '2026-03-12~a', readAt: 5 }),
      paper({ id: 'arxiv:5', status: 'reading', listOrder: '2026-03-12~c', updatedAt: 55 }),
    ];
    await v4.table('papers').bulkAdd(rows);
    v4.close();

    const db = new ShelfmarkDb(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(5); // and the versions after it
    expect(await queuedPaperIds(db)).toEqual(['arxiv:3', 'arxiv:5', 'arxiv:1']);
    expect(await db.papers.get('arxiv:5')).toMatchObject({ queueRank: 2, queuedAt: 55 });
    expect((await db.papers.get('arxiv:2'))?.queueRank).toBeUndefined();
    expect(await db.papers.where('queueRank').above(0).count()).toBe(3);
    // the next paper to enter Reading joins the end
    await setStatus(db, ['arxiv:2'], 'reading');
    expect(await queuedPaperIds(db)).toEqual(['arxiv:3', 'arxiv:5', 'arxiv:1', 'arxiv:2']);
    db.close();
  });
});
