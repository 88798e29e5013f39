import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { digestFromBytes } from './digestFromBytes';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(fileURLToPath(new URL(`../../shared/digest/fixtures/${name}`, import.meta.url))));
const text = (s: string) => new TextEncoder().encode(s);

describe('digestFromBytes: where the digest date came from', () => {
  it.each([
    ['HF text: the file date', 'hf-daily-papers-sample.txt', { kind: 'mtime', reference: '2026-03-20' }],
    ['HF JSON: the file states its dates', 'hf-daily-papers.json', { kind: 'in-file' }],
    ['arXiv RSS', 'arxiv-rss.xml', { kind: 'in-file' }],
    ['an e-mail file: its Date header', 'hf-digest.eml', { kind: 'email-date' }],
  ])('%s', async (_name, file, basis) => {
    const result = await digestFromBytes(fixture(file), file, '2026-03-20');
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.dateBasis).toMatchObject(basis);
  });

  it('a digest without any date says so', async () => {
    const result = await digestFromBytes(text('2401.00001\n2401.00002\n'), 'ids.txt', '2026-03-20');
    expect(result.ok && result.dateBasis).toEqual({ kind: 'none' });
  });

  it('the same text in two encodings has one id', async () => {
    const utf8 = await digestFromBytes(text('Mar 13\n\nTitle\n\nAbstract.\n'), 'a.txt', '2026-03-20');
    const bom = await digestFromBytes(
      Uint8Array.from([0xef, 0xbb, 0xbf, ...text('Mar 13\r\n\r\nTitle\r\n\r\nAbstract.\r\n')]),
      'b.txt',
      '2026-03-20',
    );
    expect(utf8.ok && bom.ok && utf8.digestId === bom.digestId).toBe(true);
  });
});
