import { describe, expect, it } from 'vitest';
import { makeExportPaper } from '../../shared/export/fixtures/makeExportPaper';
import { duplicateCitationKeys, exportText } from './exportActions';

describe('duplicateCitationKeys', () => {
  it('names keys that several papers share, ignoring case as BibTeX does', () => {
    const papers = [
      makeExportPaper({ id: 'a', title: 'A', citationKey: 'smith2020' }),
      makeExportPaper({ id: 'b', title: 'B', citationKey: 'Smith2020' }),
      makeExportPaper({ id: 'c', title: 'C', citationKey: 'jones2021' }),
      makeExportPaper({ id: 'd', title: 'D', citationKey: null }),
    ];
    expect(duplicateCitationKeys(papers)).toEqual(['smith2020']);
    expect(duplicateCitationKeys(papers.slice(2))).toEqual([]);
  });
});

describe('exportText', () => {
  it('heads a Markdown list with the scope and keeps notes only when asked', () => {
    const papers = [makeExportPaper({ id: 'a', title: 'Deep', citationKey: 'k', notes: 'my note' })];
    expect(exportText(papers, 'markdown', true, 'Starred')).toMatch(/^# Starred\n[\s\S]*> my note/);
    expect(exportText(papers, 'markdown', false, 'Starred')).not.toContain('my note');
    expect(exportText(papers, 'biblatex', true)).toContain('annotation = {my note}');
    expect(exportText(papers, 'bibtex', false)).not.toContain('annote');
  });
});
