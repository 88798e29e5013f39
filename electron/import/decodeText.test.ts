import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeText, toNfc } from './decodeText';

const utf8 = (text: string) => new TextEncoder().encode(text);

function utf16(text: string, littleEndian: boolean): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set(littleEndian ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    bytes[2 + i * 2] = littleEndian ? unit & 0xff : unit >> 8;
    bytes[3 + i * 2] = littleEndian ? unit >> 8 : unit & 0xff;
  }
  return bytes;
}

const SAMPLE = 'Mar 13\r\n\r\nCafé Größe — naïve\r\n\r\nAbstract, 50% of {x}_y.\r\n';
const EXPECTED = 'Mar 13\n\nCafé Größe — naïve\n\nAbstract, 50% of {x}_y.\n';

describe('decodeText', () => {
  it.each([
    ['UTF-8 without BOM', utf8(SAMPLE), 'utf-8'],
    ['UTF-8 with BOM', Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(SAMPLE)]), 'utf-8'],
    ['UTF-16 LE with BOM', utf16(SAMPLE, true), 'utf-16le'],
    ['UTF-16 BE with BOM', utf16(SAMPLE, false), 'utf-16be'],
    ['Windows-1252', Uint8Array.from(SAMPLE, (ch) => (ch === '—' ? 0x97 : ch.charCodeAt(0))), 'windows-1252'],
    ['CR-only line ends', utf8(SAMPLE.replace(/\r\n/g, '\r')), 'utf-8'],
  ])('%s', (_name, bytes, encoding) => {
    const result = decodeText(bytes);
    expect(result).toEqual({ ok: true, text: EXPECTED, encoding });
  });

  it('normalizes to NFC (a decomposed é becomes one character)', () => {
    const result = decodeText(utf8('Cafe\u0301\n'));
    expect(result.ok && result.text).toBe('Caf\u00e9\n');
  });

  it.each([
    ['an empty file', new Uint8Array(), 'the file is empty'],
    ['white space only', utf8(' \n\t\n'), 'the file is empty'],
    ['a BOM only', Uint8Array.from([0xef, 0xbb, 0xbf]), 'the file is empty'],
    [
      'a PNG',
      Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      'the file is binary, not a text digest',
    ],
    [
      'control bytes',
      Uint8Array.from({ length: 100 }, (_, i) => (i % 3 === 0 ? 1 : 65)),
      'the file is binary, not a text digest',
    ],
    ['UTF-16 without a BOM', utf16('Mar 13', true).subarray(2), 'the file is binary, not a text digest'],
    ['UTF-16 with a NUL character', utf16('a\u0000b', true), 'the file is binary, not a text digest'],
  ])('refuses %s', (_name, bytes, reason) => {
    expect(decodeText(bytes)).toEqual({ ok: false, reason });
  });
});

describe('toNfc', () => {
  it.each([
    ['ASCII only', 'Mar 13\nTitle\n'],
    ['Latin-1 precomposed', 'Café Größe\nnaïve\n'],
    ['decomposed accents on some lines', 'plain\nCafe\u0301 and A\u030a\nplain again\n'],
    ['Hangul jamo', '\u1100\u1161\u11a8\n'],
    ['compatibility characters that NFC keeps', 'ﬁ ① Å\n'],
    ['a combining mark at the start of a line', '\u0301x\nab\u0327\u0301\n'],
    ['astral characters', '𝔘𝔫𝔦 ✓ 😀\u0301\n'],
  ])('equals String.normalize on %s', (_name, text) => {
    expect(toNfc(text)).toBe(text.normalize('NFC'));
  });

  it('stays linear on a 1 MB line without such characters next to one that has them', () => {
    const text = `Café\n${'A'.repeat(1024 * 1024)} <img>\nnaïve`;
    const started = performance.now();
    expect(toNfc(text)).toBe(text.normalize('NFC'));
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('equals String.normalize on random text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-composite', maxLength: 200 }), fc.string({ maxLength: 50 }), (a, b) => {
        const text = `${a}\n${b}\u0301\n${a}`;
        expect(toNfc(text)).toBe(text.normalize('NFC'));
      }),
      { numRuns: 2000 },
    );
  });
});
