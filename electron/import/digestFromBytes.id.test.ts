// The digest id is the SHA-256 of the decoded, normalized text. Libraries store these ids and a
// re-import of the same content must find its own, so hashing the raw bytes (the fast path for
// files that decode to themselves) has to give exactly the id the text hash gives.

import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from './decodeText';
import { digestFromBytes } from './digestFromBytes';

const utf8 = (text: string) => new TextEncoder().encode(text);
const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');
const hfText = (title: string, abstract: string, eol = '\n') => ['Mar 13', '', title, '', abstract, ''].join(eol);

/** The id as it was always computed: the hash of the decoded text, whatever the bytes were. */
function textHash(bytes: Uint8Array): string {
  const decoded = decodeBytes(bytes);
  if (!decoded.ok) throw new Error(decoded.reason);
  return sha256(decoded.text);
}

async function idOf(bytes: Uint8Array): Promise<string> {
  const result = await digestFromBytes(bytes, 'digest.txt', '2026-03-20');
  if (!result.ok) throw new Error(result.reason);
  return result.digestId;
}

const NFC_TEXT = hfText('Café Größe — naïve “quotes”, 東京, 😀, Å', 'An abstract ﬁ ① with https://example.org/x.');

describe('digest id: bytes hashed as they are when the text is the bytes', () => {
  it.each([
    ['ASCII', hfText('A title', 'An abstract.')],
    ['Latin-1 letters, curly quotes, CJK and emoji, all in NFC', NFC_TEXT],
  ])('%s: verbatim, and the byte hash is the text hash', async (_name, text) => {
    const bytes = utf8(text);
    const decoded = decodeBytes(bytes);
    expect(decoded.ok && decoded.verbatim).toBe(true);
    expect(sha256(bytes)).toBe(sha256(text));
    expect(await idOf(bytes)).toBe(sha256(text));
    expect(await idOf(bytes)).toBe(textHash(bytes));
  });

  it.each([
    ['a UTF-8 BOM', Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(NFC_TEXT)])],
    ['CRLF line ends', utf8(hfText('Café Größe', 'An abstract.', '\r\n'))],
    ['CR line ends', utf8(hfText('Café Größe', 'An abstract.', '\r'))],
    ['Windows-1252 bytes', Uint8Array.from(hfText('Café Größe', 'An abstract.'), (ch) => ch.charCodeAt(0))],
    ['decomposed accents (not NFC)', utf8(hfText('Cafe\u0301 Gro\u0308ße', 'An abstract.'))],
  ])('%s: not verbatim, the id is the hash of the normalized text', async (_name, bytes) => {
    const decoded = decodeBytes(bytes);
    expect(decoded.ok && !decoded.verbatim).toBe(true);
    expect(await idOf(bytes)).toBe(textHash(bytes));
    expect(await idOf(bytes)).not.toBe(sha256(bytes));
  });

  it('the same text saved differently has the id of its verbatim UTF-8 file', async () => {
    const text = hfText('Café Größe', 'An abstract.');
    const verbatim = await idOf(utf8(text));
    expect(await idOf(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(text)]))).toBe(verbatim);
    expect(await idOf(utf8(text.replace(/\n/g, '\r\n')))).toBe(verbatim);
    expect(await idOf(Uint8Array.from(text, (ch) => ch.charCodeAt(0)))).toBe(verbatim);
    expect(await idOf(utf8(text.normalize('NFD')))).toBe(verbatim);
  });

  it('verbatim always means the text encodes back to exactly the bytes (random text)', () => {
    let verbatimSeen = 0;
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme-composite', maxLength: 80 }),
        fc.constantFrom('', '\r\n', '\n'),
        (s, eol) => {
          const bytes = utf8(`Mar 13\n${s}${eol}x`);
          const decoded = decodeBytes(bytes);
          if (!decoded.ok) return;
          const nfcWithoutCr = !s.includes('\r') && eol !== '\r\n' && s === s.normalize('NFC');
          if (!s.includes('\u0000')) expect(decoded.verbatim).toBe(nfcWithoutCr);
          if (decoded.verbatim) {
            verbatimSeen++;
            expect(utf8(decoded.text)).toEqual(bytes);
            expect(sha256(bytes)).toBe(sha256(decoded.text));
          }
        },
      ),
      { numRuns: 2000 },
    );
    expect(verbatimSeen).toBeGreaterThan(100);
  });

  it('verbatim always means the text encodes back to exactly the bytes (random bytes)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 200 }), (bytes) => {
        const decoded = decodeBytes(bytes);
        if (decoded.ok && decoded.verbatim) expect(utf8(decoded.text)).toEqual(bytes);
      }),
      { numRuns: 2000 },
    );
  });
});
