import { useCallback, useEffect, useMemo } from 'react';
import { api } from './api';
import { PaperDetail } from './components/PaperDetail';
import { PaperList } from './components/PaperList';
import { Notices } from './components/Notices';
import { getDb } from './db/ShelfmarkDb';
import { usePaperIds } from './db/queries';
import { createImportPump } from './importFlow';
import { useUiStore } from './store';

export function App() {
  const ids = usePaperIds();
  const selectedPaperId = useUiStore((s) => s.selectedPaperId);
  const importing = useUiStore((s) => s.importing);

  const pump = useMemo(() => {
    const { pushImportSummary, pushError } = useUiStore.getState();
    return createImportPump(getDb(), api(), { onSummary: pushImportSummary, onError: pushError });
  }, []);

  const runImportDialog = useCallback(async () => {
    const { setImporting, pushError } = useUiStore.getState();
    setImporting(true);
    try {
      await api().chooseImportFiles();
      await pump();
    } catch (error) {
      pushError(`Import failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setImporting(false);
    }
  }, [pump]);

  useEffect(() => {
    const bridge = api();
    const offAvailable = bridge.on('import:available', () => void pump());
    const offMenu = bridge.on('menu:command', ({ command }) => {
      if (command === 'import') void runImportDialog();
    });
    void pump(); // files queued before the window was ready
    return () => {
      offAvailable();
      offMenu();
    };
  }, [pump, runImportDialog]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 'o') {
        event.preventDefault();
        void runImportDialog();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [runImportDialog]);

  const isMac = navigator.platform.toLowerCase().includes('mac');
  return (
    <div className="app">
      <header className="toolbar">
        <h1 className="brand">Shelfmark</h1>
        <span className="toolbar-count" data-testid="paper-count">
          {ids ? `${ids.length} ${ids.length === 1 ? 'paper' : 'papers'}` : ''}
        </span>
        <div className="toolbar-spacer" />
        <button
          type="button"
          className="button primary"
          onClick={() => void runImportDialog()}
          disabled={importing}
          aria-keyshortcuts={isMac ? 'Meta+O' : 'Control+O'}
          data-testid="import-button"
        >
          {importing ? 'Importing…' : 'Import Digest…'}
          <kbd>{isMac ? '⌘O' : 'Ctrl+O'}</kbd>
        </button>
      </header>
      <main className="panes">
        {ids === undefined ? (
          <div className="loading" aria-busy="true">
            Opening your library…
          </div>
        ) : ids.length === 0 ? (
          <EmptyLibrary onImport={() => void runImportDialog()} />
        ) : (
          <>
            <PaperList ids={ids} />
            <PaperDetail id={selectedPaperId} />
          </>
        )}
      </main>
      <Notices />
    </div>
  );
}

function EmptyLibrary({ onImport }: { onImport(): void }) {
  return (
    <section className="empty" aria-label="Empty library">
      <h2>Your library is empty</h2>
      <p>
        Import a paper digest, such as a saved Hugging Face Daily Papers page, to start your reading list. Shelfmark
        keeps everything on this computer.
      </p>
      <button type="button" className="button primary" onClick={onImport}>
        Import Digest…
      </button>
    </section>
  );
}
