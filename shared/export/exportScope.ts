// What can be exported and synced, as plain data validated wherever it crosses a process
// boundary (the IPC contract imports this file; it pulls in no writer).

import { z } from 'zod';
import { READING_STATUSES } from '../model';

export const EXPORT_FORMATS = ['bibtex', 'biblatex', 'csl-json', 'ris', 'markdown'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A synced file is a .bib: the formats LaTeX reads. */
export const SYNC_FORMATS = ['bibtex', 'biblatex'] as const;
export type SyncFormat = (typeof SYNC_FORMATS)[number];

/**
 * A part of the library named by what it is, not by a list of ids, so it can be followed as
 * papers change: everything, the starred papers, a reading status, a tag, a digest.
 */
export const libraryScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }).strict(),
  z.object({ kind: z.literal('starred') }).strict(),
  z.object({ kind: z.literal('status'), status: z.enum(READING_STATUSES) }).strict(),
  z.object({ kind: z.literal('tag'), tag: z.string().min(1).max(200) }).strict(),
  z.object({ kind: z.literal('digest'), digestId: z.string().min(1).max(200) }).strict(),
]);
export type LibraryScope = z.infer<typeof libraryScopeSchema>;

/** What a person chooses for a synced .bib (the file itself comes from the native save dialog). */
export const bibSyncChoiceSchema = z
  .object({
    scope: libraryScopeSchema,
    format: z.enum(SYNC_FORMATS),
    includeNotes: z.boolean(),
    /** Shown in the UI ("Starred", "#llm"); the scope is what counts. */
    scopeLabel: z.string().max(300),
  })
  .strict();
export type BibSyncChoice = z.infer<typeof bibSyncChoiceSchema>;

/** A synced .bib as main keeps it in userData/sync.json. */
export const bibSyncConfigSchema = bibSyncChoiceSchema
  .extend({
    /** New for every choice, so text built for an earlier choice never lands in a new file. */
    id: z.string().min(1).max(100),
    /** Absolute path of the .bib file. */
    path: z.string().min(1).max(4096),
  })
  .strict();
export type BibSyncConfig = z.infer<typeof bibSyncConfigSchema>;

/** The sync state the UI shows. */
export interface BibSyncStatus {
  config: BibSyncConfig | null;
  /** off: nothing synced; waiting: a change is due (debounced); idle: the file is up to date. */
  state: 'off' | 'waiting' | 'writing' | 'idle' | 'error';
  /** When the file was last written (ms since the epoch), null when never. */
  lastWrittenAt: number | null;
  /** Entries in the last text written. */
  lastEntryCount: number | null;
  /** The last write's failure, naming the file and the reason; null after a success. */
  error: string | null;
}
