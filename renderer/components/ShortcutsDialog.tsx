import { useEffect, useRef } from 'react';
import { SHORTCUTS } from '../shortcuts';
import { useUiStore } from '../store';

/** The ? dialog: a native modal <dialog> (focus trapped, Esc closes). */
export function ShortcutsDialog() {
  const open = useUiStore((s) => s.shortcutsOpen);
  const setOpen = useUiStore((s) => s.setShortcutsOpen);
  const ref = useRef<HTMLDialogElement>(null);
  const isMac = navigator.platform.toLowerCase().includes('mac');

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="shortcuts-title"
      data-testid="shortcuts-dialog"
      onClose={() => setOpen(false)}
    >
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <table className="shortcuts-table">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.action}>
              <td>
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && ' or '}
                    <kbd>{isMac ? k.replace('Ctrl+', '⌘') : k}</kbd>
                  </span>
                ))}
              </td>
              <td>{s.action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="dialog-note">Shortcuts are off while you type in a field; Esc leaves the field.</p>
      <button type="button" className="button primary" autoFocus onClick={() => setOpen(false)}>
        Close
      </button>
    </dialog>
  );
}
