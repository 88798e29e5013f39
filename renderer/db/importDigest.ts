// Writes one parsed file into the library in a single transaction: the digest, its papers
// (matched by arXiv id, then by title key, and merged), and each paper's appearance.

import type { Appearance, DigestFormat, Paper, ParsedDigest, ParsedPaper } from '../../shared/model';
import { titleKey } from '../../shared/text/titleKey';
import type { ShelfmarkDb } from './ShelfmarkDb';

export interface ImportInput {
  digestId: string;
  fileName: string;
  digest: ParsedDigest;
  now?: number;
}

export interface ImportSummary {
  fileName: string;
  format: DigestFormat;
  digestDate: string | null;
  /** True when this exact content was imported before: nothing was written. */
  alreadyImported: boolean;
  added: number;
  merged: number;
  alreadyPresent: number;
  warnings: string[];
}

const POSITION_SPAN = 1_000_000;

/** Newest digest first, then the order inside it. Compared as strings, descending. */
export function listOrderFor(digestDate: string | null, importedAt: number, position: number): string {
  const date = digestDate ?? '0000-00-00';
  const stamp = importedAt.toString(36).padStart(10, '0');
  const rank = String(POSITION_SPAN - 1 - Math.min(position, POSITION_SPAN - 1)).padStart(7, '0');
  return `${date}~${stamp}~${rank}`;
}

export async function importDigest(db: ShelfmarkDb, input: ImportInput): Promise<ImportSummary> {
  const { digest, digestId, fileName } = input;
  const now = input.now ?? Date.now();
  const summary: ImportSummary = {
    fileName,
    format: digest.format,
    digestDate: digest.digestDate,
    alreadyImported: false,
    added: 0,
    merged: 0,
    alreadyPresent: 0,
    warnings: digest.warnings,
  };

  return db.transaction('rw', db.papers, db.digests, db.appearances, async () => {
    if (await db.digests.get(digestId)) {
      return { ...summary, alreadyImported: true, alreadyPresent: digest.papers.length };
    }
    const arxivIds = [...new Set(digest.papers.map((p) => p.arxivId).filter((id): id is string => !!id))];
    const keys = [...new Set(digest.papers.map((p) => titleKey(p.title)))];
    const [byArxiv, byTitle] = await Promise.all([
      arxivIds.length ? db.papers.where('arxivId').anyOf(arxivIds).toArray() : Promise.resolve([]),
      keys.length ? db.papers.where('titleKey').anyOf(keys).toArray() : Promise.resolve([]),
    ]);
    const arxivIndex = new Map<string, Paper>();
    const titleIndex = new Map<string, Paper[]>();
    const remember = (paper: Paper) => {
      if (paper.arxivId) arxivIndex.set(paper.arxivId, paper);
      const list = titleIndex.get(paper.titleKey) ?? [];
      if (!list.includes(paper)) list.push(paper);
      titleIndex.set(paper.titleKey, list);
    };
    [...byArxiv, ...byTitle].forEach(remember);

    const touched = new Map<string, Paper>();
    const appearances = new Map<string, Appearance>();
    digest.papers.forEach((parsed, position) => {
      const key = titleKey(parsed.title);
      const date = parsed.digestDate ?? digest.digestDate;
      const existing = findMatch(parsed, key, arxivIndex, titleIndex);
      let paper: Paper;
      if (existing) {
        paper = touched.get(existing.id) ?? { ...existing };
        const changed = mergeInto(paper, parsed);
        const newer = (date ?? '') > paper.lastDigestDate;
        if (newer) {
          paper.lastDigestDate = date ?? '';
          paper.listOrder = listOrderFor(date, now, position);
        }
        if (changed || newer) paper.updatedAt = now;
        if (changed) summary.merged++;
        else summary.alreadyPresent++;
      } else {
        paper = newPaper(parsed, key, date, now, position);
        summary.added++;
      }
      touched.set(paper.id, paper);
      remember(paper);
      if (!appearances.has(paper.id)) {
        appearances.set(paper.id, { digestId, paperId: paper.id, digestDate: date, position });
      }
    });

    await db.papers.bulkPut([...touched.values()]);
    await db.appearances.bulkPut([...appearances.values()]);
    await db.digests.add({
      id: digestId,
      fileName,
      format: digest.format,
      date: digest.digestDate,
      importedAt: now,
      paperCount: digest.papers.length,
    });
    return summary;
  });
}

function findMatch(
  parsed: ParsedPaper,
  key: string,
  arxivIndex: Map<string, Paper>,
  titleIndex: Map<string, Paper[]>,
): Paper | undefined {
  if (parsed.arxivId) {
    const byId = arxivIndex.get(parsed.arxivId);
    if (byId) return byId;
  }
  // A title match never joins two papers that carry different arXiv ids.
  return titleIndex.get(key)?.find((p) => !p.arxivId || !parsed.arxivId || p.arxivId === parsed.arxivId);
}

/** Fills what the library lacks from a richer record; never touches user fields. */
function mergeInto(paper: Paper, parsed: ParsedPaper): boolean {
  let changed = false;
  if (!paper.arxivId && parsed.arxivId) {
    paper.arxivId = parsed.arxivId;
    changed = true;
  }
  if (paper.authors.length === 0 && parsed.authors.length > 0) {
    paper.authors = [...parsed.authors];
    changed = true;
  }
  if (!paper.doi && parsed.doi) {
    paper.doi = parsed.doi;
    changed = true;
  }
  if (parsed.abstract.length > paper.abstract.length) {
    paper.abstract = parsed.abstract;
    changed = true;
  }
  const links = parsed.links.filter((link) => !paper.links.includes(link));
  if (links.length > 0) {
    paper.links = [...paper.links, ...links];
    changed = true;
  }
  return changed;
}

function newPaper(parsed: ParsedPaper, key: string, date: string | null, now: number, position: number): Paper {
  return {
    id: parsed.arxivId ? `arxiv:${parsed.arxivId}` : `title:${key}`,
    title: parsed.title,
    titleKey: key,
    abstract: parsed.abstract,
    authors: [...parsed.authors],
    arxivId: parsed.arxivId,
    doi: parsed.doi ?? null,
    links: [...parsed.links],
    status: 'unread',
    starred: 0,
    notes: '',
    tags: [...(parsed.tags ?? [])],
    citationKey: parsed.citationKey ?? null,
    readAt: null,
    addedAt: now,
    updatedAt: now,
    lastDigestDate: date ?? '',
    listOrder: listOrderFor(date, now, position),
  };
}
