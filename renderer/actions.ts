// What the keyboard, the detail pane and the bulk bar do to the selected papers: repository
// writes plus the toast (with undo for anything that touches several papers or deletes).

import type { Paper, ReadingStatus } from '../shared/model';
import { getDb } from './db/ShelfmarkDb';
import {
  addTag,
  cycleStatus,
  deletePapers,
  removeTag,
  restorePapers,
  setStarred,
  setStatus,
  toggleStar,
} from './db/paperRepository';
import { reportSaveError } from './saveErrors';
import { useUiStore } from './store';
import { STATUS_LABELS } from './views';

/** The papers an action applies to: the whole selection, else the paper in the detail pane. */
export function actionTargets(): string[] {
  const { selectedIds, selectedPaperId } = useUiStore.getState();
  if (selectedIds.length > 0) return selectedIds;
  return selectedPaperId ? [selectedPaperId] : [];
}

const plural = (n: number) => `${n} ${n === 1 ? 'paper' : 'papers'}`;

async function withUndo(ids: string[], message: string, write: () => Promise<unknown>): Promise<void> {
  const db = getDb();
  const before = (await db.papers.bulkGet(ids)).filter((p): p is Paper => !!p);
  await write();
  useUiStore.getState().pushAction(message, () => restorePapers(db, { papers: before, appearances: [] }));
}

function report(error: unknown): void {
  reportSaveError(error);
}

export function announce(message: string): void {
  useUiStore.getState().announce(message);
}

export async function starTargets(starred?: boolean, ids = actionTargets()): Promise<void> {
  if (ids.length === 0) return;
  try {
    if (ids.length === 1 && starred === undefined) {
      const now = await toggleStar(getDb(), ids[0]!);
      announce(now ? 'Starred' : 'Star removed');
      return;
    }
    const db = getDb();
    const value = starred ?? !(await db.papers.bulkGet(ids)).every((p) => p?.starred === 1);
    await withUndo(ids, `${value ? 'Starred' : 'Unstarred'} ${plural(ids.length)}`, () => setStarred(db, ids, value));
  } catch (error) {
    report(error);
  }
}

export async function cycleTargetsStatus(): Promise<void> {
  const ids = actionTargets();
  if (ids.length === 0) return;
  try {
    if (ids.length === 1) {
      const status = await cycleStatus(getDb(), ids[0]!);
      if (status) announce(`Marked ${STATUS_LABELS[status].toLowerCase()}`);
      return;
    }
    const focused = useUiStore.getState().selectedPaperId ?? ids[0]!;
    const paper = await getDb().papers.get(focused);
    const next: ReadingStatus =
      paper?.status === 'unread' ? 'reading' : paper?.status === 'reading' ? 'read' : 'unread';
    await setTargetsStatus(next);
  } catch (error) {
    report(error);
  }
}

export async function setTargetsStatus(status: ReadingStatus, ids = actionTargets()): Promise<void> {
  if (ids.length === 0) return;
  try {
    const db = getDb();
    if (ids.length === 1) {
      await setStatus(db, ids, status);
      announce(`Marked ${STATUS_LABELS[status].toLowerCase()}`);
      return;
    }
    await withUndo(ids, `Marked ${plural(ids.length)} ${STATUS_LABELS[status].toLowerCase()}`, () =>
      setStatus(db, ids, status),
    );
  } catch (error) {
    report(error);
  }
}

export async function tagTargets(tag: string, ids = actionTargets()): Promise<void> {
  if (ids.length === 0) return;
  try {
    const db = getDb();
    if (ids.length === 1) {
      await addTag(db, ids, tag);
      return;
    }
    await withUndo(ids, `Tagged ${plural(ids.length)} #${tag}`, () => addTag(db, ids, tag));
  } catch (error) {
    report(error);
  }
}

export async function untag(id: string, tag: string): Promise<void> {
  try {
    await removeTag(getDb(), [id], tag);
    announce(`Removed tag ${tag}`);
  } catch (error) {
    report(error);
  }
}

/** Deletes the targets, moves the cursor to the paper after them, and offers undo. */
export async function deleteTargets(ordered: readonly string[]): Promise<void> {
  const ids = actionTargets();
  if (ids.length === 0) return;
  const gone = new Set(ids);
  const lastIndex = Math.max(...ids.map((id) => ordered.indexOf(id)));
  const after = ordered.slice(lastIndex + 1).find((id) => !gone.has(id));
  const before = [...ordered.slice(0, Math.max(0, lastIndex))].reverse().find((id) => !gone.has(id));
  try {
    const db = getDb();
    const deleted = await deletePapers(db, ids);
    const { selectPaper, pushAction } = useUiStore.getState();
    selectPaper(after ?? before ?? null);
    pushAction(`Deleted ${plural(deleted.papers.length)}`, async () => {
      await restorePapers(db, deleted);
      useUiStore.getState().selectPaper(deleted.papers[0]?.id ?? null);
    });
  } catch (error) {
    report(error);
  }
}
