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

/** The simple-URL rule as the regex it was first written as; simpleUrlOf reads it in one scan. */
const SIMPLE_URL =
  /^https?:\/\/((?:[a-z0-9]+(?:-[a-z0-9]+)*\.)+[a-z]{2,24})((?:\/[a-z0-9_]+(?:[-.][a-z0-9_]+)*)*\/?)[.,]?$/i;

function simpleUrlByRegex(run: string): string | null {
  const match = SIMPLE_URL.exec(run);
  if (!match) return null;
  for (const label of match[1]!.split('.')) if (label.length > 63) return null;
  return run.endsWith('.') || run.endsWith(',') ? run.slice(0, -1) : run;
}

const hostPieces = fc.constantFrom(
  'github',
  'a',
  'x-y',
  'lab1',
  '9',
  '-',
  '--',
  '.',
  '..',
  'io',
  'Z',
  '_',
  'é',
  'xn--p',
);
const pathPieces = fc.constantFrom(
  '/',
  '//',
  'repo',
  '_',
  '.',
  '-',
  'b1',
  '..',
  '.-',
  '?',
  '#',
  'é',
  ':',
  ')',
  'X_Y-z',
);

describe('abstract links', () => {
  it('simpleUrlOf reads exactly the URLs its regex matches', () => {
    const run = fc
      .tuple(
        fc.constantFrom('https://', 'http://', 'HTTP://', 'hTtPs://', 'https:/', 'ftp://', 'httpss://'),
        fc.array(fc.tuple(hostPieces, fc.boolean()), { maxLength: 5 }),
        fc.constantFrom('com', 'org', 'c', 'x1', 'a'.repeat(24), 'a'.repeat(25), 'x'.repeat(63), 'y'.repeat(64), ''),
        fc.array(fc.tuple(fc.boolean(), pathPieces), { maxLength: 6 }),
        fc.constantFrom('', '.', ',', '/', './', ',.', ':', ')'),
      )
      .map(
        ([scheme, labels, tld, segments, tail]) =>
          scheme +
          labels.map(([label, dot]) => (dot ? `${label}.` : label)).join('') +
          tld +
          segments.map(([slash, segment]) => (slash ? `/${segment}` : segment)).join('') +
          tail,
      );
    fc.assert(
      fc.property(
        fc.oneof(
          run,
          fc.array(pieces, { maxLength: 14 }).map((parts) => parts.join('')),
        ),
        (text) => {
          expect(simpleUrlOf(text)).toBe(simpleUrlByRegex(text));
        },
      ),
      { numRuns: runs },
    );
    for (const text of ['https://github.com/lab1/repo2.', 'HTTP://A.io/', `https://${'x'.repeat(64)}.org`]) {
      expect(simpleUrlOf(text)).toBe(simpleUrlByRegex(text));
    }
  });

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
