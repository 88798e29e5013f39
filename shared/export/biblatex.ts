// BibLaTeX export: `@online` entries (`@misc` when there is no url, doi or eprint) in UTF-8, for biber.

import { writeBibEntries } from './bibEntries';
import type { ExportOptions, ExportPaper } from './types';

export function writeBiblatex(papers: readonly ExportPaper[], options: ExportOptions = {}): string {
  return writeBibEntries(papers, options, 'biblatex');
}
