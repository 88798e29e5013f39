// The library's vocabulary: what a parser produces and what the database stores.

/**
 * Where a paper is in the person's reading. 'dismissed' is a triage decision: the paper leaves the
 * Inbox for good (an import never brings it back) but stays in the library, searchable.
 */
export const READING_STATUSES = ['unread', 'reading', 'read', 'dismissed'] as const;
export type ReadingStatus = (typeof READING_STATUSES)[number];
/** The statuses the `r` key cycles through; 'dismissed' is reached only by dismissing. */
export const CYCLED_STATUSES = ['unread', 'reading', 'read'] as const satisfies readonly ReadingStatus[];

/** Names of the digest formats the parsers know. */
export type DigestFormat =
  'hf-daily-text' | 'hf-daily-json' | 'arxiv-email' | 'arxiv-rss' | 'arxiv-atom' | 'bibtex' | 'eml' | 'id-list';

/** One paper as a parser read it from a file, before it meets the library. */
export interface ParsedPaper {
  title: string;
  abstract: string;
  authors: string[];
  /** arXiv identifier without version and without the `arXiv:` prefix, e.g. `2403.08763`. */
  arxivId: string | null;
  /** http(s) URLs found in the abstract or given by the source, in order of appearance. */
  links: string[];
  /** Digest date (YYYY-MM-DD) of the section this paper was listed in; null when unknown. */
  digestDate?: string | null;
  doi?: string | null;
  year?: number | null;
  categories?: string[];
  tags?: string[];
  /** A citation key that came with the source (e.g. an imported .bib); kept as the pinned key. */
  citationKey?: string | null;
  /** 1-based line in the source file where this paper starts. */
  line?: number;
  /** How the listing announced it, when it says: 'new', 'cross', 'replace', 'replace-cross'. */
  announceType?: string;
  /** True when the source gave no title and `title` is the stand-in `arXiv:ID`; a real title replaces it. */
  titleIsPlaceholder?: boolean;
}

/** Everything one file yields. Parsers never throw for bad content: they return warnings. */
export interface ParsedDigest {
  format: DigestFormat;
  /** YYYY-MM-DD of the digest (the newest section's date when there are several); null when unknown. */
  digestDate: string | null;
  papers: ParsedPaper[];
  warnings: string[];
  /** For a wrapper format (an e-mail file): the format of the digest found inside it. */
  innerFormat?: DigestFormat;
}

/** A paper as the library stores it. */
export interface Paper {
  /** `arxiv:<id>` when the arXiv id is known, else `title:<titleKey>`. */
  id: string;
  title: string;
  titleKey: string;
  abstract: string;
  authors: string[];
  arxivId: string | null;
  doi: string | null;
  links: string[];
  // user fields: an import never overwrites these
  status: ReadingStatus;
  starred: 0 | 1;
  notes: string;
  tags: string[];
  citationKey: string | null;
  readAt: number | null;
  /**
   * Place in the Reading queue (ascending), set while status is 'reading', else null. Missing on
   * rows restored from a backup older than schema version 5: such papers queue after the ranked ones.
   */
  queueRank?: number | null;
  /** When the paper last entered Reading (ms); null when it is not in the queue. */
  queuedAt?: number | null;
  // bookkeeping
  addedAt: number;
  updatedAt: number;
  /** Newest digest date this paper appeared in (YYYY-MM-DD, '' when none). */
  lastDigestDate: string;
  /** Sort key: newest digest first, then the order within that digest. */
  listOrder: string;
}

/** One imported file. `id` is the SHA-256 of its decoded text, so the same content imports once. */
export interface Digest {
  id: string;
  fileName: string;
  format: DigestFormat;
  date: string | null;
  importedAt: number;
  paperCount: number;
}

/** A paper listed in a digest (a paper can appear in many). */
export interface Appearance {
  digestId: string;
  paperId: string;
  digestDate: string | null;
  position: number;
}
