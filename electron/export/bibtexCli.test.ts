import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from '@retorquere/bibtex-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/runCli';

const sample = fileURLToPath(new URL('../../shared/digest/fixtures/hf-daily-papers-sample.txt', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'shelfmark-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runCli(argv, { stdout: (t) => stdout.push(t), stderr: (t) => stderr.push(t) });
  return { code, stdout, stderr };
}

// Parsing the sample and reading the .bib back takes seconds on a busy machine.
describe('shelfmark bibtex', { timeout: 30_000 }, () => {
  it('prints one .bib with the 75 sample papers that parses back', async () => {
    const result = await run('bibtex', sample);
    expect(result.code).toBe(0);
    expect(result.stderr).toEqual([]);
    expect(result.stdout).toHaveLength(1);
    const library = parse(result.stdout[0]!, { sentenceCase: false, english: false });
    expect(library.errors).toEqual([]);
    expect(library.entries).toHaveLength(75);
    expect(library.entries.every((entry) => entry.type === 'misc')).toBe(true);
    expect(library.entries[0]!.fields.title).toContain('Language Modeling on a');
    expect(new Set(library.entries.map((entry) => entry.key)).size).toBe(75);
  });

  it('prints BibLaTeX with --biblatex', async () => {
    const result = await run('bibtex', sample, '--biblatex');
    expect(result.code).toBe(0);
    const library = parse(result.stdout[0]!, { sentenceCase: false, english: false });
    expect(library.errors).toEqual([]);
    expect(library.entries).toHaveLength(75);
    expect(library.entries[0]!.fields.date).toMatch(/^\d{4}$/);
  });

  it('merges the same digest given twice into one entry per paper', async () => {
    const result = await run('bibtex', sample, sample);
    expect(parse(result.stdout[0]!).entries).toHaveLength(75);
  });

  it('refuses the whole run when a file is refused: exit 2, one stderr line per file, no stdout', async () => {
    const empty = path.join(dir, 'empty.txt');
    writeFileSync(empty, '');
    const missing = path.join(dir, 'missing.txt');
    const result = await run('bibtex', sample, empty, missing);
    expect(result.code).toBe(2);
    expect(result.stdout).toEqual([]);
    expect(result.stderr).toEqual([`shelfmark: ${empty}: the file is empty`, `shelfmark: ${missing}: does not exist`]);
  });

  it('refuses unknown options and a missing file list with its usage', async () => {
    const unknown = await run('bibtex', sample, '--bogus');
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toEqual([]);
    expect(unknown.stderr[0]).toMatch(/^shelfmark: unknown option --bogus\. usage: shelfmark bibtex FILE/);
    const none = await run('bibtex');
    expect(none.code).toBe(2);
    expect(none.stderr[0]).toMatch(/^usage: shelfmark bibtex FILE\.\.\. \[--biblatex\]/);
  });
});
