// Reads one file from disk and parses it; every failure becomes a message naming the file.

import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ParsedDigest } from '../../shared/model';
import { parseDigestAsync } from '../../shared/digest/parseDigest';
import { DigestError } from '../../shared/digest/source';
import { toLocalIsoDate } from '../../shared/text/digestDate';
import { decodeText } from './decodeText';

export const DEFAULT_MAX_FILE_BYTES = 50 * 1024 * 1024;

export type ReadDigestResult =
  | { ok: true; fileName: string; digestId: string; referenceDate: string; digest: ParsedDigest; encoding: string }
  | { ok: false; fileName: string; error: string };

export async function readDigestFile(filePath: string, options: { maxBytes?: number } = {}): Promise<ReadDigestResult> {
  const fileName = path.basename(filePath);
  const fail = (reason: string): ReadDigestResult => ({ ok: false, fileName, error: `${fileName}: ${reason}` });
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  let info;
  try {
    info = await stat(filePath);
  } catch (error) {
    return fail(describeFsError(error));
  }
  if (info.isDirectory()) return fail('is a folder, not a file');
  if (!info.isFile()) return fail('is not a regular file');
  if (info.size > maxBytes) {
    return fail(`is ${formatMb(info.size)}, over the ${formatMb(maxBytes)} import limit`);
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(filePath);
  } catch (error) {
    return fail(describeFsError(error));
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) return fail(decoded.reason);
  const referenceDate = toLocalIsoDate(info.mtime);
  try {
    const digest = await parseDigestAsync({ text: decoded.text, fileName, referenceDate, bytes });
    const digestId = createHash('sha256').update(decoded.text).digest('hex');
    return { ok: true, fileName, digestId, referenceDate, digest, encoding: decoded.encoding };
  } catch (error) {
    if (error instanceof DigestError) return fail(error.reason);
    return fail(`could not be parsed (${error instanceof Error ? error.message : String(error)})`);
  }
}

function formatMb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'cannot be read (permission denied)';
    case 'EISDIR':
      return 'is a folder, not a file';
    default:
      return `cannot be read (${error instanceof Error ? error.message : String(error)})`;
  }
}
