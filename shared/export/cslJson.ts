// CSL-JSON export (the citeproc input format, CSL 1.0.2): one `article` item per paper.

import { splitAuthorName } from './authorName';
import { arxivAbsUrl, normalizeArxivId, normalizeDoi } from './arxivId';
import { citationKeysFor } from './citationKey';
import { collapseWhitespace } from './latex';
import { paperDate } from './paperDate';
import type { ExportOptions, ExportPaper } from './types';

export interface CslName {
  family?: string;
  given?: string;
  suffix?: string;
  'non-dropping-particle'?: string;
  literal?: string;
}

export interface CslItem {
  id: string;
  type: 'article';
  'citation-key': string;
  title: string;
  author?: CslName[];
  issued?: { 'date-parts': [[number] | [number, number]] };
  abstract?: string;
  DOI?: string;
  URL?: string;
  publisher?: string;
  number?: string;
  keyword?: string;
  note?: string;
  annote?: string;
}

function cslName(raw: string): CslName | null {
  const name = splitAuthorName(raw);
  if (name.family === '') return null;
  if (name.literal || name.given === '') return { literal: name.family };
  const out: CslName = {};
  if (name.particle) {
    out['non-dropping-particle'] = name.particle;
    out.family = name.family.slice(name.particle.length).trim();
  } else {
    out.family = name.family;
  }
  out.given = name.given;
  if (name.suffix) out.suffix = name.suffix;
  return out;
}

/** The items, for callers that want objects rather than text. */
export function toCslItems(papers: readonly ExportPaper[], options: ExportOptions = {}): CslItem[] {
  const keys = citationKeysFor(papers, options.citationKeys);
  const seen = new Set<string>();
  const items: CslItem[] = [];
  for (const paper of papers) {
    if (seen.has(paper.id)) continue;
    seen.add(paper.id);
    const key = keys.get(paper.id)!;
    // "article" is CSL's type for preprints; arXiv goes in publisher/number as Zotero does.
    const item: CslItem = { id: key, type: 'article', 'citation-key': key, title: collapseWhitespace(paper.title) };
    const authors = paper.authors.map(cslName).filter((name): name is CslName => name !== null);
    if (authors.length > 0) item.author = authors;
    const date = paperDate(paper);
    if (date) item.issued = { 'date-parts': [date.month ? [date.year, date.month] : [date.year]] };
    const abstract = collapseWhitespace(paper.abstract);
    if (abstract) item.abstract = abstract;
    const doi = normalizeDoi(paper.doi);
    if (doi) item.DOI = doi;
    const arxivId = normalizeArxivId(paper.arxivId);
    if (arxivId) {
      item.URL = arxivAbsUrl(arxivId);
      item.publisher = 'arXiv';
      item.number = `arXiv:${arxivId}`;
    } else if (doi) {
      item.URL = `https://doi.org/${doi}`;
    }
    if (paper.tags.length > 0) item.keyword = paper.tags.join(', ');
    if (date?.note) item.note = date.note;
    if (options.includeNotes && paper.notes.trim() !== '') item.annote = paper.notes.trim();
    items.push(item);
  }
  return items;
}

export function writeCslJson(papers: readonly ExportPaper[], options: ExportOptions = {}): string {
  return `${JSON.stringify(toCslItems(papers, options), null, 2)}\n`;
}
