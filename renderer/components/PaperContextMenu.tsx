// The list's context menu for one paper (right-click, Shift+F10 or the context-menu key on a row):
// copy its citation key or its BibTeX entry. A WAI-ARIA menu: arrows move, Enter acts, Esc or Tab
// closes and focus goes back to where it was.

import { type KeyboardEvent, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { copyBibtexEntry, copyCitationKey } from '../export/exportActions';
import '../export/export.css';

export interface PaperContextMenuState {
  paperId: string;
  /** Viewport coordinates of the pointer (or of the row, from the keyboard). */
  x: number;
  y: number;
}

interface Item {
  label: string;
  testId: string;
  run(id: string): Promise<void>;
}

const ITEMS: Item[] = [
  { label: 'Copy citation key', testId: 'menu-copy-key', run: copyCitationKey },
  { label: 'Copy BibTeX entry', testId: 'menu-copy-bibtex', run: copyBibtexEntry },
];

/** The menu opened for the focused row from the keyboard: Shift+F10 or the context-menu key. */
export function isContextMenuKey(event: { key: string; shiftKey: boolean }): boolean {
  return event.key === 'ContextMenu' || (event.shiftKey && event.key === 'F10');
}

export function PaperContextMenu({ menu, onClose }: { menu: PaperContextMenuState; onClose(): void }) {
  const ref = useRef<HTMLDivElement>(null);
  const [position, setPosition] = useState({ left: menu.x, top: menu.y });
  const returnTo = useRef<Element | null>(null);

  useLayoutEffect(() => {
    returnTo.current = document.activeElement;
    const element = ref.current;
    if (!element) return;
    // Keep the whole menu on screen.
    const { width, height } = element.getBoundingClientRect();
    setPosition({
      left: Math.max(4, Math.min(menu.x, window.innerWidth - width - 4)),
      top: Math.max(4, Math.min(menu.y, window.innerHeight - height - 4)),
    });
    element.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [menu.x, menu.y]);

  useEffect(() => {
    const close = (event: Event) => {
      if (ref.current && event.target instanceof Node && ref.current.contains(event.target)) return;
      onClose();
    };
    window.addEventListener('pointerdown', close, true);
    window.addEventListener('blur', onClose);
    window.addEventListener('resize', onClose);
    return () => {
      window.removeEventListener('pointerdown', close, true);
      window.removeEventListener('blur', onClose);
      window.removeEventListener('resize', onClose);
    };
  }, [onClose]);

  const closeAndReturn = () => {
    onClose();
    if (returnTo.current instanceof HTMLElement) returnTo.current.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // The menu's keys are its own: the list's single-letter shortcuts must not act meanwhile.
    event.stopPropagation();
    const items = [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    const focus = (index: number) => items[(index + items.length) % items.length]?.focus();
    switch (event.key) {
      case 'ArrowDown':
        focus(at + 1);
        break;
      case 'ArrowUp':
        focus(at - 1);
        break;
      case 'Home':
        focus(0);
        break;
      case 'End':
        focus(items.length - 1);
        break;
      case 'Escape':
      case 'Tab':
        closeAndReturn();
        break;
      default:
        if (isContextMenuKey(event)) break;
        return;
    }
    event.preventDefault();
  };

  return (
    <div
      ref={ref}
      className="context-menu"
      role="menu"
      aria-label="Paper actions"
      style={{ left: position.left, top: position.top }}
      onKeyDown={onKeyDown}
      onContextMenu={(event) => event.preventDefault()}
      data-testid="paper-context-menu"
    >
      {ITEMS.map((item) => (
        <button
          key={item.testId}
          type="button"
          role="menuitem"
          tabIndex={-1}
          className="context-menu-item"
          data-testid={item.testId}
          onClick={() => {
            closeAndReturn();
            void item.run(menu.paperId);
          }}
        >
          {item.label}
        </button>
      ))}
    </div>
  );
}
