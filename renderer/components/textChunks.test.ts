import { describe, expect, it } from 'vitest';
import { CHUNK, textChunks } from './textChunks';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('textChunks', () => {
  it('leaves ordinary text (words, even long ones) as one string', () => {
    const text = 'A paper title with https://example.org/a/rather/long/link and words '.repeat(50);
    expect(textChunks(text)).toBe(text);
  });

  it('cuts text with a long unbroken run into short pieces that join back to the text', () => {
    const text = `Huge ${'A'.repeat(100_000)} end`;
    const pieces = textChunks(text) as string[];
    expect(Array.isArray(pieces)).toBe(true);
    expect(pieces.join('')).toBe(text);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThanOrEqual(CHUNK + 1);
  });

  it('never splits a surrogate pair', () => {
    const text = '😀'.repeat(500);
    const pieces = textChunks(text) as string[];
    expect(pieces.join('')).toBe(text);
    for (const piece of pieces) expect(piece).not.toMatch(LONE_SURROGATE);
  });
});
