// Reads what the search index must take in after writes made elsewhere (an import, an import's
// undo): the papers modified since a time, with the digests each appears in. Shared by the search
// worker and the import benchmark, so the benchmark times the app's own catch-up.

import type { Paper } from '../../shared/model';
import type { ShelfmarkDb } from '../db/ShelfmarkDb';
import { BULK_BATCH } from './applyPapers';

export interface ChangedPapers {
  papers: Paper[];
  /** Paper id → the digests that listed it. */
  digests: Map<string, string[]>;
}

/**
 * The rows come straight from the `updatedAt` range (one read), not as keys then one `get` per
 * key: after a 100,000-paper import that was 100,000 requests. A large batch takes its digests
 * from the appearances' primary keys ([digestId, paperId], one read of keys only): `anyOf` over
 * thousands of paper ids steps a cursor once per match.
 */
export async function papersChangedSince(db: ShelfmarkDb, since: number): Promise<ChangedPapers> {
  const papers = await db.papers.where('updatedAt').aboveOrEqual(since).toArray();
  const digests = new Map<string, string[]>();
  if (papers.length === 0) return { papers, digests };
  const wanted = new Set(papers.map((p) => p.id));
  const pairs: [string, string][] =
    papers.length >= BULK_BATCH
      ? await db.appearances.toCollection().primaryKeys()
      : (
          await db.appearances
            .where('paperId')
            .anyOf([...wanted])
            .toArray()
        ).map((a) => [a.digestId, a.paperId]);
  for (const [digestId, paperId] of pairs) {
    if (!wanted.has(paperId)) continue;
    const list = digests.get(paperId);
    if (list) list.push(digestId);
    else digests.set(paperId, [digestId]);
  }
  return { papers, digests };
}
