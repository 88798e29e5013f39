// The app's keyboard: one window-level handler, silent while the person types in a field
// (except Esc, which leaves the field). See shortcuts.ts for the list shown by "?".

import { useEffect, useRef } from 'react';
import { cycleTargetsStatus, deleteTargets, starTargets } from './actions';
import { useUiStore } from './store';
import { isListView } from './views';

function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement)
    return !['button', 'checkbox', 'radio', 'submit', 'reset'].includes(target.type);
  return false;
}

export function focusElement(id: string): void {
  const element = document.getElementById(id);
  element?.focus();
  if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) {
    element.setSelectionRange(element.value.length, element.value.length);
  }
}

/** `ordered`: the ids the list shows, in order (navigation, ranges, select all). */
export function useKeyboardShortcuts(ordered: readonly string[], onImport: () => void): void {
  const orderedRef = useRef(ordered);
  const importRef = useRef(onImport);
  useEffect(() => {
    orderedRef.current = ordered;
    importRef.current = onImport;
  });

  useEffect(() => {
    const move = (delta: number, extend: boolean) => {
      const ids = orderedRef.current;
      if (ids.length === 0) return;
      const store = useUiStore.getState();
      const at = store.selectedPaperId ? ids.indexOf(store.selectedPaperId) : -1;
      // A paper that just left the view (status changed in Inbox): continue from where it was.
      const from = at >= 0 ? at : lastIndex.current - (delta > 0 ? 1 : 0);
      const next = Math.min(ids.length - 1, Math.max(0, from + delta));
      if (extend) store.selectRange(ids[next]!, ids);
      else store.selectPaper(ids[next]!);
    };
    const lastIndex = { current: 0 };
    const unsubscribe = useUiStore.subscribe((state) => {
      const at = state.selectedPaperId ? orderedRef.current.indexOf(state.selectedPaperId) : -1;
      if (at >= 0) lastIndex.current = at;
    });

    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const store = useUiStore.getState();
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key;
      const typing = isTypingTarget(event.target);

      if (mod && !event.altKey && !event.shiftKey && key.toLowerCase() === 'o') {
        event.preventDefault();
        importRef.current();
        return;
      }
      if (mod && !event.altKey && key.toLowerCase() === 'f') {
        event.preventDefault();
        focusElement('search-input');
        return;
      }
      if (store.shortcutsOpen) return; // the dialog handles its own keys
      if (typing) {
        if (key === 'Escape') {
          event.preventDefault();
          (event.target as HTMLElement).blur();
          focusElement('paper-list');
        }
        return;
      }
      if (mod && !event.altKey && key.toLowerCase() === 'a') {
        if (!isListView(store.view)) return;
        event.preventDefault();
        store.selectAll(orderedRef.current);
        return;
      }
      if (mod || event.altKey) return;
      const inDetail = event.target instanceof Element && !!event.target.closest('#paper-detail');
      const onControl = event.target instanceof HTMLButtonElement || event.target instanceof HTMLAnchorElement;

      switch (key) {
        case 'j':
        case 'J':
          move(1, event.shiftKey);
          break;
        case 'k':
        case 'K':
          move(-1, event.shiftKey);
          break;
        case 'ArrowDown':
        case 'ArrowUp':
          if (inDetail || (onControl && !(event.target as Element).closest('#paper-list'))) return;
          move(key === 'ArrowDown' ? 1 : -1, event.shiftKey);
          break;
        case 'Home':
        case 'End': {
          if (inDetail) return;
          const ids = orderedRef.current;
          const id = key === 'Home' ? ids[0] : ids[ids.length - 1];
          if (id) store.selectPaper(id);
          break;
        }
        case 'Enter':
          if (onControl || !store.selectedPaperId) return;
          focusElement('paper-detail');
          break;
        case 's':
          void starTargets();
          break;
        case 'r':
          void cycleTargetsStatus();
          break;
        case 't':
          if (!store.selectedPaperId) return;
          focusElement('tag-input');
          break;
        case 'n':
          if (!store.selectedPaperId) return;
          focusElement('notes-input');
          break;
        case '/':
          focusElement('search-input');
          break;
        case '?':
          store.setShortcutsOpen(true);
          break;
        case 'Delete':
        case 'Backspace':
          if (!isListView(store.view)) return;
          void deleteTargets(orderedRef.current);
          break;
        case 'Escape':
          if (inDetail) focusElement('paper-list');
          else if (store.selectedIds.length > 1) store.collapseSelection();
          else if (store.query) store.setQuery('');
          else return;
          break;
        default:
          return;
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      unsubscribe();
    };
  }, []);
}
