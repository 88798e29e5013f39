import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDigest, parseDigestAsync } from './parseDigest';
import { DigestError } from './source';
import { sourceOf } from './test/sourceOf';

const fixtureBytes = new Uint8Array(readFileSync(fileURLToPath(new URL('./fixtures/hf-digest.eml', import.meta.url))));
const fixtureText = new TextDecoder().decode(fixtureBytes).replace(/\r\n?/g, '\n');

/** A message built from parts, so each transfer encoding and charset can be tried. */
function message(headers: string, body: string): string {
  return `From: Sender <s@example.org>\nTo: r@example.org\nSubject: Digest\n${headers}\n\n${body}`;
}

function latin1Bytes(text: string): Uint8Array {
  return Uint8Array.from(text, (ch) => ch.charCodeAt(0));
}

describe('e-mail files', () => {
  it('reads the quoted-printable ISO-8859-1 text part as an HF digest, with the year from Date', async () => {
    const digest = await parseDigestAsync({ ...sourceOf(fixtureText, 'digest.eml'), bytes: fixtureBytes });
    expect(digest.format).toBe('eml');
    expect(digest.innerFormat).toBe('hf-daily-text');
    // The file's date is 2026, but the mail was sent on 2024-03-14: Mar 13 is 2024-03-13.
    expect(digest.digestDate).toBe('2024-03-13');
    expect(digest.papers.map((p) => p.title)).toEqual([
      'Café Physics: Naïve Models at 99% Accuracy',
      'Größere Modelle, kleinere Kosten',
    ]);
    expect(digest.papers[1]!.abstract).toBe('Wir zeigen, dass größere Modelle weniger kosten (£ and ¥ prices).');
    expect(digest.papers[0]!.links).toEqual(['https://github.com/example/cafe_physics']);
  });

  it('works from the text alone when no bytes are given', async () => {
    const digest = await parseDigestAsync(sourceOf(fixtureText, 'digest.eml'));
    expect(digest.papers).toHaveLength(2);
  });

  it('falls back to the HTML part (base64) when there is no text part', async () => {
    const html =
      '<html><body><p>Mar 13</p><h3>An HTML &amp; Title</h3><p>Its abstract, 5&nbsp;% better.</p></body></html>';
    const text = message(
      'Date: Thu, 14 Mar 2024 06:00:00 +0000\nMIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: base64',
      btoa(String.fromCharCode(...new TextEncoder().encode(html))),
    );
    const digest = await parseDigestAsync(sourceOf(text, 'html.eml'));
    expect(digest.innerFormat).toBe('hf-daily-text');
    expect(digest.papers.map((p) => [p.title, p.abstract])).toEqual([['An HTML & Title', 'Its abstract, 5 % better.']]);
  });

  it('decodes a windows-1251 base64 part and an arXiv listing inside, dated by the mail', async () => {
    const listing = [
      '\\\\',
      'arXiv:2401.00002',
      'Date: Mon, 1 Jan 2024 10:00:00 GMT   (1kb)',
      '',
      'Title: Модели и данные',
      "Authors: Иван Петров and Ana Ara\\'ujo",
      'Categories: cs.CL',
      '\\\\',
      '  Абстракт.',
      '\\\\ ( https://arxiv.org/abs/2401.00002 ,  1kb)',
    ].join('\n');
    const cp1251 = new Map(
      [...'АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмнопрстуфхцчшщъыьэюя'].map((ch, i) => [ch, 0xc0 + i]),
    );
    const bytes = Uint8Array.from([...listing], (ch) => cp1251.get(ch) ?? ch.charCodeAt(0));
    const text = message(
      'Date: Tue, 2 Jan 2024 01:00:00 -0500\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b1',
      [
        '--b1',
        'Content-Type: text/plain; charset=windows-1251',
        'Content-Transfer-Encoding: base64',
        '',
        btoa(String.fromCharCode(...bytes)),
        '--b1--',
        '',
      ].join('\n'),
    );
    const digest = await parseDigestAsync(sourceOf(text, 'arxiv.eml'));
    expect(digest.innerFormat).toBe('arxiv-email');
    expect(digest.digestDate).toBe('2024-01-02');
    expect(digest.papers[0]).toMatchObject({
      title: 'Модели и данные',
      authors: ['Иван Петров', 'Ana Araújo'],
      abstract: 'Абстракт.',
      digestDate: '2024-01-02',
    });
  });

  it('decodes 8-bit ISO-8859-1 bodies from the raw bytes', async () => {
    const text = message(
      'Date: Thu, 14 Mar 2024 06:00:00 +0000\nMIME-Version: 1.0\nContent-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: 8bit',
      'Mar 13\n\nCaf\u00e9 Title\n\nNa\u00efve abstract.\n',
    );
    const digest = await parseDigestAsync({ ...sourceOf(text, 'x.eml'), bytes: latin1Bytes(text) });
    expect(digest.papers[0]!.title).toBe('Café Title');
  });

  it('finds a digest sent as a text attachment', async () => {
    const text = message(
      'Date: Thu, 14 Mar 2024 06:00:00 +0000\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=zz',
      [
        '--zz',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Hi, the list you asked for is attached.',
        '--zz',
        'Content-Type: text/plain; name=ids.txt',
        'Content-Disposition: attachment; filename=ids.txt',
        '',
        '2403.08763',
        '2401.00001',
        '--zz--',
      ].join('\n'),
    );
    const digest = await parseDigestAsync(sourceOf(text, 'fwd.eml'));
    expect(digest.innerFormat).toBe('id-list');
    expect(digest.papers.map((p) => p.arxivId)).toEqual(['2403.08763', '2401.00001']);
  });

  it('refuses a mail with no digest inside, naming what it tried', async () => {
    const text = message('Date: Thu, 14 Mar 2024 06:00:00 +0000\nMIME-Version: 1.0', 'Lunch on Friday?');
    await expect(parseDigestAsync(sourceOf(text, 'lunch.eml'))).rejects.toThrow(
      'lunch.eml: is an e-mail with no recognized digest in its text part',
    );
    await expect(parseDigestAsync(sourceOf(text, 'lunch.eml'))).rejects.toBeInstanceOf(DigestError);
  });

  it('tells a synchronous caller to use parseDigestAsync, with a DigestError', () => {
    expect(() => parseDigest(sourceOf(fixtureText, 'digest.eml'))).toThrow(DigestError);
  });
});
