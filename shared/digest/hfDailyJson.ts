// Parser for the Hugging Face daily_papers API response: a JSON array of
// `{ paper: { id, title, summary, authors, publishedAt, githubRepo, projectPage, ai_keywords, … }, … }`.

import type { ParsedDigest, ParsedPaper } from '../model';
import { extractLinks, isHttpUrl } from '../text/extractLinks';
import { parseArxivId } from '../text/arxivId';
import { isoDateFromHeader } from '../text/mailDate';
import { DigestError, type DigestSource } from './source';
import { linesAtOffsets } from './lines';

/** Cheap check: a JSON array whose first element has a `paper` object. */
export function looksLikeHfDailyJson(text: string): boolean {
  return /^\s*\[\s*\{/.test(text) && /"paper"\s*:\s*\{/.test(text.slice(0, 8192));
}

export function parseHfDailyJson(source: DigestSource): ParsedDigest {
  let data: unknown;
  try {
    data = JSON.parse(source.text);
  } catch (error) {
    throw new DigestError(
      source.fileName,
      `is not valid JSON (${error instanceof Error ? error.message : 'parse error'})`,
    );
  }
  if (!Array.isArray(data)) throw new DigestError(source.fileName, 'is JSON but not the daily papers array');
  const itemLines = linesAtOffsets(source.text, topLevelElementOffsets(source.text));
  const warnings: string[] = [];
  const papers: ParsedPaper[] = [];
  let newestDate: string | null = null;
  data.forEach((item: unknown, index) => {
    const line = itemLines[index] ?? 1;
    const paper = readPaper(item);
    if (typeof paper === 'string') {
      warnings.push(`line ${line}: item ${index + 1} skipped: ${paper}`);
      return;
    }
    paper.line = line;
    if (paper.digestDate && (newestDate === null || paper.digestDate > newestDate)) newestDate = paper.digestDate;
    papers.push(paper);
  });
  return { format: 'hf-daily-json', digestDate: newestDate, papers, warnings };
}

/** The paper in one array item, or the reason it cannot be read. */
function readPaper(item: unknown): ParsedPaper | string {
  if (!isRecord(item)) return 'not an object';
  // The API wraps each paper; an unwrapped paper object is accepted too.
  const paper = isRecord(item.paper) ? item.paper : item;
  const title = text(paper.title) ?? text(item.title);
  if (!title) return 'no title';
  const summary = text(paper.summary) ?? text(item.summary) ?? '';
  const arxivId = typeof paper.id === 'string' ? parseArxivId(paper.id) : null;
  const authors = Array.isArray(paper.authors)
    ? paper.authors.flatMap((author: unknown) =>
        isRecord(author) && author.hidden !== true && text(author.name) ? [text(author.name)!] : [],
      )
    : [];
  const links: string[] = [];
  for (const candidate of [paper.githubRepo, paper.projectPage, ...extractLinks(summary)]) {
    if (typeof candidate === 'string' && isHttpUrl(candidate) && !links.includes(candidate)) links.push(candidate);
  }
  const published = text(paper.publishedAt) ?? text(item.publishedAt);
  const digestDate = published ? isoDateFromHeader(published) : null;
  // ai_keywords are machine-made: kept as categories, never as the person's own tags.
  const keywords = Array.isArray(paper.ai_keywords)
    ? paper.ai_keywords.filter((k: unknown): k is string => typeof k === 'string' && k.trim() !== '')
    : [];
  return {
    title,
    abstract: summary,
    authors,
    arxivId,
    links,
    digestDate,
    year: digestDate ? Number(digestDate.slice(0, 4)) : null,
    ...(keywords.length > 0 ? { categories: keywords.map((k) => k.trim()) } : {}),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-empty string with its white space collapsed, else undefined. */
function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const collapsed = value.replace(/\s+/g, ' ').trim();
  return collapsed === '' ? undefined : collapsed;
}

/**
 * Offsets where each element of a top-level JSON array starts, found by one scan that tracks
 * strings and nesting, so a skipped item can be reported by its line.
 */
function topLevelElementOffsets(json: string): number[] {
  const offsets: number[] = [];
  let depth = 0;
  let inString = false;
  let expectElement = false;
  for (let i = 0; i < json.length; i++) {
    const ch = json.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c)
        i++; // backslash: skip the escaped character
      else if (ch === 0x22) inString = false;
      continue;
    }
    if (ch === 0x20 || ch === 0x0a || ch === 0x0d || ch === 0x09) continue;
    if (depth === 1 && expectElement && ch !== 0x5d) {
      offsets.push(i);
      expectElement = false;
    }
    if (ch === 0x22) inString = true;
    else if (ch === 0x5b || ch === 0x7b) {
      depth++;
      if (depth === 1) expectElement = true;
    } else if (ch === 0x5d || ch === 0x7d) depth--;
    else if (ch === 0x2c && depth === 1) expectElement = true;
  }
  return offsets;
}
