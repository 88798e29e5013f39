// What an export reads from the library: the ids of a scope, in the list's order, and those papers
// as ExportPapers (each with the dates and sources of the digests that listed it).

import type { Appearance, Digest, Paper } from '../../shared/model';
import type { LibraryScope } from '../../shared/export/exportScope';
import { digestSourceName } from '../../shared/export/exportPapersFromDigests';
import type { ExportPaper } from '../../shared/export/types';
import type { ListViewId } from '../views';
import { viewPaperIds } from './queries';
import type { ShelfmarkDb } from './ShelfmarkDb';

/** What a person can export: a named part of the library, or the ids the UI shows (view + search, selection). */
export type ExportScope = LibraryScope | { kind: 'ids'; ids: readonly string[] };

/** The sidebar view that lists a library scope (its order is the export's order). */
export function scopeView(scope: LibraryScope): ListViewId {
  switch (scope.kind) {
    case 'all':
      return 'all';
    case 'starred':
      return 'starred';
    case 'status':
      return scope.status === 'unread' ? 'inbox' : scope.status;
    case 'tag':
      return `tag:${scope.tag}`;
    case 'digest':
      return `digest:${scope.digestId}`;
  }
}

/** Ids of the papers in a scope, newest digest first (ids scopes keep their order, minus duplicates). */
export async function exportScopeIds(db: ShelfmarkDb, scope: ExportScope): Promise<string[]> {
  if (scope.kind === 'ids') return [...new Set(scope.ids)];
  return viewPaperIds(db, scopeView(scope), 'digestDate');
}

/** A library row plus where it was listed; digests newest first, one entry per date. */
export function toExportPaper(
  paper: Paper,
  appearances: readonly Appearance[],
  digests: ReadonlyMap<string, Digest>,
): ExportPaper {
  const listed = appearances
    .filter((a) => a.digestDate)
    .sort((a, b) => (a.digestDate! < b.digestDate! ? 1 : a.digestDate! > b.digestDate! ? -1 : 0));
  const digestDates: string[] = [];
  const digestNames: string[] = [];
  for (const appearance of listed) {
    if (digestDates.includes(appearance.digestDate!)) continue;
    const digest = digests.get(appearance.digestId);
    digestDates.push(appearance.digestDate!);
    digestNames.push(digest ? digestSourceName(digest.format) : '');
  }
  return { ...paper, digestDates, digestNames };
}

/** Above this many papers, reading every appearance beats one index lookup per paper. */
const BULK_APPEARANCES = 2_000;

/**
 * The papers with these ids as ExportPapers, in the order given (missing ids skipped). Reads
 * papers, appearances and digests; call inside a transaction for a consistent snapshot.
 */
export async function readExportPapers(db: ShelfmarkDb, ids: readonly string[]): Promise<ExportPaper[]> {
  if (ids.length === 0) return [];
  const unique = [...new Set(ids)];
  const papers = (await db.papers.bulkGet(unique)).filter((p): p is Paper => !!p);
  const wanted = new Set(papers.map((p) => p.id));
  const appearances =
    papers.length > BULK_APPEARANCES
      ? (await db.appearances.toArray()).filter((a) => wanted.has(a.paperId))
      : await db.appearances
          .where('paperId')
          .anyOf([...wanted])
          .toArray();
  const byPaper = new Map<string, Appearance[]>();
  for (const appearance of appearances) {
    const list = byPaper.get(appearance.paperId);
    if (list) list.push(appearance);
    else byPaper.set(appearance.paperId, [appearance]);
  }
  const digestIds = [...new Set(appearances.map((a) => a.digestId))];
  const digests = new Map<string, Digest>();
  for (const digest of await db.digests.bulkGet(digestIds)) if (digest) digests.set(digest.id, digest);
  return papers.map((paper) => toExportPaper(paper, byPaper.get(paper.id) ?? [], digests));
}
