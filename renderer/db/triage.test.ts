import { describe, expect, it } from 'vitest';
import { parsedDigest, parsedPaper } from '../test/papers';
import { importDigest } from './importDigest';
import { viewPaperIds } from './queries';
import { queuedPaperIds } from './readingQueue';
import { ShelfmarkDb } from './ShelfmarkDb';
import { decide, digestPaperIds, newestDigestToTriage, type TriageStep, undoStep, untriagedCounts } from './triage';

let counter = 0;
const freshDb = () => new ShelfmarkDb(`triage-${Date.now()}-${counter++}`);

const parsed = parsedPaper;
const digest = parsedDigest;

async function library() {
  const db = freshDb();
  await importDigest(db, {
    digestId: 'd1',
    fileName: 'a.txt',
    digest: digest([parsed('A', '2403.00001'), parsed('B'), parsed('C'), parsed('D')], '2026-03-12'),
    now: 1_000,
  });
  const ids = await digestPaperIds(db, 'd1');
  return { db, ids };
}

describe('triage decisions', () => {
  it('star keeps in Reading starred, keep queues, dismiss leaves the Inbox; each is committed and counted', async () => {
    const { db, ids } = await library();
    const [a, b, c] = ids as [string, string, string, string];
    expect((await untriagedCounts(db)).get('d1')).toBe(4);

    await decide(db, a, 'star', 2_000);
    await decide(db, b, 'keep', 3_000);
    await decide(db, c, 'dismiss', 4_000);
    const [pa, pb, pc] = await db.papers.bulkGet([a, b, c]);
    expect(pa).toMatchObject({ status: 'reading', starred: 1, queuedAt: 2_000 });
    expect(pb).toMatchObject({ status: 'reading', starred: 0, queuedAt: 3_000 });
    expect(pc).toMatchObject({ status: 'dismissed' });
    expect(pc?.queueRank ?? null).toBeNull();
    expect(await queuedPaperIds(db)).toEqual([a, b]);
    expect(await viewPaperIds(db, 'inbox', 'digestDate')).toEqual([ids[3]]);
    expect(await viewPaperIds(db, 'dismissed', 'digestDate')).toEqual([c]);
    expect((await untriagedCounts(db)).get('d1')).toBe(1);
  });

  it('undoes any number of decisions in reverse, back to the exact fields', async () => {
    const { db, ids } = await library();
    const before = await db.papers.bulkGet(ids);
    const stack: TriageStep[] = [];
    for (const [i, decision] of (['star', 'dismiss', 'keep', 'dismiss'] as const).entries()) {
      stack.push((await decide(db, ids[i]!, decision, 10_000 + i))!);
    }
    // a decision on a paper already decided: undo restores the first decision
    stack.push((await decide(db, ids[1]!, 'keep', 20_000))!);
    expect((await db.papers.get(ids[1]!))?.status).toBe('reading');
    while (stack.length > 0) await undoStep(db, stack.pop()!);
    expect(await db.papers.bulkGet(ids)).toEqual(before);
    expect(await queuedPaperIds(db)).toEqual([]);
    expect((await untriagedCounts(db)).get('d1')).toBe(4);
  });

  it('finds the newest digest with untriaged papers', async () => {
    const { db, ids } = await library();
    await importDigest(db, {
      digestId: 'd2',
      fileName: 'b.txt',
      digest: digest([parsed('E'), parsed('A', '2403.00001')], '2026-03-13'),
      now: 5_000,
    });
    expect(await newestDigestToTriage(db)).toBe('d2');
    for (const id of await digestPaperIds(db, 'd2')) await decide(db, id, 'dismiss');
    expect(await newestDigestToTriage(db)).toBe('d1');
    expect(await newestDigestToTriage(db, 'd1')).toBeNull();
    for (const id of ids) await decide(db, id, 'keep');
    expect(await newestDigestToTriage(db)).toBeNull();
    expect([...(await untriagedCounts(db)).values()]).toEqual([0, 0]);
  });
});

describe('a dismissed paper and a later import', () => {
  it('never returns to the Inbox, and its new appearance is still recorded', async () => {
    const { db, ids } = await library();
    const [a, b] = ids as [string, string];
    await decide(db, a, 'dismiss', 2_000);
    await decide(db, b, 'dismiss', 2_000);
    const summary = await importDigest(db, {
      digestId: 'd2',
      fileName: 'later.txt',
      // A by arXiv id with a longer abstract (a merge), B by title, and a new paper
      digest: digest(
        [
          { ...parsed('A', '2403.00001'), abstract: 'A much longer abstract of A than before.' },
          parsed('B'),
          parsed('F'),
        ],
        '2026-03-20',
      ),
      now: 9_000,
    });
    expect(summary).toMatchObject({ added: 1, merged: 1, alreadyPresent: 1 });
    const [pa, pb] = await db.papers.bulkGet([a, b]);
    expect(pa).toMatchObject({ status: 'dismissed', lastDigestDate: '2026-03-20' });
    expect(pb).toMatchObject({ status: 'dismissed', lastDigestDate: '2026-03-20' });
    expect(await db.appearances.get(['d2', a])).toBeTruthy();
    expect(await db.appearances.get(['d2', b])).toBeTruthy();
    const inbox = await viewPaperIds(db, 'inbox', 'digestDate');
    expect(inbox).not.toContain(a);
    expect(inbox).not.toContain(b);
    // the new digest has only the new paper to triage
    expect((await untriagedCounts(db)).get('d2')).toBe(1);
  });
});
