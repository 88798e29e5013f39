// What the exporters take: a library paper plus what export needs to know about where it was listed.

import type { Paper } from '../model';

/** A library paper as the exporters see it. */
export interface ExportPaper extends Paper {
  /** Dates (YYYY-MM-DD) of the digests the paper appeared in, newest first. */
  digestDates: string[];
  /** Names of those digests' sources (e.g. "Hugging Face Daily Papers"), parallel to `digestDates`. */
  digestNames?: string[];
  /** Publication year when a source gave one. */
  year?: number | null;
  /** arXiv categories, primary first. */
  categories?: string[];
  /** arXiv primary category (e.g. `cs.CL`); falls back to `categories[0]`. */
  primaryClass?: string | null;
}

export interface ExportOptions {
  /**
   * Paper id → citation key, usually the library's pinned keys. Papers missing from it get keys
   * from `assignCitationKeys`, kept unique against the keys given here.
   */
  citationKeys?: ReadonlyMap<string, string>;
  /** Put the person's notes in the entry (`annote`, `annotation`, CSL `annote`, RIS `N1`). */
  includeNotes?: boolean;
}

/** Every writer has this shape: papers in, file text out. */
export type ExportWriter = (papers: readonly ExportPaper[], options?: ExportOptions) => string;
