// Reads one file from disk and parses it; every failure becomes a message naming the file.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DateBasis } from '../../shared/ipc';
import type { ParsedDigest } from '../../shared/model';
import { toLocalIsoDate } from '../../shared/text/digestDate';
import { digestFromBytes, type DigestFromBytesResult } from './digestFromBytes';

export const DEFAULT_MAX_FILE_BYTES = 50 * 1024 * 1024;

export type ReadDigestResult =
  | {
      ok: true;
      fileName: string;
      digestId: string;
      referenceDate: string;
      digest: ParsedDigest;
      encoding: string;
      sizeBytes: number;
      dateBasis: DateBasis;
    }
  | { ok: false; fileName: string; error: string };

/** Decodes and parses bytes: in this thread by default, in the parse worker in the app. */
export type ParseBytes = (bytes: Uint8Array, fileName: string, referenceDate: string) => Promise<DigestFromBytesResult>;

export interface ReadDigestOptions {
  maxBytes?: number;
  parse?: ParseBytes;
}

export async function readDigestFile(filePath: string, options: ReadDigestOptions = {}): Promise<ReadDigestResult> {
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
  // Checked before reading: an oversized file is never loaded into memory.
  if (info.size > maxBytes) return fail(oversizeReason(info.size, maxBytes));
  let bytes: Uint8Array;
  try {
    bytes = await readFile(filePath);
  } catch (error) {
    return fail(describeFsError(error));
  }
  if (bytes.byteLength > maxBytes) return fail(oversizeReason(bytes.byteLength, maxBytes)); // grew meanwhile
  const referenceDate = toLocalIsoDate(info.mtime);
  const sizeBytes = bytes.byteLength; // read first: the parse worker takes the buffer over
  const parsed = await (options.parse ?? digestFromBytes)(bytes, fileName, referenceDate);
  if (!parsed.ok) return fail(parsed.reason);
  return { ...parsed, fileName, referenceDate, sizeBytes };
}

export function oversizeReason(size: number, maxBytes: number): string {
  return `is ${formatMb(size)}, over the ${formatMb(maxBytes)} import limit`;
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
