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
import { splitLines } from './lines';

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

interface Paragraph {
  lines: string[];
  /** 1-based line of its first line. */
  line: number;
  digestDate: string | null;
}

export function parseHfDailyText(source: DigestSource): ParsedDigest {
  const warnings: string[] = [];
  const sections = collectSections(splitLines(source.text), source.referenceDate);
  const papers: ParsedPaper[] = [];
  let newestDate: string | null = null;
  for (const section of sections) {
    if (section.date !== null && (newestDate === null || section.date > newestDate)) newestDate = section.date;
    if (isPairedLayout(section.paragraphs)) readPaired(section.paragraphs, papers, warnings);
    else readPageCopy(section.paragraphs, papers, warnings);
  }
  return { format: 'hf-daily-text', digestDate: newestDate, papers, warnings };
}

interface Section {
  date: string | null;
  paragraphs: Paragraph[];
}

/** Splits the text into date sections of paragraphs; blank, noise and date lines end a paragraph. */
function collectSections(lines: readonly string[], referenceDate: string): Section[] {
  const sections: Section[] = [];
  let section: Section | null = null;
  let paragraph: Paragraph | null = null;
  for (let index = 0; index < lines.length; index++) {
    const text = lines[index]!.trim();
    if (text === '') {
      paragraph = null;
      continue;
    }
    const monthDay = mayBeDateLine(text) ? parseMonthDay(text) : null;
    if (monthDay) {
      section = { date: resolveDigestDate(monthDay, referenceDate), paragraphs: [] };
      sections.push(section);
      paragraph = null;
      continue;
    }
    if (isHfNoiseLine(text)) {
      paragraph = null;
      continue;
    }
    // Text before the first date line is the page header (or a file without dates, when the
    // registry picked this format for its banner): it still counts, with an unknown date.
    if (!section) {
      section = { date: null, paragraphs: [] };
      sections.push(section);
    }
    if (paragraph) {
      paragraph.lines.push(text);
    } else {
      paragraph = { lines: [text], line: index + 1, digestDate: section.date };
      section.paragraphs.push(paragraph);
    }
  }
  // A header before a dated section is page chrome, not papers.
  if (sections.length > 1 && sections[0]!.date === null) sections.shift();
  return sections;
}

/** Paired when most paragraphs are one line: titles and abstracts each stand alone. */
function isPairedLayout(paragraphs: readonly Paragraph[]): boolean {
  let single = 0;
  for (const paragraph of paragraphs) if (paragraph.lines.length === 1) single++;
  return single * 2 > paragraphs.length;
}

function readPaired(paragraphs: readonly Paragraph[], papers: ParsedPaper[], warnings: string[]): void {
  for (let i = 0; i < paragraphs.length; i += 2) {
    const title = paragraphs[i]!;
    const abstract = paragraphs[i + 1];
    if (!abstract) {
      warnings.push(`line ${title.line}: "${clip(title.lines.join(' '))}" has no abstract; imported without one`);
    }
    papers.push(makePaper(title.lines.join(' '), abstract ? abstract.lines.join(' ') : '', title));
  }
}

function readPageCopy(paragraphs: readonly Paragraph[], papers: ParsedPaper[], warnings: string[]): void {
  for (const paragraph of paragraphs) {
    const [title, ...rest] = paragraph.lines;
    if (rest.length === 0) {
      warnings.push(`line ${paragraph.line}: "${clip(title!)}" has no abstract; imported without one`);
    }
    papers.push(makePaper(title!, rest.join(' '), paragraph));
  }
}

function makePaper(title: string, abstract: string, at: Paragraph): ParsedPaper {
  return {
    title,
    abstract,
    authors: [],
    arxivId: null,
    links: abstractLinks(abstract),
    digestDate: at.digestDate,
    line: at.line,
  };
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
 * single hyphens, a letter TLD) and path segments of letters, digits and "_" joined by single "."
 * or "-". Anything else goes to extractLinks (a property test checks both agree).
 */
const SIMPLE_URL =
  /^https?:\/\/((?:[a-z0-9]+(?:-[a-z0-9]+)*\.)+[a-z]{2,24})((?:\/[a-z0-9_]+(?:[-.][a-z0-9_]+)*)*\/?)[.,]?$/i;

/** The URL in a white-space-free run when it is a simple one, else null. */
export function simpleUrlOf(run: string): string | null {
  const match = SIMPLE_URL.exec(run);
  if (!match) return null;
  // linkify-it takes host labels of at most 63 characters
  for (const label of match[1]!.split('.')) if (label.length > 63) return null;
  const end = run.length - (run.endsWith('.') || run.endsWith(',') ? 1 : 0);
  return run.slice(0, end);
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
    while (start > 0 && !isLinkSpace(text.charCodeAt(start - 1))) start--;
    let end = scheme + 3;
    while (end < text.length && !isLinkSpace(text.charCodeAt(end))) end++;
    const run = text.slice(start, end);
    const simple = simpleUrlOf(run);
    if (simple !== null) links.push(simple);
    else for (const url of extractLinks(run)) links.push(url);
    scheme = text.indexOf('://', end);
  }
  return links.length < 2 ? links : [...new Set(links)];
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
