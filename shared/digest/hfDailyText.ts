// Parser for the Hugging Face Daily Papers digest saved as text: header lines, date lines
// ("Mar 13"), then each paper's title and abstract, in one of two layouts:
//  - "paired": title and abstract are separate paragraphs (a blank line between them), as in the
//    digest e-mail saved as text;
//  - "page copy": title and abstract are consecutive lines of one paragraph, as when the web page
//    is selected and copied; page noise (votes, "Submitted by …") sits between papers.

import type { ParsedDigest, ParsedPaper } from '../model';
import { extractLinks, isLinkSpace } from '../text/extractLinks';
import { parseMonthDay, resolveDigestDate } from '../text/digestDate';
import type { DigestSource } from './source';

/**
 * Lines from the page around the listing that are never a title or part of an abstract: the
 * newsletter banner, "Subscribe", "Daily Papers", "by AK and the research community" (also
 * "byAK …"), the "Daily / Weekly / Monthly" switch, "Submitted by NAME", vote counts ("101",
 * "[-] 101") and the "new" badge. One anchored alternation, so each line costs one match.
 */
const NOISE = new RegExp(
  [
    String.raw`get trending papers in your email inbox(?: once a day)?!?`,
    'subscribe',
    'daily papers',
    String.raw`by\s*ak and the research community`,
    String.raw`(?:daily|weekly|monthly)(?:\s*[/|·]\s*(?:daily|weekly|monthly))*`,
    String.raw`submitted by\s+\S.*`,
    String.raw`(?:\[-\]\s*)?\d{1,6}`,
    'new',
  ]
    .map((alternative) => `(?:${alternative})`)
    .join('|')
    .replace(/^/, '^(?:')
    .concat(')$'),
  'i',
);

/** True for page noise; `line` must already be trimmed. */
export function isHfNoiseLine(line: string): boolean {
  // Every noise line is short; skipping the regex for long lines keeps big files fast.
  if (line.length > 60) return false;
  return NOISE.test(line);
}

/** Cheap check for the format registry: a standalone date line, or the page's "by AK" banner. */
export function looksLikeHfDailyText(lines: readonly string[]): boolean {
  let dateLines = 0;
  let banner = false;
  let textLines = 0;
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') continue;
    if (parseMonthDay(line) !== null) dateLines++;
    else if (/^by\s*ak and the research community$/i.test(line)) banner = true;
    else if (!isHfNoiseLine(line)) textLines++;
  }
  // A date line alone is not enough: something must follow it that could be a paper.
  return (dateLines > 0 || banner) && textLines > 0;
}

/**
 * The paragraphs of a text, in flat arrays rather than an object and a line array each (a 50 MB
 * digest has some 80,000 paragraphs): paragraph `p` is `texts[first[p]]` up to, not including,
 * `texts[first[p + 1]]` (or the end of `texts`), and starts on 1-based line `line[p]`.
 */
interface Paragraphs {
  /** Trimmed lines of every paragraph, in file order. */
  texts: string[];
  /** abstractLinks of each of `texts`, read while the line was at hand; null when it has no "://". */
  links: (string[] | null)[];
  first: number[];
  line: number[];
}

/** A date section: its date and its paragraphs, `from` up to, not including, `to`. */
interface Section {
  date: string | null;
  from: number;
  to: number;
}

export function parseHfDailyText(source: DigestSource): ParsedDigest {
  const warnings: string[] = [];
  const paragraphs: Paragraphs = { texts: [], links: [], first: [], line: [] };
  // The lines splitLines gives, with a file's own line endings made "\n" (decoded files have no "\r").
  const text = source.text.includes('\r') ? source.text.replace(/\r\n?/g, '\n') : source.text;
  const sections = collectSections(text, source.referenceDate, paragraphs);
  const papers: ParsedPaper[] = [];
  let newestDate: string | null = null;
  for (const section of sections) {
    if (section.date !== null && (newestDate === null || section.date > newestDate)) newestDate = section.date;
    if (isPairedLayout(paragraphs, section)) readPaired(paragraphs, section, papers, warnings);
    else readPageCopy(paragraphs, section, papers, warnings);
  }
  return { format: 'hf-daily-text', digestDate: newestDate, papers, warnings };
}

/**
 * Splits "\n"-separated text into date sections of paragraphs; blank, noise and date lines end a
 * paragraph. One forward pass over the text, looking at each line while it is in the CPU cache
 * (splitting 50 MB first and visiting the lines afterwards read each line from memory twice), and
 * finding "://" in the same pass, so only lines holding one are read again for their links.
 */
