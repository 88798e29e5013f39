// Property tests over every parser: no input makes one throw anything but DigestError, and papers
// rendered into the HF text layout come back unchanged.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DigestFormat } from '../model';
import { parseMonthDay } from '../text/digestDate';
import { isHfNoiseLine } from './hfDailyText';
import { parseAs, parseDigest, parseDigestAsync } from './parseDigest';
import { DigestError } from './source';
import { sourceOf } from './test/sourceOf';

/** CI runs 10,000 per parser; SHELFMARK_PROPERTY_RUNS lowers it for a quick local pass. */
const RUNS = Number(process.env.SHELFMARK_PROPERTY_RUNS ?? 10_000);

const read = (name: string) =>
  readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), 'utf8').replace(/\r\n?/g, '\n');

const FIXTURES = [
  'hf-page-copy.txt',
  'hf-daily-papers.json',
  'arxiv-listing-email.txt',
  'arxiv-rss.xml',
  'arxiv-atom.xml',
  'papers.bib',
  'hf-digest.eml',
  'id-list.txt',
].map(read);

const SYNC_FORMATS: Exclude<DigestFormat, 'eml'>[] = [
  'hf-daily-text',
  'hf-daily-json',
  'arxiv-email',
  'arxiv-rss',
  'arxiv-atom',
  'bibtex',
  'id-list',
];

/** Runs `parse` and fails the property if it throws anything that is not a DigestError. */
function onlyDigestErrors(parse: () => unknown): void {
  try {
    parse();
  } catch (error) {
    if (!(error instanceof DigestError)) throw error;
  }
}

/** Arbitrary text: random strings, and fixtures with a random slice cut out and junk spliced in. */
const damagedText = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.tuple(fc.constantFrom(...FIXTURES), fc.nat(), fc.nat(), fc.string({ maxLength: 40 })).map(([text, a, b, junk]) => {
    const from = a % (text.length + 1);
    const to = from + (b % 200);
    return text.slice(0, from) + junk + text.slice(to);
  }),
);

describe('no input makes a parser throw anything but DigestError', () => {
  it.each(SYNC_FORMATS)(
    '%s parser, on any text',
    (format) => {
      fc.assert(
        fc.property(damagedText, (text) => onlyDigestErrors(() => parseAs(format, sourceOf(text)))),
        { numRuns: RUNS },
      );
    },
    120_000,
  );

  it('parseDigest, on any text', () => {
    fc.assert(
      fc.property(damagedText, (text) => onlyDigestErrors(() => parseDigest(sourceOf(text)))),
      { numRuns: RUNS },
    );
  }, 120_000);

  it('parseDigestAsync (e-mail files included), on any text', async () => {
    await fc.assert(
      fc.asyncProperty(damagedText, async (text) => {
        try {
          await parseDigestAsync(sourceOf(text));
        } catch (error) {
          if (!(error instanceof DigestError)) throw error;
        }
      }),
      { numRuns: RUNS },
    );
  }, 120_000);
});

describe('HF text round trip', () => {
  /** One line of text that the parser will not mistake for a date, noise or a blank line. */
  const line = fc
    .string({ minLength: 1, maxLength: 120 })
    .map((s) => s.replace(/[\r\n\u2028\u2029\u0085\v\f]/g, ' ').trim())
    .filter((s) => s !== '' && parseMonthDay(s) === null && !isHfNoiseLine(s) && s.normalize('NFC') === s);

  const papers = fc.array(fc.record({ title: line, abstract: line }), { minLength: 1, maxLength: 12 });

  it('papers rendered into the digest layout parse back to the same titles and abstracts', () => {
    fc.assert(
      fc.property(papers, fc.constantFrom('\n', '\r\n'), (list, eol) => {
        const text = ['Daily Papers', '', 'Mar 13', '', ...list.flatMap((p) => [p.title, '', p.abstract, ''])].join(
          eol,
        );
        const digest = parseAs('hf-daily-text', sourceOf(text));
        expect(digest.papers.map((p) => ({ title: p.title, abstract: p.abstract }))).toEqual(list);
        expect(digest.papers.every((p) => p.digestDate === '2026-03-13')).toBe(true);
        expect(digest.warnings).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('the page-copy layout (title and abstract on consecutive lines) round-trips too', () => {
    fc.assert(
      fc.property(papers, (list) => {
        const text = ['Mar 13', ...list.flatMap((p) => ['Submitted by someone', '12', p.title, p.abstract])].join('\n');
        const digest = parseAs('hf-daily-text', sourceOf(text));
        expect(digest.papers.map((p) => ({ title: p.title, abstract: p.abstract }))).toEqual(list);
      }),
      { numRuns: 200 },
    );
  });
});
