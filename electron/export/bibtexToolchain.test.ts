// Real toolchain validation: the exported .bib goes through bibtex (plain.bst) and biber's data
// model check, and both logs must be free of warnings and errors; then a maintained BibTeX parser
// reads both files back and the fields must match what went in.
//
// bibtex and biber are required (CI installs texlive-binaries texlive-base biber): when they are
// missing these tests fail with a message saying so, they never skip.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Creator, type Library, parse } from '@retorquere/bibtex-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDigest } from '../../shared/digest/parseDigest';
import { splitAuthorName } from '../../shared/export/authorName';
import { writeBiblatex } from '../../shared/export/biblatex';
import { writeBibtex } from '../../shared/export/bibtex';
import { assignCitationKeys } from '../../shared/export/citationKey';
import { exportPapersFromDigests } from '../../shared/export/exportPapersFromDigests';
import { makeExportPaper } from '../../shared/export/fixtures/makeExportPaper';
import { foldToAscii } from '../../shared/export/foldToAscii';
import { arxivIdDate } from '../../shared/export/paperDate';
import type { ExportPaper } from '../../shared/export/types';

const here = path.dirname(fileURLToPath(import.meta.url));
const sampleText = readFileSync(path.join(here, '../../shared/digest/fixtures/hf-daily-papers-sample.txt'), 'utf8');
const hostile = JSON.parse(
  readFileSync(path.join(here, '../../shared/export/fixtures/hostile-papers.json'), 'utf8'),
) as Array<Partial<ExportPaper> & { id: string; title: string }>;

function requireTool(name: string): string {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  if (found.status !== 0 || found.stdout.trim() === '') {
    throw new Error(
      `"${name}" is not on PATH. The BibTeX toolchain tests need it: apt-get install texlive-binaries texlive-base biber`,
    );
  }
  return found.stdout.trim();
}

const sample = parseDigest({ text: sampleText, fileName: 'sample.txt', referenceDate: '2026-11-29' });
const papers: ExportPaper[] = [...exportPapersFromDigests([sample]), ...hostile.map(makeExportPaper)];
const keys = assignCitationKeys(papers);
const options = { citationKeys: keys, includeNotes: true };

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'shelfmark-bib-'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the export library', () => {
  it('holds the 75 sample papers and the hostile fixture, with unique keys', () => {
    expect(papers).toHaveLength(75 + hostile.length);
    expect(new Set([...keys.values()].map((key) => key.toLowerCase())).size).toBe(papers.length);
  });
});

