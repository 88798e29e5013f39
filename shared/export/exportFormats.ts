// The export formats the app offers: their names, what a saved file is called, which writer makes it.

import { writeBiblatex } from './biblatex';
import { writeBibtex } from './bibtex';
import { writeCslJson } from './cslJson';
import { writeMarkdown } from './markdown';
import { writeRis } from './ris';
import { EXPORT_FORMATS, type ExportFormat } from './exportScope';
import type { ExportWriter } from './types';

export { EXPORT_FORMATS, type ExportFormat };

export interface ExportFormatInfo {
  label: string;
  /** File name extension, without the dot. */
  extension: string;
  /** The save dialog's filter name. */
  filterName: string;
  write: ExportWriter;
}

export const EXPORT_FORMAT_INFO: Record<ExportFormat, ExportFormatInfo> = {
  bibtex: { label: 'BibTeX', extension: 'bib', filterName: 'BibTeX', write: writeBibtex },
  biblatex: { label: 'BibLaTeX', extension: 'bib', filterName: 'BibLaTeX', write: writeBiblatex },
  'csl-json': { label: 'CSL-JSON', extension: 'json', filterName: 'CSL-JSON', write: writeCslJson },
  ris: { label: 'RIS', extension: 'ris', filterName: 'RIS', write: writeRis },
  markdown: { label: 'Markdown reading list', extension: 'md', filterName: 'Markdown', write: writeMarkdown },
};

export function isExportFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}

/** A file name for an export, from a label a person recognizes ("Starred" → "shelfmark-starred.bib"). */
export function exportFileName(label: string, format: ExportFormat): string {
  const slug = label
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `shelfmark${slug ? `-${slug}` : ''}.${EXPORT_FORMAT_INFO[format].extension}`;
}
