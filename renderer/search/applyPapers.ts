// Puts a batch of changed papers into the index. Shared by the search worker (after an import
// or an edit elsewhere) and the import benchmark, so the benchmark times the app's own path.

import type { Appearance, Paper } from '../../shared/model';
import type { IndexablePaper, SearchIndex } from './SearchIndex';

/** Past this many papers a batch goes through a bulk load (one sort of the word list at the end). */
export const BULK_BATCH = 500;

export function indexablePaper(paper: Paper, digestIds: string[]): IndexablePaper {
  return {
    id: paper.id,
    title: paper.title,
    titleKey: paper.titleKey,
    abstract: paper.abstract,
    authors: paper.authors,
    notes: paper.notes,
    tags: paper.tags,
    status: paper.status,
    starred: paper.starred,
    listOrder: paper.listOrder,
    addedAt: paper.addedAt,
    updatedAt: paper.updatedAt,
    digestIds,
  };
}

export function digestsByPaper(appearances: readonly Appearance[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const a of appearances) {
    const list = map.get(a.paperId);
    if (list) list.push(a.digestId);
    else map.set(a.paperId, [a.digestId]);
  }
  return map;
}

/**
 * Upserts the papers found (removes the ids that are gone). A large batch (an import of
 * thousands of papers into a built index) is a bulk load: one paper at a time would insert
 * each new word into the sorted word list and update every cached prefix union, which grows
 * with the square of the batch (an import of 100,000 papers took minutes).
 */
export function applyPapers(
  index: SearchIndex,
  ids: readonly string[],
  papers: readonly (Paper | undefined)[],
  digests: ReadonlyMap<string, string[]>,
  onIndexed?: (paper: Paper) => void,
): void {
  const bulk = papers.length >= BULK_BATCH && !index.inBulkLoad;
  if (bulk) index.beginBulkLoad();
  papers.forEach((paper, i) => {
    if (paper) {
      onIndexed?.(paper);
      index.upsert(indexablePaper(paper, digests.get(paper.id) ?? []));
    } else index.remove(ids[i]!);
  });
  if (bulk) {
    index.finishBulkLoad();
    index.warmPrefixes();
  }
}
