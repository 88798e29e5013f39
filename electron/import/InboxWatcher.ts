// Watches the inbox folder chosen in Settings and hands new or changed files to the import
// queue, each content once: the SHA-256 of every file handed over is remembered on disk, so a
// restart, a touched file or a copy under another name does not import it again. Files already
// waiting when the app starts are picked up (chokidar reports them as it starts).
//
// Library: chokidar 4. It smooths over fs.watch's per-platform quirks (duplicate and missing
// events, editors' atomic saves, network drives) and its awaitWriteFinish holds a file back
// until its size stops changing, so a digest still being copied or downloaded is not read half-way.

import { watch, type FSWatcher } from 'chokidar';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface InboxWatcherOptions {
  folder: string;
  /** JSON file remembering the content hashes already handed over. */
  seenPath: string;
  enqueue(paths: string[]): Promise<unknown>;
  /** How long a file's size must hold still before it is read (ms). */
  stabilityMs?: number;
  onError?(message: string): void;
  /** Called after each reported file is handled: queued, or skipped as already seen or gone. */
  onHandled?(file: string, outcome: 'queued' | 'seen' | 'gone'): void;
  /** Poll instead of native events (network drives; also a fallback for tests). */
  usePolling?: boolean;
}

/** The extensions digests are saved with; anything else in the folder is left alone. */
const DIGEST_EXTENSIONS = /\.(txt|text|md|json|xml|rss|atom|bib|bibtex|eml|mbox|html?)$/i;

/** Digest files only: never hidden files, partial downloads or editor swap files. */
export function isInboxCandidate(fileName: string): boolean {
  if (fileName.startsWith('.') || fileName.startsWith('~$')) return false;
  return DIGEST_EXTENSIONS.test(fileName);
}

export class InboxWatcher {
  private watcher: FSWatcher | null = null;
  private seen = new Set<string>();
  private chain: Promise<void> = Promise.resolve();
  private readonly handled: Promise<void>[] = [];

  constructor(private readonly options: InboxWatcherOptions) {}

  /** Resolves once the watcher runs; files already there are reported as it starts. */
  async start(): Promise<void> {
    this.seen = await loadSeen(this.options.seenPath);
    const stabilityThreshold = this.options.stabilityMs ?? 1000;
    const watcher = watch(this.options.folder, {
      depth: 0,
      ignoreInitial: false,
      usePolling: this.options.usePolling ?? false,
      interval: 200,
      awaitWriteFinish: { stabilityThreshold, pollInterval: Math.min(100, stabilityThreshold) },
      ignored: (file, stats) => !!stats?.isFile() && !isInboxCandidate(path.basename(file)),
    });
    this.watcher = watcher;
    watcher.on('add', (file) => this.consider(file));
    watcher.on('change', (file) => this.consider(file));
    watcher.on('error', (error) => this.options.onError?.(`inbox folder: ${String(error)}`));
    await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  }

  async stop(): Promise<void> {
    const watcher = this.watcher;
    this.watcher = null;
    await watcher?.close();
    await this.chain;
  }

  /** Resolves when every file reported so far has been handled. */
  async idle(): Promise<void> {
    for (;;) {
      const pending = [...this.handled];
      await Promise.all(pending);
      if (pending.length === this.handled.length) return;
    }
  }

  private consider(file: string): void {
    if (!isInboxCandidate(path.basename(file))) return;
    // One file at a time: hashing and the seen-set update never interleave.
    const done = (this.chain = this.chain.then(() => this.handle(file)));
    this.handled.push(done);
    void done.finally(() => this.handled.splice(this.handled.indexOf(done), 1));
  }

  private async handle(file: string): Promise<void> {
    if (!this.watcher) return;
    let hash: string;
    try {
      hash = await hashFile(file);
    } catch (error) {
      // Gone again before it could be read (a temporary file): nothing to import.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        this.options.onError?.(`${path.basename(file)}: cannot be read (${String(error)})`);
      }
      this.options.onHandled?.(file, 'gone');
      return;
    }
    if (this.seen.has(hash)) {
      this.options.onHandled?.(file, 'seen');
      return;
    }
    // Queued before it is marked seen: the queue saves the path first, so a quit in between
    // can at worst offer the file twice (the library then reports it as already imported).
    await this.options.enqueue([file]);
    this.seen.add(hash);
    await saveSeen(this.options.seenPath, this.seen);
    this.options.onHandled?.(file, 'queued');
  }
}

function hashFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', reject);
  });
}

async function loadSeen(seenPath: string): Promise<Set<string>> {
  try {
    const saved: unknown = JSON.parse(await readFile(seenPath, 'utf8'));
    return new Set(Array.isArray(saved) ? saved.filter((h): h is string => typeof h === 'string') : []);
  } catch {
    return new Set();
  }
}

async function saveSeen(seenPath: string, seen: Set<string>): Promise<void> {
  await mkdir(path.dirname(seenPath), { recursive: true });
  const temp = `${seenPath}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify([...seen]));
  await rename(temp, seenPath);
}
