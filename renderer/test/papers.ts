// Library rows for renderer tests.

import type { Paper, ParsedDigest, ParsedPaper } from '../../shared/model';

let counter = 0;

export function paper(overrides: Partial<Paper> = {}): Paper {
  counter++;
  const id = overrides.id ?? `arxiv:2403.${String(counter).padStart(5, '0')}`;
  return {
    id,
    title: `Paper ${counter}`,
    titleKey: `paper ${counter}`,
    abstract: 'An abstract.',
    authors: ['Ana Araújo'],
    arxivId: id.startsWith('arxiv:') ? id.slice(6) : null,
    doi: null,
    links: [],
    status: 'unread',
    starred: 0,
    notes: '',
    tags: [],
    citationKey: null,
    readAt: null,
    addedAt: 1_000,
    updatedAt: 1_000,
    lastDigestDate: '2026-03-13',
    listOrder: `2026-03-13~${String(counter).padStart(6, '0')}`,
    ...overrides,
  };
}

/** A paper as a parser would hand it over: a title, an abstract naming it, maybe an arXiv id. */
export const parsedPaper = (title: string, arxivId: string | null = null): ParsedPaper => ({
  title,
  abstract: `Abstract of ${title}.`,
  authors: [],
  arxivId,
  links: [],
});

/** A parsed HF text digest of these papers. */
export const parsedDigest = (papers: ParsedPaper[], digestDate: string): ParsedDigest => ({
  format: 'hf-daily-text',
  digestDate,
  papers,
  warnings: [],
});
