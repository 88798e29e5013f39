import { describe, expect, it } from 'vitest';
import { ShelfmarkDb } from '../db/ShelfmarkDb';
import { paper } from '../test/papers';
import { BULK_BATCH } from './applyPapers';
import { papersChangedSince } from './papersChangedSince';

let counter = 0;
const freshDb = () => new ShelfmarkDb(`changed-${Date.now()}-${counter++}`);

describe('papersChangedSince', () => {
  it.each([
    ['a small batch (anyOf over its ids)', 3],
    ['a large batch (the appearance keys read whole)', BULK_BATCH + 5],
  ])('%s: the papers modified at or after the time, each with every digest that listed it', async (_, changed) => {
    const db = freshDb();
    const old = Array.from({ length: 4 }, (_, i) => paper({ id: `old:${i}`, updatedAt: 100 }));
    const fresh = Array.from({ length: changed }, (_, i) =>
      paper({ id: `new:${String(i).padStart(4, '0')}`, updatedAt: 200 + (i % 2) }),
    );
    await db.papers.bulkPut([...old, ...fresh]);
    await db.appearances.bulkPut([
      ...old.map((p, position) => ({ digestId: 'd0', paperId: p.id, digestDate: '2026-03-12', position })),
      ...fresh.map((p, position) => ({ digestId: 'd2', paperId: p.id, digestDate: '2026-03-13', position })),
      // a changed paper an earlier digest listed too, and an unchanged paper a later one listed
      { digestId: 'd1', paperId: 'new:0001', digestDate: '2026-03-11', position: 0 },
      { digestId: 'd2', paperId: 'old:0', digestDate: '2026-03-13', position: 999 },
    ]);

    const result = await papersChangedSince(db, 200);

    expect(result.papers.map((p) => p.id).sort()).toEqual(fresh.map((p) => p.id));
    expect(result.papers.find((p) => p.id === 'new:0003')).toEqual(fresh[3]);
    expect(result.digests.get('new:0001')).toEqual(['d1', 'd2']);
    expect(result.digests.get('new:0002')).toEqual(['d2']);
    expect([...result.digests.keys()].sort()).toEqual(fresh.map((p) => p.id));
    expect(await papersChangedSince(db, 202)).toEqual({ papers: [], digests: new Map() });
    db.close();
  });
});
