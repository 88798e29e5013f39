// One import, as the Import History keeps it: the report shown after the import, plus what an
// undo needs (the papers it added).

import type { DateBasis, ImportSource } from '../../shared/ipc';
import type { DigestFormat } from '../../shared/model';

export type ImportOutcome =
  /** Committed: the digest, its papers and appearances are in the library. */
  | 'imported'
  /** The same content was imported before: nothing was written. */
  | 'already-imported'
  /** The file was refused before it reached the library (unreadable, no format, over the cap). */
  | 'refused'
  /** Committed, then undone from the Import History. */
  | 'undone';

export interface ImportRecord {
  /** Random id of this import. */
  id: string;
  importedAt: number;
  fileName: string;
  source: ImportSource | null;
  outcome: ImportOutcome;
  /** The digest row this import wrote (the content hash); null when refused. */
  digestId: string | null;
  format: DigestFormat | null;
  innerFormat: DigestFormat | null;
  encoding: string | null;
  sizeBytes: number | null;
  digestDate: string | null;
  dateBasis: DateBasis | null;
  papersInFile: number;
  added: number;
  merged: number;
  alreadyPresent: number;
  /** Parser warnings ("line N: …"): blocks skipped or read incompletely. */
  warnings: string[];
  /** Warnings beyond the stored ones (a badly broken file can have thousands). */
  moreWarnings: number;
  /** Why the file was refused. */
  error: string | null;
  /** Papers this import created. */
  addedPaperIds: string[];
  /** Papers this import filled in with metadata they lacked. */
  mergedPaperIds: string[];
  /**
   * Tags and citation keys this import itself gave the papers it added (a .bib's keywords and
   * keys): undo tells them apart from what the person added since.
   */
  importedUserFields: { id: string; tags: string[]; citationKey: string | null }[];
  undo: { at: number; removed: number; kept: number; restored: number } | null;
}
