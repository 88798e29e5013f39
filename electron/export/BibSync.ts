// Keeps one .bib file in sync with a scope of the library. The renderer owns the papers, so it
// sends the file's text whenever the scope changes; this side debounces (about a second, so a
// burst of edits is one write), skips text identical to what is on disk, and writes atomically.
// The choice (scope, format, file) lives in userData/sync.json so it survives restarts.

import { randomUUID } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import {
  type BibSyncChoice,
  type BibSyncConfig,
  type BibSyncStatus,
  bibSyncConfigSchema,
} from '../../shared/export/exportScope';
import { describeWriteError, writeFileAtomic } from './writeFileAtomic';

export const BIB_SYNC_DEBOUNCE_MS = 1000;

const storedSchema = z.object({
  config: bibSyncConfigSchema.nullable().catch(null),
  lastWrittenAt: z.number().finite().nonnegative().nullable().catch(null),
  lastEntryCount: z.number().int().nonnegative().nullable().catch(null),
});
type Stored = z.infer<typeof storedSchema>;

export interface BibSyncOptions {
  /** userData/sync.json */
  file: string;
  debounceMs?: number;
  onChange?(status: BibSyncStatus): void;
  now?(): number;
  /** The atomic writer (tests swap it to make a write fail). */
  write?(file: string, content: string): Promise<number>;
}

export class BibSync {
  private stored: Stored = { config: null, lastWrittenAt: null, lastEntryCount: null };
  private state: BibSyncStatus['state'] = 'off';
  private error: string | null = null;
  private pending: { content: string; entryCount: number } | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Text known to be in the file now (null: not read yet this session). */
  private onDisk: string | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly debounceMs: number;
  private readonly now: () => number;
  private readonly write: (file: string, content: string) => Promise<number>;

  constructor(private readonly options: BibSyncOptions) {
    this.debounceMs = options.debounceMs ?? BIB_SYNC_DEBOUNCE_MS;
    this.now = options.now ?? Date.now;
    this.write = options.write ?? ((file, content) => writeFileAtomic(file, content));
  }

  /** Reads sync.json; a missing or bad file means no sync. */
  async init(): Promise<BibSyncStatus> {
    try {
      const parsed = storedSchema.safeParse(JSON.parse(await readFile(this.options.file, 'utf8')));
      if (parsed.success) this.stored = parsed.data;
    } catch {
      // missing or unreadable: nothing is synced
    }
    this.state = this.stored.config ? 'idle' : 'off';
    return this.status();
  }

  status(): BibSyncStatus {
    return {
      config: this.stored.config,
      state: this.state,
      lastWrittenAt: this.stored.lastWrittenAt,
      lastEntryCount: this.stored.lastEntryCount,
      error: this.error,
    };
  }

  /** Starts syncing `choice` into `file` (from the save dialog); replaces any earlier choice. */
  configure(choice: BibSyncChoice, file: string): Promise<BibSyncStatus> {
    return this.serial(async () => {
      this.cancelPending();
      const config: BibSyncConfig = { ...choice, id: randomUUID(), path: path.resolve(file) };
      this.stored = { config: bibSyncConfigSchema.parse(config), lastWrittenAt: null, lastEntryCount: null };
      this.onDisk = null;
      this.error = null;
      this.state = 'waiting';
      await this.persist();
      return this.changed();
    });
  }

  /** Stops syncing; the file stays as it is. */
  stop(): Promise<BibSyncStatus> {
    return this.serial(async () => {
      this.cancelPending();
      this.stored = { config: null, lastWrittenAt: null, lastEntryCount: null };
      this.onDisk = null;
      this.error = null;
      this.state = 'off';
      await this.persist();
      return this.changed();
    });
  }

  /**
   * The file's new text for sync `syncId`. Written after `debounceMs` without a newer text;
   * refused (false) when that sync is no longer the current one.
   */
  submit(syncId: string, content: string, entryCount: number): boolean {
    if (this.stored.config?.id !== syncId) return false;
    this.pending = { content, entryCount };
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.debounceMs);
    if (this.state !== 'waiting') {
      this.state = 'waiting';
      this.changed();
    }
    return true;
  }

  /** True while a text waits for its debounced write. */
  hasPending(): boolean {
    return this.pending !== null;
  }

  /** Writes what is pending now (quit, tests). Resolves once the file is written or has failed. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    return this.serial(() => this.writePending());
  }

  /** Stops the timer after writing what is pending. */
  async close(): Promise<void> {
    await this.flush();
  }

  private async writePending(): Promise<void> {
    const pending = this.pending;
    const config = this.stored.config;
    this.pending = null;
    if (!pending || !config) return;
    const file = config.path;
    this.onDisk ??= await readFile(file, 'utf8').catch(() => '');
    if (this.onDisk === pending.content && this.stored.lastWrittenAt !== null) {
      // Nothing changed in the file's text (a star in a BibTeX scope, the same text after a restart).
      this.state = 'idle';
      this.error = null;
      this.changed();
      return;
    }
    this.state = 'writing';
    this.changed();
    try {
      await mkdir(path.dirname(file), { recursive: true }).catch(() => undefined);
      await this.write(file, pending.content);
      this.onDisk = pending.content;
      this.stored = { ...this.stored, lastWrittenAt: this.now(), lastEntryCount: pending.entryCount };
      this.error = null;
      this.state = 'idle';
      await this.persist().catch(() => undefined); // the .bib is written; the time is a nicety
    } catch (error) {
      this.onDisk = null;
      this.error = describeWriteError(file, error);
      this.state = 'error';
    }
    this.changed();
  }

  private cancelPending(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
  }

  private async persist(): Promise<void> {
    await mkdir(path.dirname(this.options.file), { recursive: true });
    await writeFileAtomic(this.options.file, `${JSON.stringify(this.stored, null, 2)}\n`);
  }

  private changed(): BibSyncStatus {
    const status = this.status();
    this.options.onChange?.(status);
    return status;
  }

  private serial<T>(run: () => Promise<T>): Promise<T> {
    const result = this.chain.then(run);
    this.chain = result.catch(() => undefined);
    return result;
  }
}
