// Parser for e-mail files (.eml): the digest inside the message (its text part, else its HTML part,
// else a text attachment) is detected and parsed as its own format; the Date header gives the year.
//
// Library: postal-mime. It is pure JavaScript with no dependencies and no Node built-ins (it runs
// in browsers and workers), decodes multipart, quoted-printable, base64 and every charset the
// platform's TextDecoder knows, and is widely used. It is asynchronous only, so e-mail files go
// through parseDigestAsync; every other format stays synchronous.

import PostalMime, { type Email } from 'postal-mime';
import type { DigestFormat, ParsedDigest } from '../model';
import { htmlToText } from '../text/htmlToText';
import { isoDateFromHeader } from '../text/mailDate';
import { DigestError, type DigestSource } from './source';

const HEADER_LINE = /^([A-Za-z][A-Za-z0-9-]*):/;
const MESSAGE_HEADERS = ['mime-version', 'content-type', 'received', 'message-id', 'return-path'];

/**
 * Cheap check: the text opens with a mail header block (before the first blank line) that has a
 * From header plus a header only a real message file carries (MIME-Version, Content-Type,
 * Received, Message-ID). A listing saved as text with just From/Subject/Date above it is not an
 * e-mail file: that text is the listing's own format.
 */
export function looksLikeEml(lines: readonly string[]): boolean {
  const names = new Set<string>();
  let index = 0;
  if (lines[0]?.startsWith('From ')) index = 1; // an mbox "From " separator line
  for (; index < lines.length; index++) {
    const line = lines[index]!;
    if (line.trim() === '') break;
    if (/^[ \t]/.test(line)) {
      if (names.size === 0) return false;
      continue; // a folded header line
    }
    const header = HEADER_LINE.exec(line);
    if (!header) return false;
    names.add(header[1]!.toLowerCase());
  }
  if (index === lines.length) return false; // no body
  return names.has('from') && MESSAGE_HEADERS.some((name) => names.has(name));
}

/** Parses one text found in the mail; the registry passes its own detect-and-parse here. */
export type InnerParser = (source: DigestSource) => { format: DigestFormat; digest: ParsedDigest } | null;

export async function parseEml(source: DigestSource, parseInner: InnerParser): Promise<ParsedDigest> {
  let email: Email;
  try {
    email = await PostalMime.parse(source.bytes ?? new TextEncoder().encode(source.text), {
      attachmentEncoding: 'arraybuffer',
    });
  } catch (error) {
    throw new DigestError(
      source.fileName,
      `could not be read as an e-mail (${error instanceof Error ? error.message : 'parse error'})`,
    );
  }
  const dateHeader = email.headers.find((header) => header.key === 'date')?.value;
  const mailDate = dateHeader ? isoDateFromHeader(dateHeader) : null;
  const referenceDate = mailDate ?? source.referenceDate;
  const tried: string[] = [];
  for (const candidate of bodyCandidates(email)) {
    tried.push(candidate.label);
    const text = candidate.text.replace(/\r\n?/g, '\n').normalize('NFC');
    if (text.trim() === '') continue;
    const inner = parseInner({ text, fileName: source.fileName, referenceDate });
    if (!inner || inner.digest.papers.length === 0) continue;
    const { digest } = inner;
    // An arXiv listing gets its announcement date from the mail that carried it.
    const digestDate = digest.digestDate ?? (inner.format === 'arxiv-email' ? mailDate : null);
    return {
      ...digest,
      format: 'eml',
      innerFormat: inner.format,
      digestDate,
      papers: digestDate === digest.digestDate ? digest.papers : digest.papers.map((p) => ({ ...p, digestDate })),
      warnings: digest.warnings.map((warning) => `${candidate.label}: ${warning}`),
    };
  }
  throw new DigestError(
    source.fileName,
    tried.length === 0
      ? 'is an e-mail with no text or HTML part'
      : `is an e-mail with no recognized digest in its ${tried.join(' or ')}`,
  );
}

interface BodyCandidate {
  label: string;
  text: string;
}

function bodyCandidates(email: Email): BodyCandidate[] {
  const candidates: BodyCandidate[] = [];
  if (email.text) candidates.push({ label: 'text part', text: email.text });
  if (email.html) candidates.push({ label: 'HTML part', text: htmlToText(email.html) });
  for (const attachment of email.attachments) {
    const type = attachment.mimeType.toLowerCase();
    const name = attachment.filename ?? '';
    const textual =
      type.startsWith('text/') ||
      type === 'application/json' ||
      type === 'application/xml' ||
      type === 'application/rss+xml' ||
      type === 'application/atom+xml' ||
      type === 'application/x-bibtex' ||
      /\.(txt|json|xml|bib|rss|atom)$/i.test(name);
    if (!textual || typeof attachment.content === 'string') continue;
    const bytes = new Uint8Array(attachment.content);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      text = new TextDecoder('windows-1252').decode(bytes);
    }
    if (type === 'text/html') text = htmlToText(text);
    candidates.push({ label: `attachment "${name || type}"`, text });
  }
  return candidates;
}
