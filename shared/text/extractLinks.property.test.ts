import fc from 'fast-check';
import { LinkifyIt } from 'linkify-it';
import { describe, expect, it } from 'vitest';
import { findLinkSpans, isHttpUrl } from './extractLinks';

// The reference: linkify-it over the whole text, as findLinkSpans did before it learned to
// look only at the runs around "://".
const linkify = new LinkifyIt({ fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false });
function reference(text: string) {
  return (linkify.match(text) ?? [])
    .filter((m) => isHttpUrl(m.url))
    .map((m) => ({ start: m.index, end: m.lastIndex, url: m.url }));
}

const pieces = fc.constantFrom(
  'https://github.com/a/b',
  'http://x.org/p?q=1#f',
  'https://sled-group.github.io/InfEdit/',
  'https://a.org/x',
  'ftp://files.org/f',
  'javascript:alert(1)',
  '://',
  '(',
  ')',
  '.',
  ',',
  ' ',
  '\n',
  '\u00a0',
  '\u3000',
  'see',
  'code at',
  'e.g.',
  '[',
  ']',
  '"',
  "'",
  '<',
  '>',
  'https://',
  'www.example.org',
  'user@example.org',
  'mailto:a@b.c',
  '😀',
  'é',
);
const texts = fc.oneof(
  fc.array(pieces, { maxLength: 30 }).map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 200 }),
);

describe('findLinkSpans', () => {
  it('finds exactly what linkify-it finds over the whole text', () => {
    fc.assert(
      fc.property(texts, (text) => {
        expect(findLinkSpans(text)).toEqual(reference(text));
      }),
      { numRuns: 5_000 },
    );
  });
});
