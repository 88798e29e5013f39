// The backup file: gzip of one manifest line (counts, schema version, a fingerprint of the
// library) followed by the library in dexie-export-import's JSON format. The manifest makes the
// restore preview cheap (only the first bytes are read) and lets restore verify what it wrote.

import type Dexie from 'dexie';
import { exportDB } from 'dexie-export-import';
import { z } from 'zod';
import type { Paper } from '../../shared/model';
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

/** The library's fingerprint, read from counts and indexes only (cheap at 100,000 papers). */
export async function libraryFingerprint(db: Dexie): Promise<string> {
  return db.transaction('r', db.tables, async () => {
    const papers = db.table('papers');
    const imports = tableOrNull(db, 'imports');
    const newest = (await papers.orderBy('updatedAt').last()) as Paper | undefined;
    const newestImport = (await imports?.orderBy('importedAt').last()) as { importedAt: number } | undefined;
    return fingerprintOf({
      papers: await papers.count(),
      maxUpdatedAt: newest?.updatedAt ?? 0,
      citationKeys: papers.schema.idxByName.citationKey ? await papers.orderBy('citationKey').count() : 0,
      digests: await db.table('digests').count(),
      appearances: await db.table('appearances').count(),
      imports: (await imports?.count()) ?? 0,
      maxImportedAt: newestImport?.importedAt ?? 0,
    });
  });
}

export interface BuiltBackup {
  /** The gzip file, as main stores it. */
  file: Blob;
  manifest: BackupManifest;
}

/**
 * Exports the whole library (one read transaction: a consistent snapshot) and gzips it behind
 * its manifest. Counts and fingerprint are tallied from the very rows exported.
 */
export async function buildBackup(db: Dexie, now = Date.now()): Promise<BuiltBackup> {
  const tags = new Set<string>();
  const counts: BackupCounts = {
    papers: 0,
    notes: 0,
    starred: 0,
    tags: 0,
    citationKeys: 0,
    digests: 0,
    appearances: 0,
    imports: 0,
  };
  let maxUpdatedAt = 0;
  let maxImportedAt = 0;
  const exported = await exportDB(db, {
    numRowsPerChunk: 5_000,
    filter(table, value: Record<string, unknown>) {
      if (table === 'papers') {
        const paper = value as unknown as Paper;
        counts.papers += 1;
        if (paper.notes) counts.notes += 1;
        if (paper.starred === 1) counts.starred += 1;
        if (typeof paper.citationKey === 'string') counts.citationKeys += 1;
        for (const tag of paper.tags ?? []) tags.add(tag);
        maxUpdatedAt = Math.max(maxUpdatedAt, paper.updatedAt ?? 0);
      } else if (table === 'digests') counts.digests += 1;
      else if (table === 'appearances') counts.appearances += 1;
      else if (table === 'imports') {
        counts.imports += 1;
        maxImportedAt = Math.max(maxImportedAt, Number(value.importedAt) || 0);
      }
      return true;
    },
  });
  counts.tags = tags.size;
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    createdAt: now,
    schemaVersion: db.verno,
    counts,
    fingerprint: fingerprintOf({ ...counts, maxUpdatedAt, maxImportedAt }),
  };
  const plain = new Blob([JSON.stringify(manifest), '\n', exported]);
  const file = await new Response(plain.stream().pipeThrough(new CompressionStream('gzip'))).blob();
  return { file, manifest };
}

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
