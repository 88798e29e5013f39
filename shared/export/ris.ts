// RIS export: one `TY  - GEN` record per paper, `TY` first and `ER` last, CRLF line ends as the
// format's specification asks. Values are single lines.

import { splitAuthorName } from './authorName';
import { arxivAbsUrl, normalizeArxivId, normalizeDoi } from './arxivId';
import { citationKeysFor } from './citationKey';
import { collapseWhitespace } from './latex';
import { paperDate } from './paperDate';
import type { ExportOptions, ExportPaper } from './types';

const EOL = '\r\n';

function risName(raw: string): string {
  const name = splitAuthorName(raw);
  if (name.literal || name.given === '') return name.family;
  return name.suffix ? `${name.family}, ${name.given}, ${name.suffix}` : `${name.family}, ${name.given}`;
}

function pad2(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

export function writeRis(papers: readonly ExportPaper[], options: ExportOptions = {}): string {
  const keys = citationKeysFor(papers, options.citationKeys);
  const seen = new Set<string>();
  const lines: string[] = [];
  const tag = (name: string, value: string) => {
    const clean = collapseWhitespace(value);
    if (clean !== '') lines.push(`${name}  - ${clean}`);
  };
  for (const paper of papers) {
    if (seen.has(paper.id)) continue;
    seen.add(paper.id);
    lines.push('TY  - GEN');
    tag('ID', keys.get(paper.id)!);
    tag('TI', paper.title);
    for (const author of paper.authors) if (author.trim() !== '') tag('AU', risName(author));
    const date = paperDate(paper);
    if (date) {
      tag('PY', String(date.year));
      tag('DA', date.month ? `${date.year}/${pad2(date.month)}//` : `${date.year}///`);
    }
    tag('AB', paper.abstract);
    const doi = normalizeDoi(paper.doi);
    if (doi) tag('DO', doi);
    const arxivId = normalizeArxivId(paper.arxivId);
    if (arxivId) {
      tag('PB', 'arXiv');
      tag('M1', `arXiv:${arxivId}`);
      tag('UR', arxivAbsUrl(arxivId));
    }
    for (const link of paper.links) if (link !== (arxivId && arxivAbsUrl(arxivId))) tag('UR', link);
    for (const keyword of paper.tags) tag('KW', keyword);
    if (date?.note) tag('N1', date.note);
    if (options.includeNotes) tag('N1', paper.notes);
    lines.push('ER  - ', '');
  }
  return lines.join(EOL);
}