function collectSections(text: string, referenceDate: string, paragraphs: Paragraphs): Section[] {
  const { texts, links, first, line } = paragraphs;
  const sections: Section[] = [];
  let section: Section | null = null;
  let inParagraph = false;
  let scheme = text.indexOf('://');
  for (let start = 0, index = 0; start <= text.length; index++) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const content = trimmedLine(text, start, end);
    const hasScheme = scheme >= 0 && scheme < end;
    if (hasScheme) scheme = text.indexOf('://', end);
    start = end + 1;
    if (content === '') {
      inParagraph = false;
      continue;
    }
    const monthDay = mayBeDateLine(content) ? parseMonthDay(content) : null;
    if (monthDay) {
      if (section) section.to = first.length;
      section = { date: resolveDigestDate(monthDay, referenceDate), from: first.length, to: first.length };
      sections.push(section);
      inParagraph = false;
      continue;
    }
    if (isHfNoiseLine(content)) {
      inParagraph = false;
      continue;
    }
    // Text before the first date line is the page header (or a file without dates, when the
    // registry picked this format for its banner): it still counts, with an unknown date.
    if (!section) {
      section = { date: null, from: first.length, to: first.length };
      sections.push(section);
    }
    if (!inParagraph) {
      first.push(texts.length);
      line.push(index + 1);
      inParagraph = true;
    }
    texts.push(content);
    links.push(hasScheme ? abstractLinks(content) : null);
  }
  if (section) section.to = first.length;
  // A header before a dated section is page chrome, not papers.
  if (sections.length > 1 && sections[0]!.date === null) sections.shift();
  return sections;
}

/**
 * `text.slice(start, end).trim()`, without the call for the usual line that starts and ends with
 * a printable ASCII character (white space is either below "!" or outside ASCII).
 */
function trimmedLine(text: string, start: number, end: number): string {
  if (end === start) return '';
  const head = text.charCodeAt(start);
  const tail = text.charCodeAt(end - 1);
  const line = text.slice(start, end);
  return head > 32 && head < 127 && tail > 32 && tail < 127 ? line : line.trim();
}

function lineCount(paragraphs: Paragraphs, p: number): number {
  const { first } = paragraphs;
  return (p + 1 < first.length ? first[p + 1]! : paragraphs.texts.length) - first[p]!;
}

/** Lines `from` up to, not including, `to` of the paragraphs' texts, joined by spaces. */
function joined(texts: readonly string[], from: number, to: number): string {
  let text = texts[from]!;
  for (let i = from + 1; i < to; i++) text += ` ${texts[i]!}`;
  return text;
}

/** The abstract made of lines `from` up to, not including, `to`, and its links. */
function abstractOf(paragraphs: Paragraphs, from: number, to: number): { abstract: string; links: string[] } {
  if (to - from === 1) return { abstract: paragraphs.texts[from]!, links: paragraphs.links[from] ?? [] };
  const abstract = to === from ? '' : joined(paragraphs.texts, from, to);
  return { abstract, links: abstractLinks(abstract) };
}

/** Paired when most paragraphs are one line: titles and abstracts each stand alone. */
function isPairedLayout(paragraphs: Paragraphs, section: Section): boolean {
  let single = 0;
  for (let p = section.from; p < section.to; p++) if (lineCount(paragraphs, p) === 1) single++;
  return single * 2 > section.to - section.from;
}

function readPaired(paragraphs: Paragraphs, section: Section, papers: ParsedPaper[], warnings: string[]): void {
  const { texts, first } = paragraphs;
  for (let p = section.from; p < section.to; p += 2) {
    const title = joined(texts, first[p]!, first[p]! + lineCount(paragraphs, p));
    const hasAbstract = p + 1 < section.to;
    if (!hasAbstract) {
      warnings.push(`line ${paragraphs.line[p]!}: "${clip(title)}" has no abstract; imported without one`);
    }
    const from = hasAbstract ? first[p + 1]! : 0;
    const { abstract, links } = abstractOf(paragraphs, from, hasAbstract ? from + lineCount(paragraphs, p + 1) : 0);
    papers.push(makePaper(title, abstract, links, paragraphs.line[p]!, section.date));
  }
}

function readPageCopy(paragraphs: Paragraphs, section: Section, papers: ParsedPaper[], warnings: string[]): void {
  const { texts, first } = paragraphs;
  for (let p = section.from; p < section.to; p++) {
    const from = first[p]!;
    const count = lineCount(paragraphs, p);
    const title = texts[from]!;
    if (count === 1) {
      warnings.push(`line ${paragraphs.line[p]!}: "${clip(title)}" has no abstract; imported without one`);
    }
    const { abstract, links } = abstractOf(paragraphs, from + 1, from + count);
    papers.push(makePaper(title, abstract, links, paragraphs.line[p]!, section.date));
  }
}

function makePaper(
  title: string,
  abstract: string,
  links: string[],
  line: number,
  digestDate: string | null,
): ParsedPaper {
  return { title, abstract, authors: [], arxivId: null, links, digestDate, line };
}

/**
 * Cheap pre-check for parseMonthDay on a trimmed line: a date line starts with a month's first
 * letter (j f m a s o n d) and ends in a digit or an ordinal's last letter (st, nd, rd, th).
 * Abstract lines, which end in "." almost always, skip the date regex.
 */
function mayBeDateLine(text: string): boolean {
  const first = text.charCodeAt(0) | 0x20; // ASCII lower case
  const last = text.charCodeAt(text.length - 1);
  return (
    MONTH_INITIALS.includes(String.fromCharCode(first)) &&
    ((last >= 0x30 && last <= 0x39) || ORDINAL_ENDS.includes(String.fromCharCode(last | 0x20)))
  );
}

