// Bytes to a parsed digest: decode, detect and parse, hash, and say where the date's year came
// from. Pure of I/O so it runs the same in main, in the parse worker and in tests.

import { createHash } from 'node:crypto';
import type { DateBasis } from '../../shared/ipc';
import type { ParsedDigest } from '../../shared/model';
import { parseDigestAsync } from '../../shared/digest/parseDigest';
import { DigestError } from '../../shared/digest/source';
import { isoDateFromHeader } from '../../shared/text/mailDate';
import { decodeBytes } from './decodeText';

export type DigestFromBytesResult =
  | { ok: true; digestId: string; digest: ParsedDigest; encoding: string; dateBasis: DateBasis }
  | { ok: false; reason: string };

/**
 * `referenceDate` (YYYY-MM-DD) is the file's modification date: a digest whose date lines
 * have no year cannot be later than it.
 */
export async function digestFromBytes(
  bytes: Uint8Array,
  fileName: string,
  referenceDate: string,
): Promise<DigestFromBytesResult> {
  const decoded = decodeBytes(bytes);
  if (!decoded.ok) return { ok: false, reason: decoded.reason };
  let digest: ParsedDigest;
  try {
    digest = await parseDigestAsync({ text: decoded.text, fileName, referenceDate, bytes });
  } catch (error) {
    if (error instanceof DigestError) return { ok: false, reason: error.reason };
    return { ok: false, reason: `could not be parsed (${error instanceof Error ? error.message : String(error)})` };
  }
  // The id is the decoded text's hash: the same digest saved in another encoding imports once.
  // When the text is the bytes verbatim its UTF-8 encoding is the bytes, so they are hashed as
  // they are (the same id) instead of encoding 50 MB of text back to UTF-8 first.
  const digestId = createHash('sha256')
    .update(decoded.verbatim ? bytes : decoded.text)
    .digest('hex');
  return {
    ok: true,
    digestId,
    digest,
    encoding: decoded.encoding,
    dateBasis: dateBasisOf(digest, decoded.text, referenceDate),
  };
}

/** Formats whose date lines carry no year, so the year is inferred from a reference date. */
const YEARLESS = new Set(['hf-daily-text']);

/** Why the digest got the date it has (mirrors the year rule of the parsers, for the report). */
export function dateBasisOf(digest: ParsedDigest, text: string, referenceDate: string): DateBasis {
  if (!digest.digestDate) return { kind: 'none' };
  if (digest.format === 'eml') {
    const mailDate = mailDateOf(text);
    const inner = digest.innerFormat ?? '';
    if (YEARLESS.has(inner)) return mailDate ? { kind: 'email-date', reference: mailDate } : mtime(referenceDate);
    // An arXiv listing without dates of its own takes the mail's date as its date.
    if (mailDate && digest.digestDate === mailDate) return { kind: 'email-date', reference: mailDate };
    return { kind: 'in-file' };
  }
  return YEARLESS.has(digest.format) ? mtime(referenceDate) : { kind: 'in-file' };
}

function mtime(reference: string): DateBasis {
  return { kind: 'mtime', reference };
}

/** The Date header of the message's own header block (before the first blank line). */
function mailDateOf(text: string): string | null {
  const end = text.indexOf('\n\n');
  const header = end < 0 ? text : text.slice(0, end);
  const match = /^date:[ \t]*(.+(?:\n[ \t]+.+)*)/im.exec(header);
  return match ? isoDateFromHeader(match[1]!.replace(/\s+/g, ' ')) : null;
}
