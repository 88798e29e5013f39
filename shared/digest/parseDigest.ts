// Entry point for every digest format: detect, then parse.
//
// Detection must never guess wrong, so each detector is written to be exclusive of the others
// rather than relying on table order: structural formats (JSON, XML, BibTeX, e-mail) are
// recognized by how the file opens, and the loose text formats step aside for them.

import type { DigestFormat, ParsedDigest } from '../model';
import { looksLikeArxivAtom, parseArxivAtom } from './arxivAtom';
import { looksLikeArxivEmail, parseArxivEmail } from './arxivEmail';
import { looksLikeArxivRss, parseArxivRss } from './arxivRss';
import { looksLikeBibtex, parseBibtex } from './bibtex';
import { looksLikeEml, parseEml } from './eml';
import { looksLikeHfDailyJson, parseHfDailyJson } from './hfDailyJson';
import { looksLikeHfDailyText, parseHfDailyText } from './hfDailyText';
import { looksLikeIdList, parseIdList } from './idList';
import { headLines } from './lines';
import { DigestError, type DigestSource } from './source';

/** Detectors look at the start of a file only, so a 50 MB file is not scanned to be recognized. */
const DETECT_LINES = 500;

interface SyncFormat {
  format: DigestFormat;
  label: string;
  detect(text: string, head: readonly string[]): boolean;
  parse(source: DigestSource): ParsedDigest;
}

interface AsyncFormat {
  format: DigestFormat;
  label: string;
  detect(text: string, head: readonly string[]): boolean;
  parseAsync(source: DigestSource): Promise<ParsedDigest>;
}

type FormatEntry = SyncFormat | AsyncFormat;

/** A JSON array or object, or an XML declaration, comment or element (not a "[-] 101" vote line). */
const STRUCTURED_OPENING = /^\uFEFF?\s*(?:\[\s*[[{"\]]|\{\s*["}]|<[?!A-Za-z])/;

/** True for files that announce their format by how they open; the text formats never claim them. */
function isStructured(text: string, head: readonly string[]): boolean {
  return STRUCTURED_OPENING.test(text) || looksLikeEml(head) || looksLikeBibtex(head);
}

const FORMATS: FormatEntry[] = [
  {
    format: 'eml',
    label: 'e-mail file (.eml)',
    detect: (_text, head) => looksLikeEml(head),
    parseAsync: (source) => parseEml(source, parseInnerText),
  },
  {
    format: 'hf-daily-json',
    label: 'Hugging Face daily papers JSON',
    detect: (text) => looksLikeHfDailyJson(text),
    parse: parseHfDailyJson,
  },
  { format: 'arxiv-rss', label: 'arXiv RSS feed', detect: (text) => looksLikeArxivRss(text), parse: parseArxivRss },
  { format: 'arxiv-atom', label: 'arXiv Atom feed', detect: (text) => looksLikeArxivAtom(text), parse: parseArxivAtom },
  { format: 'bibtex', label: 'BibTeX', detect: (_text, head) => looksLikeBibtex(head), parse: parseBibtex },
  {
    format: 'arxiv-email',
    label: 'arXiv listing e-mail text',
    detect: (text, head) => !isStructured(text, head) && looksLikeArxivEmail(head),
    parse: parseArxivEmail,
  },
  {
    format: 'id-list',
    label: 'list of arXiv ids or paper URLs',
    detect: (text, head) => !isStructured(text, head) && looksLikeIdList(head),
    parse: parseIdList,
  },
  {
    format: 'hf-daily-text',
    label: 'Hugging Face Daily Papers text',
    detect: (text, head) =>
      !isStructured(text, head) && !looksLikeArxivEmail(head) && !looksLikeIdList(head) && looksLikeHfDailyText(head),
    parse: parseHfDailyText,
  },
];

/** Every format whose detector accepts the text (for tests: a correct detector set yields one). */
export function detectAllFormats(text: string): DigestFormat[] {
  const head = headLines(text, DETECT_LINES);
  return FORMATS.filter((entry) => entry.detect(text, head)).map((entry) => entry.format);
}

/** The format a text is in, or null when none is recognized. */
export function detectFormat(text: string): DigestFormat | null {
  return findEntry(text)?.format ?? null;
}

/** Labels of every known format, for "no format recognized" messages. */
export function knownFormatLabels(): string[] {
  return FORMATS.map((entry) => entry.label);
}

/**
 * Detects and parses; throws DigestError when the text is in no known format or holds no paper.
 * Synchronous: an e-mail file (whose MIME decoding is asynchronous) needs parseDigestAsync.
 */
export function parseDigest(source: DigestSource): ParsedDigest {
  const entry = entryFor(source);
  if (!('parse' in entry)) {
    throw new DigestError(source.fileName, `is an ${entry.label}, which is read asynchronously (parseDigestAsync)`);
  }
  return checked(entry, source, () => entry.parse(source));
}

/** Detects and parses any format, e-mail files included. */
export async function parseDigestAsync(source: DigestSource): Promise<ParsedDigest> {
  const entry = entryFor(source);
  if ('parse' in entry) return checked(entry, source, () => entry.parse(source));
  let digest: ParsedDigest;
  try {
    digest = await entry.parseAsync(source);
  } catch (error) {
    throw asDigestError(error, entry, source);
  }
  return checked(entry, source, () => digest);
}

/** Parses text as one given format (for tests and callers that already know the format). */
export function parseAs(format: Exclude<DigestFormat, 'eml'>, source: DigestSource): ParsedDigest {
  const entry = FORMATS.find((candidate) => candidate.format === format);
  if (!entry || !('parse' in entry)) throw new DigestError(source.fileName, `no synchronous parser for ${format}`);
  try {
    return entry.parse(source);
  } catch (error) {
    throw asDigestError(error, entry, source);
  }
}

function findEntry(text: string): FormatEntry | undefined {
  const head = headLines(text, DETECT_LINES);
  return FORMATS.find((entry) => entry.detect(text, head));
}

function entryFor(source: DigestSource): FormatEntry {
  if (source.text.trim() === '') throw new DigestError(source.fileName, 'the file is empty');
  const entry = findEntry(source.text);
  if (!entry) {
    throw new DigestError(source.fileName, `no digest format recognized (tried: ${knownFormatLabels().join(', ')})`);
  }
  return entry;
}

function checked(entry: FormatEntry, source: DigestSource, run: () => ParsedDigest): ParsedDigest {
  let digest: ParsedDigest;
  try {
    digest = run();
  } catch (error) {
    throw asDigestError(error, entry, source);
  }
  if (digest.papers.length === 0) {
    const why = digest.warnings.length > 0 ? ` (${digest.warnings[0]})` : '';
    throw new DigestError(source.fileName, `no papers found in this ${entry.label} file${why}`);
  }
  return digest;
}

/** A parser bug or a library's own exception still reaches the user as one clear line. */
function asDigestError(error: unknown, entry: FormatEntry, source: DigestSource): DigestError {
  if (error instanceof DigestError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new DigestError(source.fileName, `could not be read as ${entry.label} (${detail})`);
}

/** The e-mail parser's view of the registry: any format but e-mail itself, detected on the body. */
function parseInnerText(source: DigestSource): { format: DigestFormat; digest: ParsedDigest } | null {
  const head = headLines(source.text, DETECT_LINES);
  const entry = FORMATS.find((candidate) => candidate.format !== 'eml' && candidate.detect(source.text, head));
  if (!entry || !('parse' in entry)) return null;
  try {
    return { format: entry.format, digest: entry.parse(source) };
  } catch {
    // This part is not a readable digest; the e-mail parser tries the next part.
    return null;
  }
}
