// The backup file: gzip of one manifest line (counts, schema version, a fingerprint of the
// library) followed by the library in dexie-export-import's JSON format (version 1; written by
// buildBackup itself since Typeson made exportDB slow). The manifest makes the restore preview
// cheap (only the first bytes are read) and lets restore verify what it wrote.

import Dexie, { type IndexableType, type Table } from 'dexie';
import { z } from 'zod';
import type { Paper } from '../../shared/model';
import { HeadedGzip } from './HeadedGzip';
import { CURRENT_SCHEMA_VERSION } from './schemaHistory';

export const BACKUP_FORMAT = 'shelfmark-backup';
export const BACKUP_FORMAT_VERSION = 1;

const count = z.number().int().nonnegative();
export const backupCountsSchema = z.object({
  papers: count,
  notes: count,
  starred: count,
  tags: count,
  citationKeys: count,
  digests: count,
  appearances: count,
  imports: count,
});
export type BackupCounts = z.infer<typeof backupCountsSchema>;

export const backupManifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(BACKUP_FORMAT_VERSION),
  createdAt: z.number().int().nonnegative(),
  schemaVersion: z.number().int().min(1),
  counts: backupCountsSchema,
  /** Changes whenever the library does; an automatic backup of an unchanged library is skipped. */
  fingerprint: z.string().max(500),
});
export type BackupManifest = z.infer<typeof backupManifestSchema>;

export class BackupFormatError extends Error {
  override name = 'BackupFormatError';
}

/** What the fingerprint is made of; computed from rows (export) or indexes (libraryFingerprint). */
interface FingerprintParts {
  papers: number;
  maxUpdatedAt: number;
  citationKeys: number;
  digests: number;
  appearances: number;
  imports: number;
  maxImportedAt: number;
}

const fingerprintOf = (p: FingerprintParts) =>
  [p.papers, p.maxUpdatedAt, p.citationKeys, p.digests, p.appearances, p.imports, p.maxImportedAt].join(':');

const tableOrNull = (db: Dexie, name: string) => (db.tables.some((t) => t.name === name) ? db.table(name) : null);

/**
 * How a backup reads the library. By default in one read transaction: one consistent library,
 * but every write waits until the whole read is done (about 12 s at 100,000 papers). With
 * `signal`, each read is its own short transaction, so a write waits for one chunk at most, and
 * the read stops (throwing the signal's reason) once the signal aborts. Rows read that way are
 * one consistent library only if nothing was written meanwhile: the caller aborts the signal on
 * any write (backupActions' `watchWrites`).
 */
export interface BackupReadOptions {
  signal?: AbortSignal;
  /**
   * Awaited before each read after the first (short reads only): the daily backup waits there
   * for a pause in the person's typing, so its work on this thread comes between their keys.
   */
  pause?: () => Promise<void>;
}

/** Runs `read` in one read transaction over every table, or, given a signal, without one. */
function reading<T>(db: Dexie, options: BackupReadOptions, read: (step: <U>(value: U) => U) => Promise<T>): Promise<T> {
  const { signal } = options;
  if (!signal) return db.transaction('r', db.tables, () => read((value) => value));
  signal.throwIfAborted();
  return read((value) => {
    signal.throwIfAborted();
    return value;
  });
}

/** The library's fingerprint, read from counts and indexes only (cheap at 100,000 papers). */
export async function libraryFingerprint(db: Dexie, options: BackupReadOptions = {}): Promise<string> {
  return reading(db, options, async (step) => {
    const papers = db.table('papers');
    const imports = tableOrNull(db, 'imports');
    const newest = step((await papers.orderBy('updatedAt').last()) as Paper | undefined);
    const newestImport = step((await imports?.orderBy('importedAt').last()) as { importedAt: number } | undefined);
    return fingerprintOf({
      papers: step(await papers.count()),
      maxUpdatedAt: newest?.updatedAt ?? 0,
      citationKeys: step(papers.schema.idxByName.citationKey ? await papers.orderBy('citationKey').count() : 0),
      digests: step(await db.table('digests').count()),
      appearances: step(await db.table('appearances').count()),
      imports: step((await imports?.count()) ?? 0),
      maxImportedAt: newestImport?.importedAt ?? 0,
    });
  });
}

