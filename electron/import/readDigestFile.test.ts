import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readDigestFile } from './readDigestFile';

const dir = mkdtempSync(path.join(tmpdir(), 'shelfmark-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Uint8Array): string {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../shared/digest/fixtures/${name}`, import.meta.url)));

describe('readDigestFile', () => {
  it('reads a digest, with its id, encoding and the file date as reference', async () => {
    const result = await readDigestFile(write('sample.txt', fixture('hf-daily-papers-sample.txt')));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.digest.papers).toHaveLength(75);
    expect(result.encoding).toBe('utf-8');
    expect(result.digestId).toMatch(/^[0-9a-f]{64}$/);
    expect(result.referenceDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('reads an e-mail file from its raw bytes (ISO-8859-1 quoted-printable part)', async () => {
    const result = await readDigestFile(write('digest.eml', fixture('hf-digest.eml')));
    expect(result.ok && result.digest.format).toBe('eml');
    expect(result.ok && result.digest.papers[0]!.title).toBe('Café Physics: Naïve Models at 99% Accuracy');
  });

  it('reads a UTF-16 LE file with CRLF line ends', async () => {
    const text = '\ufeffMar 13\r\n\r\nTitle\r\n\r\nAbstract.\r\n';
    const bytes = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) {
      bytes[i * 2] = text.charCodeAt(i) & 0xff;
      bytes[i * 2 + 1] = text.charCodeAt(i) >> 8;
    }
    const result = await readDigestFile(write('utf16.txt', bytes));
    expect(result.ok && result.encoding).toBe('utf-16le');
    expect(result.ok && result.digest.papers.map((p) => [p.title, p.abstract])).toEqual([['Title', 'Abstract.']]);
  });

  it.each([
    [
      'over the size cap',
      () => write('big.txt', 'Mar 13\n\nT\n\nA.\n'),
      { maxBytes: 8 },
      /^big\.txt: is 0\.0 MB, over the 0\.0 MB import limit$/,
    ],
    ['empty', () => write('empty.txt', ''), {}, /^empty\.txt: the file is empty$/],
    [
      'binary',
      () => write('image.png', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0])),
      {},
      /^image\.png: the file is binary/,
    ],
    ['missing', () => path.join(dir, 'missing.txt'), {}, /^missing\.txt: does not exist$/],
    [
      'a folder',
      () => (mkdirSync(path.join(dir, 'folder.txt')), path.join(dir, 'folder.txt')),
      {},
      /^folder\.txt: is a folder/,
    ],
    [
      'in no known format',
      () => write('notes.txt', 'just words\n'),
      {},
      /^notes\.txt: no digest format recognized \(tried: /,
    ],
    [
      'without papers',
      () => write('bad.json', '[{"paper": {}}]'),
      {},
      /^bad\.json: no papers found in this Hugging Face daily papers JSON file/,
    ],
  ])('refuses a file %s, naming it', async (_name, make, options, message) => {
    const result = await readDigestFile(make(), options);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });
});
