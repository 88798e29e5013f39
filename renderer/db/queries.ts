// Live reads for components. Rows stay in Dexie; components ask for what they show.

import { useLiveQuery } from 'dexie-react-hooks';
import type { Appearance, Digest, Paper } from '../../shared/model';
import { getDb } from './ShelfmarkDb';

/** Ids of every paper, newest digest first (keys only: rows load as they scroll into view). */
export function usePaperIds(): string[] | undefined {
  return useLiveQuery(() => getDb().papers.orderBy('listOrder').reverse().primaryKeys(), []);
}

export function usePaper(id: string | null): Paper | null | undefined {
  return useLiveQuery(async () => (id ? ((await getDb().papers.get(id)) ?? null) : null), [id]);
}

export interface PaperAppearance extends Appearance {
  digest: Digest | undefined;
}

/** The digests a paper appeared in, newest first. */
export function usePaperAppearances(id: string | null): PaperAppearance[] | undefined {
  return useLiveQuery(async () => {
    if (!id) return [];
    const db = getDb();
    const appearances = await db.appearances.where('paperId').equals(id).toArray();
    const digests = await db.digests.bulkGet(appearances.map((a) => a.digestId));
    return appearances
      .map((appearance, i) => ({ ...appearance, digest: digests[i] }))
      .sort((a, b) => (b.digestDate ?? '').localeCompare(a.digestDate ?? ''));
  }, [id]);
}
