// Parser for the Hugging Face Daily Papers digest saved as text: header lines, a date line
// ("Mar 13"), then each paper's title and abstract.

import type { ParsedDigest, ParsedPaper } from '../model';
import { extractLinks } from '../text/extractLinks';
import { parseMonthDay, resolveDigestDate } from '../text/digestDate';
import type { DigestSource } from './source';

/** Lines from the page around the listing that are never a title or part of an abstract. */
const NOISE = [
  /^get trending papers in your email inbox( once a day)?!?$/i,
  /^subscribe$/i,
  /^daily papers$/i,
  /^by\s*ak and the research community$/i,
  /^(daily|weekly|monthly)(\s*[/|·]\s*(daily|weekly|monthly))*$/i,
  /^submitted by\s+\S.*$/i,
  /^(\[-\]\s*)?\d{1,6}$/,
  /^new$/i,
];

export function isHfNoiseLine(line: string): boolean {
  const trimmed = line.trim();
  return NOISE.some((re) => re.test(trimmed));
}

interface Paragraph {
  lines: string[];
  line: number; // 1-based line of its first line
}

export function parseHfDailyText(source: DigestSource): ParsedDigest {
  const lines = source.text.split(/\r\n|\r|\n/);
  const warnings: string[] = [];
  const papers: ParsedPaper[] = [];
  let sectionDate: string | null = null;
  let newestDate: string | null = null;
  let seenDate = false;
  let paragraph: Paragraph | null = null;
  let pendingTitle: { text: string; line: number } | null = null;

  const emit = (title: { text: string; line: number }, abstract: string) => {
    papers.push({
      title: title.text,
      abstract,
      authors: [],
      arxivId: null,
      links: extractLinks(abstract),
      digestDate: sectionDate,
      line: title.line,
    });
  };

  const flushPending = () => {
    if (pendingTitle) {
      warnings.push(`line ${pendingTitle.line}: "${clip(pendingTitle.text)}" has no abstract; imported without one`);
      emit(pendingTitle, '');
      pendingTitle = null;
    }
  };

  const closeParagraph = () => {
    if (!paragraph) return;
    const { lines: body, line } = paragraph;
    paragraph = null;
    if (!seenDate) return; // page header before the first date line
    if (body.length >= 2) {
      // Page-copy layout: title and abstract on consecutive lines.
      flushPending();
      emit({ text: body[0]!, line }, body.slice(1).join(' '));
    } else if (pendingTitle) {
      emit(pendingTitle, body[0]!);
      pendingTitle = null;
    } else {
      pendingTitle = { text: body[0]!, line };
    }
  };

  lines.forEach((raw, index) => {
    const text = raw.trim();
    if (text === '') {
      closeParagraph();
      return;
    }
    const monthDay = parseMonthDay(text);
    if (monthDay) {
      closeParagraph();
      flushPending();
      seenDate = true;
      sectionDate = resolveDigestDate(monthDay, source.referenceDate);
      if (newestDate === null || sectionDate > newestDate) newestDate = sectionDate;
      return;
    }
    if (isHfNoiseLine(text)) return;
    if (paragraph) paragraph.lines.push(text);
    else paragraph = { lines: [text], line: index + 1 };
  });
  closeParagraph();
  flushPending();

  return { format: 'hf-daily-text', digestDate: newestDate, papers, warnings };
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
