// Parser for a plain list of papers, one per line: arXiv ids (`2403.08763`, `arXiv:2403.08763v2`,
// `hep-th/9901001`) or arxiv.org / huggingface.co/papers URLs, optionally followed by a title.
// `#` starts a comment line.

import type { ParsedDigest, ParsedPaper } from '../model';
import { arxivAbsUrl, arxivIdFromAny } from '../text/arxivId';
import { isHttpUrl } from '../text/extractLinks';
import type { DigestSource } from './source';
import { splitLines } from './lines';

interface ListLine {
  arxivId: string;
  url: string | null;
  title: string;
}

/** An id or paper URL, then optionally a separator and a title. */
function readListLine(line: string): ListLine | null {
  const match = /^(\S+)(?:\s+(?:[-–—|:]\s+)?(.*))?$/.exec(line.trim());
  if (!match) return null;
  const token = match[1]!.replace(/[.,;]$/, '');
  const arxivId = arxivIdFromAny(token);
  if (!arxivId) return null;
  return { arxivId, url: isHttpUrl(token) ? token : null, title: (match[2] ?? '').trim() };
}

function isMeaningful(line: string): boolean {
  const trimmed = line.trim();
  return trimmed !== '' && !trimmed.startsWith('#');
}

/** Cheap check: the first meaningful line is a paper reference and so are most of the others. */
export function looksLikeIdList(lines: readonly string[]): boolean {
  const meaningful = lines.filter(isMeaningful);
  if (meaningful.length === 0 || !readListLine(meaningful[0]!)) return false;
  const hits = meaningful.filter((line) => readListLine(line) !== null).length;
  return hits * 3 >= meaningful.length * 2;
}

export function parseIdList(source: DigestSource): ParsedDigest {
  const warnings: string[] = [];
  const papers: ParsedPaper[] = [];
  const seen = new Set<string>();
  splitLines(source.text).forEach((line, index) => {
    if (!isMeaningful(line)) return;
    const entry = readListLine(line);
    if (!entry) {
      warnings.push(`line ${index + 1}: not an arXiv id or paper URL; skipped`);
      return;
    }
    if (seen.has(entry.arxivId)) {
      warnings.push(`line ${index + 1}: ${entry.arxivId} is listed again; skipped`);
      return;
    }
    seen.add(entry.arxivId);
    const links = [arxivAbsUrl(entry.arxivId)];
    // An arxiv.org URL only repeats the abstract page; another site's page (Hugging Face) is kept.
    if (entry.url && !/^https?:\/\/([a-z0-9-]+\.)*arxiv\.org\//i.test(entry.url)) links.push(entry.url);
    papers.push({
      // No title in the list: the id stands in, flagged so that a real title replaces it on merge.
      title: entry.title || `arXiv:${entry.arxivId}`,
      ...(entry.title ? {} : { titleIsPlaceholder: true }),
      abstract: '',
      authors: [],
      arxivId: entry.arxivId,
      links,
      digestDate: null,
      line: index + 1,
    });
  });
  return { format: 'id-list', digestDate: null, papers, warnings };
}
