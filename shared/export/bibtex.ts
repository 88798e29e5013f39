// BibTeX export: `@misc` entries in pure ASCII (non-ASCII as LaTeX), for bibtex and any .bst.

import { writeBibEntries } from './bibEntries';
import type { ExportOptions, ExportPaper } from './types';

export function writeBibtex(papers: readonly ExportPaper[], options: ExportOptions = {}): string {
  return writeBibEntries(papers, options, 'bibtex');
}
