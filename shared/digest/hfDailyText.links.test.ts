import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractLinks } from '../text/extractLinks';
import { abstractLinks, simpleUrlOf } from './hfDailyText';

// The parser's fast path for plain URLs must give exactly what extractLinks (linkify-it) gives.
const runs = (process.env.SHELFMARK_PROPERTY_RUNS && Number(process.env.SHELFMARK_PROPERTY_RUNS)) || 10_000;

const pieces = fc.constantFrom(
  'https://',
  'http://',
  'github.com',
  'a.b.org',
  'x-y.io',
  'lab-',
  '-',
  '--',
  '.',
  '..',
  ',',
  ';',
  ':',
  '/',
  '//',
  '_',
  'repo12',
  'A',
  '9',
  'x'.repeat(64),
  '?q=1',
  '#f',
  ')',
  '(',
  '@',
  ' ',
  '\u00a0',
  'é',
  'Code: ',
  'xn--',
  'localhost',
);

describe('abstract links', () => {
  it('simple URLs match linkify-it', () => {
    expect(simpleUrlOf('https://github.com/lab1/repo2.')).toBe('https://github.com/lab1/repo2');
    expect(simpleUrlOf('https://sled-group.github.io/InfEdit/')).toBe('https://sled-group.github.io/InfEdit/');
    expect(simpleUrlOf('(https://a.org/x)')).toBeNull();
  });

  it('equal extractLinks on any text', () => {
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 14 }), (parts) => {
        const text = parts.join('');
        expect(abstractLinks(text)).toEqual(extractLinks(text));
      }),
      { numRuns: runs },
    );
  });

  it('equal extractLinks on URL-shaped runs', () => {
    const url = fc
      .tuple(
        fc.constantFrom('http://', 'https://', 'HTTPS://'),
        fc.array(pieces, { maxLength: 8 }),
        fc.constantFrom('', '.', ',', '/', './', ':'),
      )
      .map(([scheme, parts, tail]) => `see ${scheme}${parts.join('').replace(/\s/g, '')}${tail} ok`);
    fc.assert(
      fc.property(url, (text) => {
        expect(abstractLinks(text)).toEqual(extractLinks(text));
      }),
      { numRuns: runs },
    );
  });
});
