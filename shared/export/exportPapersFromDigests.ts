// Builds ExportPapers straight from parsed digests, as an import into an empty library would:
// the same identity (arXiv id, else title key), status unread, no notes. Used by the CLI.

import type { DigestFormat, ParsedDigest, ParsedPaper } from '../model';
import { titleKey } from '../text/titleKey';
import type { ExportPaper } from './types';

/** The name a note uses for a digest of this format ("Listed in the … digest of …"). */
export function digestSourceName(format: DigestFormat): string {
  switch (format) {
    case 'hf-daily-text':
    case 'hf-daily-json':
      return 'Hugging Face Daily Papers';
    case 'arxiv-email':
    case 'arxiv-rss':
    case 'arxiv-atom':
      return 'arXiv';
    case 'bibtex':
      return 'BibTeX';
    case 'eml':
      return 'e-mail';
    case 'id-list':
      return 'arXiv id list';
    default:
      return '';
  }
}

function newExportPaper(parsed: ParsedPaper, key: string, date: string | null, name: string): ExportPaper {
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
    addedAt: 0,
    updatedAt: 0,
    lastDigestDate: date ?? '',
    listOrder: '',
    digestDates: date ? [date] : [],
    digestNames: date ? [name] : [],
    year: parsed.year ?? null,
    categories: parsed.categories ? [...parsed.categories] : [],
    primaryClass: parsed.categories?.[0] ?? null,
  };
}

/**
 * One ExportPaper per distinct paper across the digests, in order of first appearance. A paper
 * listed again gets that digest's date added (dates newest first) and fills fields it lacked.
 */
export function exportPapersFromDigests(digests: readonly ParsedDigest[]): ExportPaper[] {
  const byId = new Map<string, ExportPaper>();
  const byTitle = new Map<string, ExportPaper>();
  for (const digest of digests) {
    const name = digestSourceName(digest.format);
    for (const parsed of digest.papers) {
      const key = titleKey(parsed.title);
      const date = parsed.digestDate ?? digest.digestDate;
      const existing = (parsed.arxivId ? byId.get(`arxiv:${parsed.arxivId}`) : undefined) ?? byTitle.get(key);
      if (!existing) {
        const paper = newExportPaper(parsed, key, date, name);
        byId.set(paper.id, paper);
        if (!byTitle.has(key)) byTitle.set(key, paper);
        continue;
      }
      if (date && !existing.digestDates.includes(date)) {
        const at = existing.digestDates.findIndex((other) => other < date);
        const index = at === -1 ? existing.digestDates.length : at;
        existing.digestDates.splice(index, 0, date);
        existing.digestNames?.splice(index, 0, name);
        if (index === 0) existing.lastDigestDate = date;
      }
      if (existing.authors.length === 0 && parsed.authors.length > 0) existing.authors = [...parsed.authors];
      if (!existing.arxivId && parsed.arxivId) existing.arxivId = parsed.arxivId;
      if (!existing.doi && parsed.doi) existing.doi = parsed.doi;
      if (parsed.abstract.length > existing.abstract.length) existing.abstract = parsed.abstract;
      for (const link of parsed.links) if (!existing.links.includes(link)) existing.links.push(link);
    }
  }
  return [...byId.values()];
}