describe('bibtex with plain.bst', () => {
  it('reads every entry with zero warnings and zero errors', () => {
    const bibtex = requireTool('bibtex');
    writeFileSync(path.join(dir, 'out.bib'), writeBibtex(papers, options));
    writeFileSync(path.join(dir, 'out.aux'), '\\citation{*}\n\\bibstyle{plain}\n\\bibdata{out}\n');
    const run = spawnSync(bibtex, ['out'], { cwd: dir, encoding: 'utf8' });
    const blg = readFileSync(path.join(dir, 'out.blg'), 'utf8');
    const report = `${run.stdout}\n${run.stderr}\n${blg}`;
    expect(blg).toContain('Database file #1: out.bib');
    expect(report).not.toMatch(/Warning--/);
    expect(report).not.toMatch(/error message/);
    expect(report).not.toMatch(/I was expecting|I'm skipping|Illegal|Unbalanced|Too many commas/i);
    expect(run.status, report).toBe(0);
    const bbl = readFileSync(path.join(dir, 'out.bbl'), 'utf8');
    expect(bbl.match(/\\bibitem\{/g)).toHaveLength(papers.length);
  });
});

describe('biber --tool --validate-datamodel', () => {
  it('validates the BibLaTeX export with no WARN or ERROR lines', () => {
    const biber = requireTool('biber');
    writeFileSync(path.join(dir, 'out-biblatex.bib'), writeBiblatex(papers, options));
    const run = spawnSync(biber, ['--tool', '--validate-datamodel', 'out-biblatex.bib'], {
      cwd: dir,
      encoding: 'utf8',
    });
    const log = readFileSync(path.join(dir, 'out-biblatex.bib.blg'), 'utf8');
    const report = `${run.stdout}\n${run.stderr}\n${log}`;
    expect(log).toContain('Datamodel validation complete');
    expect(report).not.toMatch(/\b(WARN|ERROR)\b/);
    expect(run.status, report).toBe(0);
    // biber wrote back every entry it read.
    const written = readFileSync(path.join(dir, 'out-biblatex_bibertool.bib'), 'utf8');
    expect(written.match(/^@/gm)).toHaveLength(papers.length);
  });
});

// --- read back with @retorquere/bibtex-parser --------------------------------------------------

// Format characters and controls, which the export drops on purpose.
const INVISIBLE = /\p{Cf}|\p{Cc}/gu;
const clean = (text: string) =>
  text
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .replace(INVISIBLE, '')
    .replace(/[\ufe00-\ufe0f]/g, '')
    .trim();
/**
 * What survives the BibTeX flavor's ASCII-only text: ASCII letters and digits, after folding.
 * Command names are dropped (the parser turns math like `\\alpha` into α, which folds to nothing).
 */
const skeleton = (text: string) => foldToAscii(clean(text).replace(/\\[A-Za-z]+/g, '')).replace(/[^A-Za-z0-9]/g, '');

function readBack(text: string): Library {
  const library = parse(text, { sentenceCase: false, english: false, caseProtection: false, unsupported: 'ignore' });
  expect(library.errors).toEqual([]);
  return library;
}

function creatorParts(creator: Creator): { family: string; given: string } {
  if (creator.name !== undefined) return { family: creator.name, given: '' };
  const family = [creator.prefix, creator.lastName].filter(Boolean).join(' ');
  return { family, given: [creator.firstName, creator.suffix].filter(Boolean).join(' ') };
}

function expectedYear(paper: ExportPaper): string {
  if (paper.year) return String(paper.year);
  const fromId = paper.arxivId ? arxivIdDate(paper.arxivId) : null;
  if (fromId) return String(fromId.year);
  return paper.digestDates[0]!.slice(0, 4);
}

describe.each(['bibtex', 'biblatex'] as const)('%s export read back by @retorquere/bibtex-parser', (flavor) => {
  const text = flavor === 'bibtex' ? writeBibtex(papers, options) : writeBiblatex(papers, options);
  const library = readBack(text);
  const byKey = new Map(library.entries.map((entry) => [entry.key, entry]));
  // UTF-8 survives BibLaTeX exactly; the BibTeX flavor keeps what LaTeX can spell in ASCII.
  const same = (actual: string, expected: string) =>
    flavor === 'biblatex' && !expected.includes('$')
      ? expect(clean(actual)).toBe(clean(expected))
      : expect(skeleton(actual)).toBe(skeleton(expected));

  it('has one entry per paper', () => {
    expect(library.entries).toHaveLength(papers.length);
  });

  it.each(papers.map((paper) => [paper.id, paper] as const))('%s: title, authors, year, eprint, doi', (_id, paper) => {
    const entry = byKey.get(keys.get(paper.id)!)!;
    expect(entry).toBeDefined();
    same(entry.fields.title ?? '', paper.title || 'Untitled');
    const authors = (entry.fields.author ?? []).map(creatorParts);
    const expectedAuthors = paper.authors.map(splitAuthorName);
    expect(authors).toHaveLength(expectedAuthors.length);
    authors.forEach((author, i) => {
      same(author.family, expectedAuthors[i]!.family);
      same(author.given, [expectedAuthors[i]!.given, expectedAuthors[i]!.suffix].filter(Boolean).join(' '));
    });
    const year = flavor === 'bibtex' ? entry.fields.year : entry.fields.date?.slice(0, 4);
    expect(year).toBe(expectedYear(paper));
    expect(entry.fields.eprint).toBe(paper.arxivId ?? undefined);
    expect(entry.fields.doi).toBe(paper.doi ?? undefined);
  });
});

describe('the toolchain itself', () => {
  it('is the real one (bibtex reports its version)', () => {
    const version = execFileSync(requireTool('bibtex'), ['--version'], { encoding: 'utf8' });
    expect(version).toMatch(/BibTeX/);
  });
});
