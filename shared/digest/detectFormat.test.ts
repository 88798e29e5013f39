import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectAllFormats, detectFormat, knownFormatLabels, parseDigest } from './parseDigest';
import { DigestError } from './source';
import { sourceOf } from './test/sourceOf';

const read = (name: string) =>
  readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), 'utf8').replace(/\r\n?/g, '\n');

describe('detection: every fixture is its own format and nothing else', () => {
  it.each([
    ['hf-daily-papers-sample.txt', 'hf-daily-text'],
    ['hf-page-copy.txt', 'hf-daily-text'],
    ['hf-daily-papers.json', 'hf-daily-json'],
    ['arxiv-listing-email.txt', 'arxiv-email'],
    ['arxiv-rss.xml', 'arxiv-rss'],
    ['arxiv-atom.xml', 'arxiv-atom'],
    ['papers.bib', 'bibtex'],
    ['hf-digest.eml', 'eml'],
    ['id-list.txt', 'id-list'],
  ])('%s → %s', (file, format) => {
    expect(detectAllFormats(read(file))).toEqual([format]);
  });

  it.each([
    ['prose', 'Dear colleague,\n\nplease find the notes from Tuesday below.\n'],
    ['JSON that is not the daily papers API', '[{"name": "x"}, {"name": "y"}]'],
    ['an HTML page', '<!DOCTYPE html><html><body><p>Mar 13</p></body></html>'],
    ['an RSS-looking Atom without the Atom namespace', '<feed><entry><title>T</title></entry></feed>'],
    ['a vote line and a date but nothing else', '[-] 101\nMar 13\n'],
    ['a mail header block with no body', 'From: a@example.org\nMIME-Version: 1.0\nSubject: x'],
    ['one arXiv id among prose', 'See 2401.00001 for details.\nAnd more prose here.\nAnd here.\n'],
  ])('recognizes nothing in %s', (_name, text) => {
    expect(detectAllFormats(text)).toEqual([]);
    expect(detectFormat(text)).toBeNull();
  });

  it('does not take an arXiv listing saved with From/Subject/Date for an e-mail file', () => {
    expect(read('arxiv-listing-email.txt').startsWith('From: ')).toBe(true);
    expect(detectAllFormats(read('arxiv-listing-email.txt'))).toEqual(['arxiv-email']);
  });

  it('"no format recognized" names every format tried', () => {
    expect(knownFormatLabels()).toHaveLength(8);
    const attempt = () => parseDigest(sourceOf('just some words\n', 'notes.txt'));
    expect(attempt).toThrow(DigestError);
    expect(attempt).toThrow(`notes.txt: no digest format recognized (tried: ${knownFormatLabels().join(', ')})`);
  });
});
