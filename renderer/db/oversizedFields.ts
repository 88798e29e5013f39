// Caps absurdly long text fields of a parsed digest before it is written to the library.
//
// A title is a paper's identity (`title:<titleKey>` is its primary key) and is indexed several
// times over; a 1 MB title costs tens of seconds in IndexedDB and in the search index, and
// laying out megabytes of unbroken text in the list and the detail pane froze the window for
// minutes. No real title, author name or abstract comes near these limits, so anything longer
// is cut, and the cut is reported in the import report (never silent): the warning says which
// paper, which field, its full length and what was kept. The source file is left untouched.

import type { ParsedDigest, ParsedPaper } from '../../shared/model';

/** Longest title kept (characters). The longest arXiv titles are a few hundred characters. */
export const MAX_TITLE_CHARS = 1_000;
/** Longest author name kept (characters). */
export const MAX_AUTHOR_CHARS = 1_000;
/** Longest abstract kept (characters). Real abstracts stay under ~10,000. */
export const MAX_ABSTRACT_CHARS = 100_000;

const ELLIPSIS = '\u2026';

/** The first `max` characters of `text` (never splitting a surrogate pair), plus an ellipsis. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return text.slice(0, end).trimEnd() + ELLIPSIS;
}

const count = (n: number) => n.toLocaleString('en-US');

/**
 * The digest with over-long titles, author names and abstracts cut, and one warning per cut
 * placed before the parser's own warnings. Returns the same object when nothing is too long.
 */
export function capOversizedFields(digest: ParsedDigest): ParsedDigest {
  const warnings: string[] = [];
  let changed = false;
  const papers = digest.papers.map((paper, index) => {
    const where = paper.line !== undefined ? `line ${paper.line}: paper ${index + 1}` : `paper ${index + 1}`;
    const cut = (field: string, text: string, max: number): string => {
      if (text.length <= max) return text;
      warnings.push(
        `${where}: ${field} of ${count(text.length)} characters cut to its first ${count(max)} (the file itself is unchanged)`,
      );
      return cutText(text, max);
    };
    const title = cut('title', paper.title, MAX_TITLE_CHARS);
    const abstract = cut('abstract', paper.abstract, MAX_ABSTRACT_CHARS);
    const authors = paper.authors.some((a) => a.length > MAX_AUTHOR_CHARS)
      ? paper.authors.map((a) => cut('author name', a, MAX_AUTHOR_CHARS))
      : paper.authors;
    if (title === paper.title && abstract === paper.abstract && authors === paper.authors) return paper;
    changed = true;
    const capped: ParsedPaper = { ...paper, title, abstract, authors };
    return capped;
  });
  if (!changed) return digest;
  return { ...digest, papers, warnings: [...warnings, ...digest.warnings] };
}
