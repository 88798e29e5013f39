// Export's place in the app: the toolbar button, Ctrl/Cmd+E, File → Export… (a menu command from
// main), the dialog, and the synced .bib follower that runs for as long as the window does.

import { useEffect, useState } from 'react';
import { api } from '../api';
import { ExportDialog } from '../components/ExportDialog';
import { getDb } from '../db/ShelfmarkDb';
import { useUiStore } from '../store';
import { setBibSyncStatus, startBibSyncRunner } from './bibSyncRunner';

export interface ExportFeatureProps {
  /** The ids the list shows now (view + search), in order. */
  viewIds: readonly string[];
  viewLabel: string;
}

export function ExportFeature({ viewIds, viewLabel }: ExportFeatureProps) {
  const [open, setOpen] = useState(false);
  const isMac = navigator.platform.toLowerCase().includes('mac');

  useEffect(() => {
    const bridge = api();
    const offMenu = bridge.on('menu:command', ({ command }) => {
      if (command === 'export') setOpen(true);
    });
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'e') {
        event.preventDefault();
        setOpen(true);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    const stopSync = startBibSyncRunner({
      db: getDb(),
      bridge,
      onStatus: setBibSyncStatus,
      onError: (message) => useUiStore.getState().pushError(message),
    });
    return () => {
      offMenu();
      window.removeEventListener('keydown', onKeyDown);
      stopSync();
    };
  }, []);

  return (
    <>
      <button
        type="button"
        className="button"
        onClick={() => setOpen(true)}
        aria-keyshortcuts={isMac ? 'Meta+E' : 'Control+E'}
        aria-haspopup="dialog"
        data-testid="export-button"
      >
        Export…
        <kbd>{isMac ? '⌘E' : 'Ctrl+E'}</kbd>
      </button>
      <ExportDialog open={open} onClose={() => setOpen(false)} viewIds={viewIds} viewLabel={viewLabel} />
    </>
  );
}
