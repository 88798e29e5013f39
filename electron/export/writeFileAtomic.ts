// Writes a whole file or nothing: the text goes to a temporary file in the same folder (same file
// system, so the rename is atomic), is flushed to disk, then renamed over the target. A reader, a
// crash or a full disk never sees half a .bib; on failure the temporary file is removed.

import { randomBytes } from 'node:crypto';
import { type FileHandle, open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

/** File operations, replaceable in tests to make a step fail. */
export interface AtomicWriteFs {
  open: typeof open;
  rename: typeof rename;
  unlink: typeof unlink;
}

const realFs: AtomicWriteFs = { open, rename, unlink };

/** Writes `content` (UTF-8) to `file` atomically; returns the bytes written. */
export async function writeFileAtomic(file: string, content: string, fs: AtomicWriteFs = realFs): Promise<number> {
  const dir = path.dirname(file);
  // Hidden and unique, so two writers (or a leftover from a crash) never share a temp file.
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const bytes = Buffer.from(content, 'utf8');
  let handle: FileHandle | null = null;
  try {
    handle = await fs.open(temp, 'wx', 0o644);
    await handle.writeFile(bytes);
    await handle.sync();
    await handle.close();
    handle = null;
    await fs.rename(temp, file);
    return bytes.byteLength;
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the disk is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exceeded',
  ENOENT: 'the folder does not exist',
  ENOTDIR: 'the folder does not exist',
  EISDIR: 'it is a folder',
  EBUSY: 'the file is in use by another program',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many files are open',
  EIO: 'the disk reported an input/output error',
};

/** "Could not save /x/refs.bib: the disk is full" — the file and the reason, never a stack. */
export function describeWriteError(file: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const reason = (code && REASONS[code]) ?? (error instanceof Error ? error.message : String(error)) ?? 'unknown error';
  return `Could not save ${file}: ${reason}`;
}