export interface BuiltBackup {
  /** The gzip file, as main stores it. */
  file: Blob;
  manifest: BackupManifest;
  /**
   * Where the time went: the read transaction (reading, serializing and compressing as the rows
   * come), then what compression had left to do and the file's assembly.
   */
  timings: { exportMs: number; finishMs: number };
}

/**
 * Rows per read while exporting: few round trips to IndexedDB, and one JSON string of a few MB
 * at a time.
 */
export const EXPORT_ROWS_PER_CHUNK = 5_000;

/** The counts and fingerprint of a library, tallied from its rows as they are exported. */
class LibraryTally {
  readonly counts: BackupCounts = {
    papers: 0,
    notes: 0,
    starred: 0,
    tags: 0,
    citationKeys: 0,
    digests: 0,
    appearances: 0,
    imports: 0,
  };
  private readonly tags = new Set<string>();
  private maxUpdatedAt = 0;
  private maxImportedAt = 0;

  add(table: string, rows: readonly Record<string, unknown>[]): void {
    const counts = this.counts;
    if (table === 'papers') {
      for (const row of rows) {
        const paper = row as unknown as Paper;
        if (paper.notes) counts.notes += 1;
        if (paper.starred === 1) counts.starred += 1;
        if (typeof paper.citationKey === 'string') counts.citationKeys += 1;
        for (const tag of paper.tags ?? []) this.tags.add(tag);
        if ((paper.updatedAt ?? 0) > this.maxUpdatedAt) this.maxUpdatedAt = paper.updatedAt;
      }
      counts.papers += rows.length;
    } else if (table === 'digests') counts.digests += rows.length;
    else if (table === 'appearances') counts.appearances += rows.length;
    else if (table === 'imports') {
      for (const row of rows) this.maxImportedAt = Math.max(this.maxImportedAt, Number(row.importedAt) || 0);
      counts.imports += rows.length;
    }
  }

  manifest(schemaVersion: number, createdAt: number): BackupManifest {
    const counts = { ...this.counts, tags: this.tags.size };
    return {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      createdAt,
      schemaVersion,
      counts,
      fingerprint: fingerprintOf({ ...counts, maxUpdatedAt: this.maxUpdatedAt, maxImportedAt: this.maxImportedAt }),
    };
  }
}

/**
 * Exports the whole library (one read transaction: a consistent snapshot) and gzips it behind
 * its manifest. Counts and fingerprint are tallied from the very rows exported.
 *
 * The body is dexie-export-import's JSON format (version 1), written here rather than by its
 * exportDB, which passes every row through Typeson to tag values JSON cannot hold: that was about
 * half of a 100,000-paper backup's time, and a library holds none (strings, numbers, null, arrays of
 * strings). Rows are read in primary-key order a chunk at a time (the next chunk is asked for
 * before the current one is serialized), JSON.stringify'd and compressed as they come, so the
 * compressor works while IndexedDB reads; the manifest, known only at the end, is put in front
 * by HeadedGzip. Rows carry no `$types`, which dexie-export-import's own importer also accepts.
 */
export async function buildBackup(
  db: Dexie,
  now = Date.now(),
  rowsPerChunk = EXPORT_ROWS_PER_CHUNK,
  options: BackupReadOptions = {},
): Promise<BuiltBackup> {
  const started = performance.now();
  const tally = new LibraryTally();
  const gzip = new HeadedGzip();
  const encoder = new TextEncoder();
  const write = (text: string) => gzip.write(encoder.encode(text));
  try {
    await reading(db, options, async (step) => {
      const rowCounts = step(await Promise.all(db.tables.map((table) => table.count())));
      const tables = db.tables.map((table, i) => ({
        name: table.name,
        schema: schemaString(table),
        rowCount: rowCounts[i],
      }));
      write(
        `{"formatName":"dexie","formatVersion":1,"data":{"databaseName":${JSON.stringify(db.name)},` +
          `"databaseVersion":${db.verno},"tables":${JSON.stringify(tables)},"data":[`,
      );
      for (const [t, table] of db.tables.entries()) {
        const keyPath = table.schema.primKey.keyPath;
        if (!keyPath) throw new Error(`The "${table.name}" table has no key path; a backup cannot hold it.`);
        write(`${t > 0 ? ',' : ''}{"tableName":${JSON.stringify(table.name)},"inbound":true,"rows":[`);
        const read = (after?: IndexableType) =>
          (after === undefined ? table.orderBy(':id') : table.where(':id').above(after))
            .limit(rowsPerChunk)
            .toArray() as Promise<Record<string, unknown>[]>;
        let next = read();
        for (let first = true; ; first = false) {
          const rows = step(await next);
          const more = rows.length === rowsPerChunk;
          if (more) {
            const after = Dexie.getByKeyPath(rows[rows.length - 1]!, keyPath) as IndexableType;
            const { pause } = options;
            next = options.signal && pause ? pause().then(() => read(after)) : read(after);
          }
          if (rows.length > 0) {
            tally.add(table.name, rows);
            const json = JSON.stringify(rows);
            write(first ? json.slice(1, -1) : `,${json.slice(1, -1)}`);
          }
          if (!more) break;
        }
        write(']}');
      }
      write(']}}');
    });
  } catch (error) {
    gzip.abort(error);
    throw error;
  }
  const manifest = tally.manifest(db.verno, now);
  const exported = performance.now();
  const file = await gzip.finish(encoder.encode(`${JSON.stringify(manifest)}\n`));
  return { file, manifest, timings: { exportMs: exported - started, finishMs: performance.now() - exported } };
}

