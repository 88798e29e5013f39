// Files dropped on the window arrive as bytes (a sandboxed renderer sees no paths). Each is
// written to a folder of its own under userData/dropped, with the original name and
// modification time, and then goes through the queue like any other file: it survives a quit
// before the renderer commits it, and the year rule sees the real modification date.
// The copy is deleted once the renderer acknowledges it.

import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';

export class DropSpool {
  constructor(readonly dir: string) {}

  async write(name: string, bytes: Uint8Array, lastModified: number): Promise<string> {
    const folder = path.join(this.dir, randomUUID());
    await mkdir(folder, { recursive: true });
    const file = path.join(folder, safeFileName(name));
    await writeFile(file, bytes);
    const when = new Date(lastModified);
    if (!Number.isNaN(when.getTime())) await utimes(file, when, when);
    return file;
  }

  owns(filePath: string): boolean {
    const relative = path.relative(this.dir, filePath);
    return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  }

  /** Deletes a spooled file's folder (never anything outside the spool). */
  async release(filePath: string): Promise<void> {
    if (!this.owns(filePath)) return;
    const folder = path.join(this.dir, path.relative(this.dir, filePath).split(path.sep)[0]!);
    await rm(folder, { recursive: true, force: true });
  }

  /**
   * Deletes spooled copies left by a run that crashed between writing a drop and queueing it:
   * folders older than `before` that no pending import points into.
   */
  async prune(keep: readonly string[], before: number): Promise<number> {
    const kept = new Set(keep.filter((p) => this.owns(p)).map((p) => path.relative(this.dir, p).split(path.sep)[0]));
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return 0; // nothing was ever dropped
    }
    let removed = 0;
    for (const name of names) {
      if (kept.has(name)) continue;
      const folder = path.join(this.dir, name);
      const info = await stat(folder).catch(() => null);
      if (!info || info.mtimeMs >= before) continue;
      await rm(folder, { recursive: true, force: true });
      removed++;
    }
    return removed;
  }
}

/** The last path segment of a name the renderer gave, with nothing a file system would object to. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    // eslint-disable-next-line no-control-regex -- control characters are exactly what goes
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, 200);
  return cleaned === '' ? 'dropped-file' : cleaned;
}
