// Every way a file reaches the app ends here. Files are read and parsed in main, then held
// until the renderer acknowledges that it committed them: nothing is dropped if the window
// is not ready yet or the app quits mid-import (the pending paths are saved to disk).

import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PendingImport } from '../../shared/ipc';
import { readDigestFile, type ReadDigestResult } from './readDigestFile';

export interface ImportQueueOptions {
  /** Where pending paths are saved between runs; omit to keep them in memory only. */
  statePath?: string;
  maxBytes?: number;
  /** Called whenever new pending imports are ready for the renderer. */
  onAvailable?: (count: number) => void;
  read?: (filePath: string) => Promise<ReadDigestResult>;
}

export class ImportQueue {
  private readonly pending = new Map<string, PendingImport>();
  private readonly inFlight = new Set<Promise<void>>();
  private saveChain: Promise<void> = Promise.resolve();

  constructor(private readonly options: ImportQueueOptions = {}) {}

  /** Re-queues paths a previous run had not seen committed. */
  async restore(): Promise<number> {
    if (!this.options.statePath) return 0;
    let paths: unknown;
    try {
      paths = JSON.parse(await readFile(this.options.statePath, 'utf8'));
    } catch {
      return 0;
    }
    if (!Array.isArray(paths)) return 0;
    const valid = paths.filter((p): p is string => typeof p === 'string');
    await this.enqueue(valid);
    return valid.length;
  }

  /** Reads and parses each path; resolves once all are pending. */
  async enqueue(filePaths: readonly string[]): Promise<number> {
    const read = this.options.read ?? ((p: string) => readDigestFile(p, { maxBytes: this.options.maxBytes }));
    const jobs = filePaths.map(async (filePath) => {
      const result = await read(filePath);
      const ticket = randomUUID();
      const base = { ticket, fileName: result.fileName, filePath };
      this.pending.set(
        ticket,
        result.ok
          ? { ...base, ok: true, digestId: result.digestId, referenceDate: result.referenceDate, digest: result.digest }
          : { ...base, ok: false, error: result.error },
      );
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

  /** Everything parsed and not yet acknowledged (the same items again until acknowledged). */
  list(): PendingImport[] {
    return [...this.pending.values()];
  }

  async acknowledge(ticket: string): Promise<number> {
    if (this.pending.delete(ticket)) await this.save();
    return this.pending.size;
  }

  get size(): number {
    return this.pending.size;
  }

  /** Waits for reads that are still running (used at quit and in tests). */
  async settled(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }

  private save(): Promise<void> {
    const statePath = this.options.statePath;
    if (!statePath) return Promise.resolve();
    const paths = [...new Set([...this.pending.values()].filter((p) => p.ok).map((p) => p.filePath))];
    this.saveChain = this.saveChain.then(async () => {
      await mkdir(path.dirname(statePath), { recursive: true });
      const temp = `${statePath}.${process.pid}.tmp`;
      await writeFile(temp, JSON.stringify(paths));
      await rename(temp, statePath);
    });
    return this.saveChain;
  }
}
