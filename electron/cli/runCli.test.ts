import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './runCli';

const dir = mkdtempSync(path.join(tmpdir(), 'shelfmark-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fixture(name: string): string {
  const target = path.join(dir, name);
  copyFileSync(fileURLToPath(new URL(`../../shared/digest/fixtures/${name}`, import.meta.url)), target);
  return target;
}

async function run(...argv: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const status = await runCli(argv, { stdout: (t) => stdout.push(t), stderr: (t) => stderr.push(t) });
  return { status, stdout, stderr };
}

const PAPER_KEYS = ['abstract', 'arxivId', 'authors', 'links', 'title'];

describe('shelfmark parse FILE --json', () => {
  it.each([
    ['hf-daily-papers-sample.txt', 'hf-daily-text', 75],
    ['hf-page-copy.txt', 'hf-daily-text', 5],
    ['hf-daily-papers.json', 'hf-daily-json', 2],
    ['arxiv-listing-email.txt', 'arxiv-email', 5],
    ['arxiv-rss.xml', 'arxiv-rss', 2],
    ['arxiv-atom.xml', 'arxiv-atom', 2],
    ['papers.bib', 'bibtex', 2],
    ['hf-digest.eml', 'eml', 2],
    ['id-list.txt', 'id-list', 6],
  ])('%s: %s with %i papers, in the JSON shape', async (name, format, count) => {
    const { status, stdout, stderr } = await run('parse', fixture(name), '--json');
    expect({ status, stderr }).toEqual({ status: 0, stderr: [] });
    expect(stdout).toHaveLength(1);
    const json = JSON.parse(stdout[0]!) as Record<string, unknown> & { papers: Record<string, unknown>[] };
    expect(Object.keys(json).sort()).toEqual(['digestDate', 'format', 'papers', 'warnings']);
    expect(json.format).toBe(format);
    expect(json.digestDate === null || /^\d{4}-\d{2}-\d{2}$/.test(json.digestDate as string)).toBe(true);
    expect(json.papers).toHaveLength(count);
    for (const paper of json.papers) {
      expect(Object.keys(paper).sort()).toEqual(PAPER_KEYS);
      expect(typeof paper.title).toBe('string');
      expect(typeof paper.abstract).toBe('string');
      expect(Array.isArray(paper.authors) && Array.isArray(paper.links)).toBe(true);
      expect(paper.arxivId === null || typeof paper.arxivId === 'string').toBe(true);
    }
    expect(Array.isArray(json.warnings)).toBe(true);
  });

  it('exits 2 with exactly one stderr line per refused file, and still prints the good ones', async () => {
    const empty = path.join(dir, 'empty.txt');
    writeFileSync(empty, '');
    const binary = path.join(dir, 'blob.bin');
    writeFileSync(binary, Uint8Array.from([0, 1, 2, 3, 0, 0, 255]));
    const prose = path.join(dir, 'prose.txt');
    writeFileSync(prose, 'nothing to see here\n');
    const missing = path.join(dir, 'missing.txt');
    const { status, stdout, stderr } = await run(
      'parse',
      empty,
      fixture('id-list.txt'),
      binary,
      prose,
      missing,
      '--json',
    );
    expect(status).toBe(2);
    expect(stdout).toHaveLength(1);
    expect(stderr).toEqual([
      `shelfmark: ${empty}: the file is empty`,
      `shelfmark: ${binary}: the file is binary, not a text digest`,
      expect.stringMatching(/^shelfmark: .*prose\.txt: no digest format recognized \(tried: .*\)$/),
      `shelfmark: ${missing}: does not exist`,
    ]);
    for (const line of stderr) expect(line).not.toMatch(/\n|\s+at /);
  });
});
