// Drag to reorder the Reading queue with the pointer (HTML drag and drop on the list's rows).
// The keyboard does the same with m / Shift+T (to the top) and Alt+↑ / Alt+↓ (renderer/triage/keys).

import { type DragEvent, useState } from 'react';
import { moveInQueue } from '../db/readingQueue';
import { getDb } from '../db/ShelfmarkDb';
import { useUiStore } from '../store';

const MIME = 'application/x-shelfmark-paper';

function rowOf(event: DragEvent): HTMLElement | null {
  return event.target instanceof Element ? event.target.closest<HTMLElement>('[data-paper-id]') : null;
}

export interface QueueDrag {
  enabled: boolean;
  dragging: string | null;
  /** The paper the dragged one would land before, or '' for the end. */
  dropBefore: string | null;
  handlers: {
    onDragStart(event: DragEvent): void;
    onDragOver(event: DragEvent): void;
    onDragLeave(event: DragEvent): void;
    onDrop(event: DragEvent): void;
    onDragEnd(): void;
  };
}

export function useQueueDrag(ids: readonly string[]): QueueDrag {
  const enabled = useUiStore((s) => s.view === 'reading' && !s.query.trim());
  const [dragging, setDragging] = useState<string | null>(null);
  const [dropBefore, setDropBefore] = useState<string | null>(null);
  const end = () => {
    setDragging(null);
    setDropBefore(null);
  };
  const targetOf = (event: DragEvent): string | null => {
    const row = rowOf(event);
    const id = row?.dataset.paperId;
    if (!row || !id) return null;
    const box = row.getBoundingClientRect();
    if (event.clientY < box.top + box.height / 2) return id;
    return ids[ids.indexOf(id) + 1] ?? '';
  };
  return {
    enabled,
    dragging,
    dropBefore,
    handlers: {
      onDragStart: (event) => {
        const id = rowOf(event)?.dataset.paperId;
        if (!enabled || !id) return;
        event.dataTransfer.setData(MIME, id);
        event.dataTransfer.effectAllowed = 'move';
        setDragging(id);
      },
      onDragOver: (event) => {
        if (!enabled || !dragging) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
        const before = targetOf(event);
        if (before !== null && before !== dropBefore) setDropBefore(before);
      },
      onDragLeave: (event) => {
        if (event.currentTarget === event.target) setDropBefore(null);
      },
      onDrop: (event) => {
        if (!enabled || !dragging) return;
        event.preventDefault();
        const id = dragging;
        const before = targetOf(event);
        end();
        if (before === null || before === id) return;
        const rest = ids.filter((x) => x !== id);
        const to = before === '' ? rest.length : rest.indexOf(before);
        if (to < 0) return;
        void moveInQueue(getDb(), id, to).then((moved) => {
          if (moved) useUiStore.getState().announce(`Moved to place ${to + 1} of the queue`);
        });
      },
      onDragEnd: end,
    },
  };
}