const MONTH_INITIALS = 'jfmasond';
const ORDINAL_ENDS = 'tdh';

/**
 * A bare http(s) URL, optionally followed by a sentence's "." or ",", that linkify-it matches
 * exactly as the URL without that punctuation: lower-risk host labels (letters, digits, inner
 * single hyphens, a letter TLD, at most 63 characters each) and path segments of letters, digits
 * and "_" joined by single "." or "-", with an optional final "/". In regex terms
 * `^https?:\/\/((?:[a-z0-9]+(?:-[a-z0-9]+)*\.)+[a-z]{2,24})((?:\/[a-z0-9_]+(?:[-.][a-z0-9_]+)*)*\/?)[.,]?$`
 * (case-insensitive), read here in one scan without a match array: it runs on every abstract's
 * URL. Anything else goes to extractLinks (a property test checks both agree).
 */
export function simpleUrlOf(run: string): string | null {
  const length = run.length;
  let i = schemeLength(run);
  if (i === 0) return null;
  // Host: labels of letters, digits and inner single hyphens, each followed by ".", then a TLD
  // of 2–24 letters. A "." or "-" always has a letter or digit on both sides.
  let labels = 0;
  for (;;) {
    const start = i;
    let letters = true;
    for (;;) {
      const code = run.charCodeAt(i);
      if (isAsciiLetter(code)) i++;
      else if (code >= 0x30 && code <= 0x39) {
        letters = false;
        i++;
      } else if (code === 0x2d && i > start && isAsciiAlnum(run.charCodeAt(i + 1))) {
        letters = false;
        i++;
      } else break;
    }
    const size = i - start;
    if (size === 0 || size > 63) return null;
    if (run.charCodeAt(i) === 0x2e && isAsciiAlnum(run.charCodeAt(i + 1))) {
      labels++;
      i++;
      continue;
    }
    // the last label is the TLD
    if (labels === 0 || !letters || size < 2 || size > 24) return null;
    break;
  }
  // Path: "/" and a segment of word characters joined by single "." or "-", any number of times.
  while (run.charCodeAt(i) === 0x2f && isUrlWord(run.charCodeAt(i + 1))) {
    i += 2;
    for (;;) {
      const code = run.charCodeAt(i);
      if (isUrlWord(code)) i++;
      else if ((code === 0x2e || code === 0x2d) && isUrlWord(run.charCodeAt(i + 1))) i += 2;
      else break;
    }
  }
  if (run.charCodeAt(i) === 0x2f) i++;
  if (i === length) return run;
  const last = run.charCodeAt(i);
  return i === length - 1 && (last === 0x2e || last === 0x2c) ? run.slice(0, i) : null;
}

/** 7 for "http://", 8 for "https://" (any case), else 0. */
function schemeLength(run: string): number {
  if (
    (run.charCodeAt(0) | 0x20) !== 0x68 ||
    (run.charCodeAt(1) | 0x20) !== 0x74 ||
    (run.charCodeAt(2) | 0x20) !== 0x74 ||
    (run.charCodeAt(3) | 0x20) !== 0x70
  ) {
    return 0;
  }
  const colon = (run.charCodeAt(4) | 0x20) === 0x73 ? 5 : 4;
  return run.charCodeAt(colon) === 0x3a && run.charCodeAt(colon + 1) === 0x2f && run.charCodeAt(colon + 2) === 0x2f
    ? colon + 3
    : 0;
}

function isAsciiLetter(code: number): boolean {
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x7a;
}

function isAsciiAlnum(code: number): boolean {
  return isAsciiLetter(code) || (code >= 0x30 && code <= 0x39);
}

/** `[a-z0-9_]`, any case. */
function isUrlWord(code: number): boolean {
  return isAsciiAlnum(code) || code === 0x5f;
}

/**
 * extractLinks(abstract), faster: abstracts are long and most hold one plain URL, for which
 * linkify-it (tens of microseconds a call) was most of the parse time of a 50 MB digest. Each
 * white-space-free run around a "://" is either a simple URL (read here) or handed to
 * extractLinks, which finds the same links in the run as in the whole text.
 */
export function abstractLinks(text: string): string[] {
  let scheme = text.indexOf('://');
  if (scheme < 0) return [];
  const links: string[] = [];
  while (scheme >= 0) {
    let start = scheme;
    while (start > 0 && isRunChar(text.charCodeAt(start - 1))) start--;
    let end = scheme + 3;
    while (end < text.length && isRunChar(text.charCodeAt(end))) end++;
    const run = text.slice(start, end);
    const simple = simpleUrlOf(run);
    if (simple !== null) links.push(simple);
    else for (const url of extractLinks(run)) links.push(url);
    scheme = text.indexOf('://', end);
  }
  return links.length < 2 ? links : [...new Set(links)];
}

/** Not white space to linkify-it; "!" to U+009F never is, so most characters take one test. */
function isRunChar(code: number): boolean {
  return (code > 32 && code < 0xa0) || !isLinkSpace(code);
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
