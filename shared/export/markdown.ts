// Markdown reading list: per paper its title (linked), authors, date, status, star, links and
// the person's notes (on by default here, unlike the citation formats).

import { arxivAbsUrl, normalizeArxivId, normalizeDoi } from './arxivId';
import { collapseWhitespace } from './latex';
import { paperDate } from './paperDate';
import type { ExportOptions, ExportPaper } from './types';

export interface MarkdownOptions extends ExportOptions {
  /** The document's heading; "Reading list" by default. */
  heading?: string;
}

const STATUS_LABELS = { unread: 'Unread', reading: 'Reading', read: 'Read', dismissed: 'Dismissed' } as const;
const MARKDOWN_SPECIAL = /[\\`*_{}[\]()<>#+|!~-]/g;

/** Text that Markdown shows literally. */
export function escapeMarkdown(text: string): string {
  return collapseWhitespace(text).replace(MARKDOWN_SPECIAL, (ch) => `\\${ch}`);
}

const SAFE_URL = /^https?:\/\/[^\s<>]+$/i;

/** `<https://…>` for http(s) URLs; anything else is not linked. */
function autolink(url: string): string | null {
  return SAFE_URL.test(url) ? `<${url}>` : null;
}

export function writeMarkdown(papers: readonly ExportPaper[], options: MarkdownOptions = {}): string {
  const includeNotes = options.includeNotes ?? true;
  const out: string[] = [`# ${escapeMarkdown(options.heading ?? 'Reading list')}`, ''];
  const seen = new Set<string>();
  for (const paper of papers) {
    if (seen.has(paper.id)) continue;
    seen.add(paper.id);
    const arxivId = normalizeArxivId(paper.arxivId);
    const doi = normalizeDoi(paper.doi);
    const title = escapeMarkdown(paper.title) || 'Untitled';
    const mainUrl = arxivId ? arxivAbsUrl(arxivId) : doi ? `https://doi.org/${doi}` : null;
    out.push(`## ${mainUrl ? `[${title}](${mainUrl})` : title}${paper.starred ? ' ★' : ''}`, '');

    const facts: string[] = [];
    const authors = paper.authors.map((author) => collapseWhitespace(author)).filter((author) => author !== '');
    if (authors.length > 0) facts.push(escapeMarkdown(authors.join(', ')));
    const date = paperDate(paper);
    if (date) facts.push(String(date.year));
    facts.push(`Status: ${STATUS_LABELS[paper.status] ?? paper.status}`);
    if (paper.starred) facts.push('Starred');
    out.push(facts.join(' · '), '');

    const links: string[] = [];
    if (arxivId) links.push(`- arXiv: [${arxivId}](${arxivAbsUrl(arxivId)})`);
    if (doi) links.push(`- DOI: <https://doi.org/${doi.replace(/[<>\s]/g, encodeURIComponent)}>`);
    for (const link of paper.links) {
      const linked = autolink(link);
      if (linked && link !== mainUrl) links.push(`- ${linked}`);
    }
    if (paper.tags.length > 0) links.push(`- Tags: ${paper.tags.map(escapeMarkdown).join(', ')}`);
    if (links.length > 0) out.push(...links, '');

    if (includeNotes && paper.notes.trim() !== '') {
      // Notes are the person's own Markdown: quoted as they are, line by line.
      for (const line of paper.notes.trim().split(/\r\n|\r|\n/)) out.push(line.trim() === '' ? '>' : `> ${line}`);
      out.push('');
    }
  }
  return out.join('\n');
}