/** A table's schema as dexie-export-import writes it: primary key, then indexes, as declared. */
const schemaString = (table: Table) => [table.schema.primKey, ...table.schema.indexes].map((i) => i.src).join(',');

function parseManifest(line: string): BackupManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    throw new BackupFormatError('This file is not a Shelfmark backup.');
  }
  const parsed = backupManifestSchema.safeParse(raw);
  if (!parsed.success) throw new BackupFormatError('This file is not a Shelfmark backup, or it is damaged.');
  if (parsed.data.schemaVersion > CURRENT_SCHEMA_VERSION) {
    throw new BackupFormatError(
      'This backup was made by a newer version of Shelfmark. Update Shelfmark to restore it.',
    );
  }
  return parsed.data;
}

/** The manifest alone, from the first bytes of a backup file (no need to read it all). */
export async function readBackupManifest(head: Blob): Promise<BackupManifest> {
  const reader = head.stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (value) text += decoder.decode(value, { stream: true });
      const newline = text.indexOf('\n');
      if (newline >= 0) return parseManifest(text.slice(0, newline));
      if (done || text.length > 64 * 1024) break;
    }
  } catch (error) {
    if (error instanceof BackupFormatError) throw error;
    throw new BackupFormatError('This file is not a Shelfmark backup, or it is damaged.');
  } finally {
    void reader.cancel().catch(() => undefined);
  }
  throw new BackupFormatError('This file is not a Shelfmark backup, or it is damaged.');
}

/** The rows of one table as dexie-export-import wrote them. */
export interface ExportedTable {
  tableName: string;
  inbound: boolean;
  rows: unknown[];
}

export interface OpenedBackup {
  manifest: BackupManifest;
  databaseVersion: number;
  tables: ExportedTable[];
}

/** Decompresses and parses a whole backup; throws BackupFormatError for anything damaged. */
export async function openBackup(file: Blob): Promise<OpenedBackup> {
  let text: string;
  try {
    text = await new Response(file.stream().pipeThrough(new DecompressionStream('gzip'))).text();
  } catch {
    throw new BackupFormatError('The backup file is damaged (it could not be decompressed).');
  }
  const newline = text.indexOf('\n');
  if (newline < 0) throw new BackupFormatError('This file is not a Shelfmark backup, or it is damaged.');
  const manifest = parseManifest(text.slice(0, newline));
  let body: unknown;
  try {
    body = JSON.parse(text.slice(newline + 1));
  } catch {
    throw new BackupFormatError('The backup file is damaged (its library data is incomplete).');
  }
  const exportSchema = z.object({
    formatName: z.literal('dexie'),
    formatVersion: z.literal(1),
    data: z.object({
      databaseName: z.string(),
      databaseVersion: z.number(),
      tables: z.array(z.object({ name: z.string(), schema: z.string(), rowCount: z.number() })),
      data: z.array(z.object({ tableName: z.string(), inbound: z.boolean(), rows: z.array(z.unknown()) })),
    }),
  });
  const parsed = exportSchema.safeParse(body);
  if (!parsed.success) {
    throw new BackupFormatError('This file is not a Shelfmark library backup.');
  }
  return { manifest, databaseVersion: parsed.data.data.databaseVersion, tables: parsed.data.data.data };
}
