// Drag-and-drop of digest files and folders onto the window. The sandboxed renderer sees no
// paths, so it reads each dropped file's bytes (walking folders through webkitGetAsEntry) and
// hands them to main, which runs the same decode-and-parse pipeline as every other entry point
// and queues the result. Files over the size cap are refused before they are read.

import { useEffect, useRef, useState } from 'react';
import { DEFAULT_SETTINGS } from '../../shared/ipc';
import { api } from '../api';
import { useUiStore } from '../store';
import './importEngine.css';

/** Extensions taken from a dropped folder (files dropped one by one are always tried). */
const DIGEST_EXTENSIONS = /\.(txt|text|md|json|xml|rss|atom|bib|bibtex|eml|mbox|html?)$/i;
/** A dropped folder tree is read this far and no further. */
export const MAX_FILES = 500;

export function DropZone() {
  const [dragging, setDragging] = useState(false);
  const depth = useRef(0);
  const maxMb = useRef(DEFAULT_SETTINGS.maxImportMb);

  useEffect(() => {
    const bridge = api();
    void bridge.getSettings().then(
      (view) => (maxMb.current = view.settings.maxImportMb),
      () => undefined,
    );
    return bridge.on('settings:changed', (view) => (maxMb.current = view.settings.maxImportMb));
  }, []);

  useEffect(() => {
    const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
    const onEnter = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depth.current++;
      setDragging(true);
    };
    const onOver = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault(); // without this the drop would navigate to the file
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onLeave = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setDragging(false);
    };
    const onDrop = (event: DragEvent) => {
      event.preventDefault();
      depth.current = 0;
      setDragging(false);
      if (!event.dataTransfer) return;
      // Entries must be taken during the event: the DataTransfer is emptied once it returns.
      const roots = takeDropped(event.dataTransfer);
      void importDropped(roots, maxMb.current * 1024 * 1024);
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, []);

  if (!dragging) return null;
  return (
    <div className="ie-drop-overlay" data-testid="drop-overlay" aria-hidden="true">
      <div className="ie-drop-card">
        <strong>Drop to import</strong>
        <span>Digest files, or folders of them</span>
      </div>
    </div>
  );
}

export type Dropped = { kind: 'entry'; entry: FileSystemEntry } | { kind: 'file'; file: File };

function takeDropped(data: DataTransfer): Dropped[] {
  const roots: Dropped[] = [];
  for (const item of Array.from(data.items)) {
    if (item.kind !== 'file') continue;
    const entry = item.webkitGetAsEntry?.() ?? null;
    if (entry) roots.push({ kind: 'entry', entry });
    else {
      const file = item.getAsFile();
      if (file) roots.push({ kind: 'file', file });
    }
  }
  if (roots.length === 0) for (const file of Array.from(data.files)) roots.push({ kind: 'file', file });
  return roots;
}

/** The files a drop holds: dropped files as they are, folders walked for digest files. */
export async function collectDroppedFiles(roots: Dropped[]): Promise<{ files: File[]; truncated: boolean }> {
  const files: File[] = [];
  let truncated = false;
  for (const root of roots) {
    if (root.kind === 'file') files.push(root.file);
    else if (root.entry.isFile) files.push(await fileOf(root.entry as FileSystemFileEntry));
    else truncated = (await collectFolder(root.entry as FileSystemDirectoryEntry, files)) || truncated;
    if (files.length >= MAX_FILES) {
      truncated = files.length > MAX_FILES || roots.indexOf(root) < roots.length - 1 || truncated;
      break;
    }
  }
  return { files: files.slice(0, MAX_FILES), truncated };
}

/** Reads and sends each file in turn (one file's bytes in memory at a time). */
export async function importDropped(roots: Dropped[], maxBytes: number): Promise<void> {
  const { pushError, setImporting } = useUiStore.getState();
  setImporting(true);
  try {
    const { files, truncated } = await collectDroppedFiles(roots);
    if (truncated) pushError(`Only the first ${MAX_FILES} files of the drop were imported.`);
    for (const file of files) {
      if (file.size > maxBytes) {
        pushError(`${file.name}: is ${mb(file.size)}, over the ${mb(maxBytes)} import limit`);
        continue;
      }
      const bytes = new Uint8Array(await file.arrayBuffer());
      const result = await api().importDroppedFile({ name: file.name, lastModified: file.lastModified, bytes });
      if (!result.queued) pushError(result.error);
    }
  } catch (error) {
    pushError(`Drop failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    setImporting(false);
  }
}

function mb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** Adds the folder's digest files (depth first, names sorted); true when it stopped at MAX_FILES. */
async function collectFolder(folder: FileSystemDirectoryEntry, into: File[]): Promise<boolean> {
  const reader = folder.createReader();
  const entries: FileSystemEntry[] = [];
  // readEntries returns the folder in batches until it returns an empty one.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    entries.push(...batch);
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    if (entry.isDirectory) {
      if (await collectFolder(entry as FileSystemDirectoryEntry, into)) return true;
    } else if (DIGEST_EXTENSIONS.test(entry.name)) {
      into.push(await fileOf(entry as FileSystemFileEntry));
    }
    if (into.length >= MAX_FILES) return true;
  }
  return false;
}
