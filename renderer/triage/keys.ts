// Keys for triage and the Reading queue that work anywhere in the window: open the newest digest
// with untriaged papers (Ctrl/Cmd+T or g then t), dismiss the selected papers (x), and move a
// queued paper (m or Shift+T to the top, Alt+↑/↓ one place). Registered in the capture phase,
// so that "g t" is not also the tag field's "t"; silent while the person types in a field.

import { useEffect } from 'react';
import { setTargetsStatus } from '../actions';
import { moveInQueueBy, moveToTopOfQueue } from '../db/readingQueue';
import { getDb } from '../db/ShelfmarkDb';
import { newestDigestToTriage } from '../db/triage';
import { useUiStore } from '../store';
import { isListView } from '../views';

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement)
    return !['button', 'checkbox', 'radio', 'submit', 'reset'].includes(target.type);
  return false;
}

/** Opens the triage view of the newest digest that still has untriaged papers. */
export async function openNextTriage(): Promise<void> {
  const id = await newestDigestToTriage(getDb());
  const store = useUiStore.getState();
  if (id) store.setView(`triage:${id}`);
  else store.announce('Every digest is triaged');
}

const SEQUENCE_MS = 1_200;

export function useTriageShortcuts(): void {
  useEffect(() => {
    let gAt = -Infinity;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const store = useUiStore.getState();
      if (store.shortcutsOpen || isTypingTarget(event.target)) return;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key;
      const stop = () => {
        event.preventDefault();
        event.stopPropagation();
      };
      if (mod && !event.altKey && !event.shiftKey && key.toLowerCase() === 't') {
        stop();
        void openNextTriage();
        return;
      }
      if (mod) return;
      if (key === 'g' && !event.altKey) {
        gAt = event.timeStamp;
        return;
      }
      if (key === 't' && !event.altKey && event.timeStamp - gAt < SEQUENCE_MS) {
        gAt = -Infinity;
        stop();
        void openNextTriage();
        return;
      }
      if (!isListView(store.view)) return;
      const id = store.selectedPaperId;
      if (key === 'x' && !event.altKey) {
        stop();
        void setTargetsStatus('dismissed');
        return;
      }
      if (store.view !== 'reading' || !id || store.query.trim()) return;
      if ((key === 'm' && !event.altKey) || (key === 'T' && event.shiftKey)) {
        stop();
        void moveToTopOfQueue(getDb(), id).then((moved) => moved && store.announce('Moved to the top of the queue'));
      } else if (event.altKey && (key === 'ArrowUp' || key === 'ArrowDown')) {
        stop();
        void moveInQueueBy(getDb(), id, key === 'ArrowUp' ? -1 : 1).then(
          (moved) => moved && store.announce(key === 'ArrowUp' ? 'Moved up' : 'Moved down'),
        );
      }
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, []);
}
