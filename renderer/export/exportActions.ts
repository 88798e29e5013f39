// What the export dialog, the detail pane and the context menu do: pin the keys of the papers
// involved, write the text with the shared writers, and hand it to main (save dialog, clipboard).

import { writeBibtex } from '../../shared/export/bibtex';
import { EXPORT_FORMAT_INFO, exportFileName } from '../../shared/export/exportFormats';
import type { ExportFormat } from '../../shared/export/exportScope';
import { writeMarkdown } from '../../shared/export/markdown';
import type { ExportPaper } from '../../shared/export/types';
import type { SaveExportResult } from '../../shared/ipc';
import { api } from '../api';
import { pinCitationKey, pinCitationKeys } from '../db/citationKeys';
import { type ExportScope, exportScopeIds } from '../db/exportPapers';
import { getDb } from '../db/ShelfmarkDb';
import { useUiStore } from '../store';

export interface ExportRequest {
  scope: ExportScope;
  /** What the scope is called ("Starred", "#llm"): the file name and the Markdown heading. */
  label: string;
  format: ExportFormat;
  includeNotes: boolean;
}

/** The file text for papers whose keys are pinned. */
export function exportText(papers: readonly ExportPaper[], format: ExportFormat, includeNotes: boolean, label = '') {
  if (format === 'markdown') return writeMarkdown(papers, { includeNotes, heading: label || 'Reading list' });
  return EXPORT_FORMAT_INFO[format].write(papers, { includeNotes });
}

export type ExportOutcome =
  (SaveExportResult & { count: number; duplicateKeys: string[] }) | { saved: false; empty: true; count: 0 };

/**
 * Keys more than one exported paper carries (compared as BibTeX does, ignoring case). Pinned keys
 * never change on their own, so two imported .bib files that used one key for different papers
 * stay that way until the person edits one; the export says so instead of hiding it.
 */
export function duplicateCitationKeys(papers: readonly ExportPaper[]): string[] {
  const seen = new Map<string, string>();
  const duplicates = new Set<string>();
  for (const paper of papers) {
    if (!paper.citationKey) continue;
    const lower = paper.citationKey.toLowerCase();
    if (seen.has(lower)) duplicates.add(seen.get(lower)!);
    else seen.set(lower, paper.citationKey);
  }
  return [...duplicates];
}

/** Pins the scope's keys, writes the text and saves it through main's dialog. */
export async function exportToFile(request: ExportRequest): Promise<ExportOutcome> {
  const db = getDb();
  const ids = await exportScopeIds(db, request.scope);
  if (ids.length === 0) return { saved: false, empty: true, count: 0 };
  const papers = await pinCitationKeys(db, ids);
  const content = exportText(papers, request.format, request.includeNotes, request.label);
  const result = await api().saveExport({
    format: request.format,
    suggestedName: exportFileName(request.label, request.format),
    content,
  });
  return { ...result, count: papers.length, duplicateKeys: duplicateCitationKeys(papers) };
}

function reportError(what: string, error: unknown): void {
  useUiStore.getState().pushError(`${what}: ${error instanceof Error ? error.message : String(error)}`);
}

async function copy(text: string, announcement: string): Promise<void> {
  await api().writeClipboardText({ text });
  useUiStore.getState().announce(announcement);
  useUiStore.getState().pushAction(announcement);
}

/** Copies the paper's pinned key (pinning it now if it has none). */
export async function copyCitationKey(id: string): Promise<void> {
  try {
    const key = await pinCitationKey(getDb(), id);
    if (!key) return;
    await copy(key, `Copied citation key ${key}`);
  } catch (error) {
    reportError('Could not copy the citation key', error);
  }
}

/** Copies the paper's BibTeX entry, with its pinned key. */
export async function copyBibtexEntry(id: string): Promise<void> {
  try {
    const [paper] = await pinCitationKeys(getDb(), [id]);
    if (!paper) return;
    await copy(writeBibtex([paper]), `Copied the BibTeX entry ${paper.citationKey}`);
  } catch (error) {
    reportError('Could not copy the BibTeX entry', error);
  }
}
