// Settings: the inbox folder (watched; new and changed files are imported as they appear) and
// the import size cap. Main keeps them in settings.json; the folder is only ever set through
// the native folder dialog.

import { useEffect, useRef, useState } from 'react';
import { MAX_IMPORT_MB_LIMIT, type SettingsView } from '../../shared/ipc';
import { api } from '../api';
import { useUiStore } from '../store';
import './importEngine.css';

/** The toolbar button and the dialog it opens. */
export function SettingsButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="button ghost"
        onClick={() => setOpen(true)}
        aria-label="Settings"
        title="Settings"
        data-testid="settings-button"
      >
        ⚙
      </button>
      <SettingsDialog open={open} onClose={() => setOpen(false)} />
    </>
  );
}

export function SettingsDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [view, setView] = useState<SettingsView | null>(null);
  const [capText, setCapText] = useState('');

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const bridge = api();
    const show = (next: SettingsView) => {
      setView(next);
      setCapText(String(next.settings.maxImportMb));
    };
    void bridge.getSettings().then(show, report);
    return bridge.on('settings:changed', show);
  }, [open]);

  const apply = (change: Promise<SettingsView>) =>
    void change.then((next) => {
      setView(next);
      setCapText(String(next.settings.maxImportMb));
    }, report);

  const saveCap = () => {
    const value = Number(capText);
    if (!view || value === view.settings.maxImportMb) return;
    if (!Number.isInteger(value) || value < 1 || value > MAX_IMPORT_MB_LIMIT) {
      setCapText(String(view.settings.maxImportMb));
      report(new Error(`The size limit must be a whole number of MB from 1 to ${MAX_IMPORT_MB_LIMIT}.`));
      return;
    }
    apply(api().updateSettings({ maxImportMb: value }));
  };

  const inbox = view?.inbox;
  return (
    <dialog
      ref={ref}
      className="dialog ie-settings"
      aria-labelledby="settings-title"
      data-testid="settings-dialog"
      onClose={onClose}
    >
      <h2 id="settings-title">Settings</h2>
      <section aria-labelledby="inbox-title">
        <h3 id="inbox-title">Inbox folder</h3>
        <p className="dialog-note">
          Digests saved or copied into this folder are imported as they appear, each file once. Files already there are
          imported when Shelfmark starts.
        </p>
        <p className="ie-folder" data-testid="inbox-folder">
          {view?.settings.inboxFolder ?? <span className="muted">No folder chosen</span>}
        </p>
        {inbox?.state === 'watching' && (
          <p className="ie-status" data-testid="inbox-status">
            Watching for new digests
          </p>
        )}
        {inbox?.state === 'error' && (
          <p className="ie-error" role="alert" data-testid="inbox-status">
            {inbox.message}
          </p>
        )}
        <div className="ie-actions">
          <button
            type="button"
            className="button"
            onClick={() => apply(api().chooseInboxFolder())}
            data-testid="choose-inbox"
          >
            Choose Folder…
          </button>
          {view?.settings.inboxFolder && (
            <button
              type="button"
              className="button"
              onClick={() => apply(api().updateSettings({ inboxFolder: null }))}
              data-testid="clear-inbox"
            >
              Stop Watching
            </button>
          )}
        </div>
      </section>
      <section aria-labelledby="cap-title">
        <h3 id="cap-title">Largest file to import</h3>
        <label className="ie-cap">
          <input
            type="number"
            min={1}
            max={MAX_IMPORT_MB_LIMIT}
            step={1}
            value={capText}
            onChange={(event) => setCapText(event.target.value)}
            onBlur={saveCap}
            onKeyDown={(event) => {
              if (event.key === 'Enter') saveCap();
            }}
            aria-describedby="cap-note"
            data-testid="size-cap"
          />{' '}
          MB
        </label>
        <p id="cap-note" className="dialog-note">
          Larger files are refused before they are read.
        </p>
      </section>
      <button type="button" className="button primary" onClick={onClose}>
        Close
      </button>
    </dialog>
  );
}

function report(error: unknown): void {
  useUiStore.getState().pushError(`Settings: ${error instanceof Error ? error.message : String(error)}`);
}
