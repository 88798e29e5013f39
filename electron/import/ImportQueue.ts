// Every way a file reaches the app ends here. Files are read and parsed in main, then held
// until the renderer acknowledges that it committed them: nothing is dropped if the window
// is not ready yet or the app quits mid-import (the pending paths are saved to disk).

import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { IMPORT_SOURCES, type ImportProgress, type ImportSource, type PendingImport } from '../../shared/ipc';
import { readDigestFile, type ParseBytes, type ReadDigestResult } from './readDigestFile';

export interface ImportQueueOptions {
  /** Where pending paths are saved between runs; omit to keep them in memory only. */
  statePath?: string;
  /** The size cap, read for every file (it is a setting and may change while the app runs). */
  maxBytes?: number | (() => number);
  /** Called whenever new pending imports are ready for the renderer. */
  onAvailable?: (count: number) => void;
  /** Called when a file starts or finishes reading. */
  onProgress?: (progress: ImportProgress) => void;
  /** Called once a file left the queue (committed or reported), e.g. to delete a spooled copy. */
  onAcknowledged?: (item: PendingImport) => void | Promise<void>;
  /** Decodes and parses bytes (the parse worker in the app; this thread by default). */
  parse?: ParseBytes;
  read?: (filePath: string, maxBytes: number | undefined) => Promise<ReadDigestResult>;
}

interface SavedEntry {
  path: string;
  source: ImportSource;
}

export class ImportQueue {
  private readonly pending = new Map<string, PendingImport>();
  /** Each pending ticket's place in the order its file was handed in (reads finish in any order). */
  private readonly order = new Map<string, number>();
  private nextOrder = 0;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly reading: string[] = [];
  private saveChain: Promise<void> = Promise.resolve();

  constructor(private readonly options: ImportQueueOptions = {}) {}

  /** Re-queues paths a previous run had not seen committed. */
  async restore(): Promise<number> {
    if (!this.options.statePath) return 0;
    let saved: unknown;
    try {
      saved = JSON.parse(await readFile(this.options.statePath, 'utf8'));
    } catch {
      return 0;
    }
    if (!Array.isArray(saved)) return 0;
    const entries = saved.flatMap((entry: unknown): SavedEntry[] => {
      if (typeof entry === 'string') return [{ path: entry, source: 'command-line' }]; // first format: bare paths
      if (typeof entry !== 'object' || entry === null) return [];
      const { path: filePath, source } = entry as Partial<SavedEntry>;
      if (typeof filePath !== 'string') return [];
      return [{ path: filePath, source: IMPORT_SOURCES.includes(source!) ? source! : 'command-line' }];
    });
    for (const source of IMPORT_SOURCES) {
      const paths = entries.filter((e) => e.source === source).map((e) => e.path);
      if (paths.length > 0) await this.enqueue(paths, source);
    }
    return entries.length;
  }

  /** Reads and parses each path; resolves once all are pending. */
  async enqueue(filePaths: readonly string[], source: ImportSource = 'dialog'): Promise<number> {
    const maxBytes = typeof this.options.maxBytes === 'function' ? this.options.maxBytes() : this.options.maxBytes;
    const read =
      this.options.read ??
      ((p: string, max?: number) => readDigestFile(p, { maxBytes: max, parse: this.options.parse }));
    const jobs = filePaths.map(async (filePath) => {
      const place = this.nextOrder++;
      this.reading.push(filePath);
      this.reportProgress();
      let result: ReadDigestResult;
      try {
        result = await read(filePath, maxBytes);
      } catch (error) {
        const fileName = path.basename(filePath);
        result = { ok: false, fileName, error: `${fileName}: could not be read (${String(error)})` };
      } finally {
        this.reading.splice(this.reading.indexOf(filePath), 1);
      }
      const ticket = randomUUID();
      const base = { ticket, fileName: result.fileName, filePath, source };
      this.order.set(ticket, place);
      this.pending.set(
        ticket,
        result.ok
          ? {
              ...base,
              ok: true,
              digestId: result.digestId,
              referenceDate: result.referenceDate,
              digest: result.digest,
              encoding: result.encoding,
              sizeBytes: result.sizeBytes,
              dateBasis: result.dateBasis,
            }
          : { ...base, ok: false, error: result.error },
      );
      this.reportProgress();
    });
    const all = Promise.all(jobs).then(() => undefined);
    this.inFlight.add(all);
    try {
      await all;
    } finally {
      this.inFlight.delete(all);
    }
    if (filePaths.length > 0) {
      await this.save();
      this.options.onAvailable?.(this.pending.size);
    }
    return filePaths.length;
  }

  /**
   * Everything parsed and not yet acknowledged (the same items again until acknowledged), in
   * the order the files were handed in, however their reads finished: which file commits first
   * decides how papers merge (a title-only paper joins the first arXiv paper with its title).
   */
  list(): PendingImport[] {
    return [...this.pending.values()].sort((a, b) => this.order.get(a.ticket)! - this.order.get(b.ticket)!);
  }

  async acknowledge(ticket: string): Promise<number> {
    const item = this.pending.get(ticket);
    if (item) {
      this.pending.delete(ticket);
      this.order.delete(ticket);
      await this.save();
      this.reportProgress();
      await this.options.onAcknowledged?.(item);
    }
    return this.pending.size;
  }

  get size(): number {
    return this.pending.size;
  }

  /** Files being read and files waiting for the renderer. */
  progress(): ImportProgress {
    const current = this.reading[0];
    return {
      reading: this.reading.length,
      waiting: this.pending.size,
      ...(current ? { fileName: path.basename(current) } : {}),
    };
  }

  /** Waits for reads that are still running (used at quit and in tests). */
  async settled(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }

  private reportProgress(): void {
    this.options.onProgress?.(this.progress());
  }

  private save(): Promise<void> {
    const statePath = this.options.statePath;
    if (!statePath) return Promise.resolve();
    const seen = new Set<string>();
    const entries: SavedEntry[] = [];
    for (const item of this.list()) {
      if (!item.ok || seen.has(item.filePath)) continue;
      seen.add(item.filePath);
      entries.push({ path: item.filePath, source: item.source });
    }
    this.saveChain = this.saveChain.then(async () => {
      await mkdir(path.dirname(statePath), { recursive: true });
      const temp = `${statePath}.${process.pid}.tmp`;
      await writeFile(temp, JSON.stringify(entries));
      await rename(temp, statePath);
    });
    return this.saveChain;
  }
}
