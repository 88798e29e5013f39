import { Component, type ReactNode, useCallback, useDeferredValue, useEffect, useMemo } from 'react';
import { api } from './api';
import { DatabaseGate } from './backup/DatabaseGate';
import { DropZone } from './components/DropZone';
import { ImportHistory } from './components/ImportHistory';
import { ExportFeature } from './export/ExportFeature';
import { ImportProgress } from './components/ImportProgress';
import { SettingsButton } from './components/Settings';
import { ListPane } from './components/ListPane';
import { Notices } from './components/Notices';
import { PaneResizer } from './components/PaneResizer';
import { PaperDetail } from './components/PaperDetail';
import { recoverNoteJournal } from './components/NotesEditor';
import { ShortcutsDialog } from './components/ShortcutsDialog';
import { Sidebar } from './components/Sidebar';
import { StatsView } from './components/StatsView';
import { TriageView } from './components/TriageView';
import { useDismissedFilter } from './triage/hooks';
import { useTriageShortcuts } from './triage/keys';
import { emitLibraryChange } from './db/libraryEvents';
import { useDigests, useLibraryCount, useLibraryIsEmpty, useViewPaperIds } from './db/queries';
import { getDb } from './db/ShelfmarkDb';
import { createImportPump } from './importFlow';
import { measureFromStartOnce, useAfterFirstListPaint } from './perfMarks';
import { getSearchClient, useIndexStatus } from './search/searchClient';
import { parseQuery } from './search/tokenize';
import { isSearching, noteKeystroke, startSearch, useSearchResults } from './search/useSearchResults';
import { PANE_LIMITS, useUiStore } from './store';
import { useKeyboardShortcuts } from './useKeyboardShortcuts';
import { isListView, type ListViewId, triageDigestId, viewTitle } from './views';
import { formatDigestDate } from './format';

export function App() {
  return (
    <ErrorBoundary>
      <DatabaseGate>
        <Library />
      </DatabaseGate>
    </ErrorBoundary>
  );
}

function Library() {
  const count = useLibraryCount();
  const isEmpty = useLibraryIsEmpty();
  const importing = useUiStore((s) => s.importing);
  const view = useUiStore((s) => s.view);
  const sort = useUiStore((s) => s.sort);
  const searchOrder = useUiStore((s) => s.searchOrder);
  const query = useUiStore((s) => s.query);
  const selectedPaperId = useUiStore((s) => s.selectedPaperId);
  const paneWidths = useUiStore((s) => s.paneWidths);
  const setPaneWidth = useUiStore((s) => s.setPaneWidth);
  const setShortcutsOpen = useUiStore((s) => s.setShortcutsOpen);
  const indexStatus = useIndexStatus();
  // The sidebar and the open paper render a frame after the list's first rows.
  const afterListPaint = useAfterFirstListPaint();
  const restReady = afterListPaint || !isListView(view);

  const listView: ListViewId = isListView(view) ? view : 'all';
  const searching = isSearching(query);
  // The list's keys are read only while a list is on screen (not behind triage or stats).
  const viewIds = useViewPaperIds(listView, sort, isListView(view) && isEmpty === false);
  const outcome = useSearchResults(query, listView, searchOrder);
  const showDismissed = useUiStore((s) => s.showDismissed);
  // Until a new search's first results arrive, the list stays as it was (its rows are not
  // rendered away and back for the 10–20 ms the first answer takes).
  const ids = useDismissedFilter(
    searching ? (outcome?.ids ?? viewIds?.ids) : viewIds?.ids,
    listView,
    showDismissed,
    searching,
  );
  const complete = searching || (viewIds?.complete ?? false);
  // Highlights follow the results on screen, not the typing: a keystroke renders the search box
  // alone, and the list renders once, when its new results arrive (with their words marked).
  const shownQuery = searching ? outcome?.query : undefined;
  const parsedQuery = useMemo(() => (shownQuery !== undefined ? parseQuery(shownQuery) : null), [shownQuery]);
  // The open paper's highlights follow the same results, at low priority: the list answers first.
  const detailQuery = useDeferredValue(parsedQuery);
  const digests = useDigests();
  const title = listView.startsWith('digest:')
    ? `Digest of ${formatDigestDate(digests?.find((d) => `digest:${d.id}` === listView)?.date)}`
    : viewTitle(listView);

  const pump = useMemo(() => {
    const { pushImportSummary, pushError } = useUiStore.getState();
    return createImportPump(getDb(), api(), {
      onSummary: (summary) => {
        pushImportSummary(summary);
        emitLibraryChange({ sync: true });
      },
      onError: pushError,
    });
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
    void recoverNoteJournal().catch(() => undefined);
    return () => {
      offAvailable();
      offMenu();
    };
  }, [pump, runImportDialog]);

  // The search worker starts as soon as the library is known not to be empty: its saved index is
  // a file (OPFS) it reads while the list paints, and it reads the library only once ready. (A
  // first start with no saved index builds from the library at once.)
  useEffect(() => {
    if (isEmpty === false) getSearchClient();
  }, [isEmpty]);

  useTriageShortcuts();
  useKeyboardShortcuts(isListView(view) ? (ids ?? []) : [], () => void runImportDialog());

  const isMac = navigator.platform.toLowerCase().includes('mac');
  const gridTemplateColumns = `${paneWidths.sidebar}px 5px ${paneWidths.list}px 5px minmax(320px, 1fr)`;
  return (
    <div className="app">
      <header className="toolbar">
        <h1 className="brand">Shelfmark</h1>
        {isEmpty === false && (
          <div className="search" role="search">
            <input
              id="search-input"
              type="search"
              className="search-input"
              placeholder="Search titles, abstracts, authors, notes, tags"
              aria-label="Search papers"
              aria-keyshortcuts="/ Control+F"
              aria-controls="paper-list"
              autoComplete="off"
              spellCheck={false}
              value={query}
              data-testid="search-input"
              onChange={(event) => {
                noteKeystroke(event.target.value, event.timeStamp);
                startSearch(event.target.value, listView, searchOrder);
                useUiStore.getState().setQuery(event.target.value);
              }}
            />
            <kbd className="search-kbd" aria-hidden="true">
              /
            </kbd>
          </div>
        )}
        <span className="toolbar-count" data-testid="paper-count">
          {count !== undefined ? `${count} ${count === 1 ? 'paper' : 'papers'}` : ''}
        </span>
        <div className="toolbar-spacer" />
        <ExportFeature
          viewIds={isListView(view) ? (ids ?? []) : []}
          viewLabel={searching ? `Search in ${title}` : title}
        />
        <SettingsButton />
        <button
          type="button"
          className="button ghost"
          onClick={() => setShortcutsOpen(true)}
          aria-keyshortcuts="Shift+?"
          aria-label="Keyboard shortcuts"
          data-testid="shortcuts-button"
        >
          ?
        </button>
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
      {isEmpty === undefined ? (
        <main className="panes-state loading" aria-busy="true">
          Opening your library…
        </main>
      ) : isEmpty ? (
        <main className="panes-state">
          <EmptyLibrary onImport={() => void runImportDialog()} importing={importing} />
        </main>
      ) : (
        <main className="panes" style={{ gridTemplateColumns }}>
          {restReady ? <Sidebar /> : <nav className="sidebar" aria-label="Library views" aria-busy="true" />}
          <PaneResizer
            label="Resize sidebar"
            width={paneWidths.sidebar}
            min={PANE_LIMITS.sidebar[0]}
            max={PANE_LIMITS.sidebar[1]}
            onResize={(w) => setPaneWidth('sidebar', w)}
            testId="resize-sidebar"
          />
          {isListView(view) ? (
            <>
              <ListPane
                title={title}
                ids={ids}
                complete={complete}
                searching={searching}
                query={parsedQuery}
                indexStatus={indexStatus}
              />
              <PaneResizer
                label="Resize paper list"
                width={paneWidths.list}
                min={PANE_LIMITS.list[0]}
                max={PANE_LIMITS.list[1]}
                onResize={(w) => setPaneWidth('list', w)}
                testId="resize-list"
              />
              {restReady ? (
                <PaperDetail id={selectedPaperId} query={detailQuery} />
              ) : (
                <section className="detail" aria-label="Paper details" aria-busy="true" />
              )}
            </>
          ) : (
            <div className="page-pane">
              {view === 'stats' ? (
                <StatsView />
              ) : triageDigestId(view) ? (
                <TriageView key={view} digestId={triageDigestId(view)!} />
              ) : (
                <ImportHistory />
              )}
            </div>
          )}
        </main>
      )}
      <Notices />
      <ImportProgress />
      <DropZone />
      <ShortcutsDialog />
      <Announcer />
    </div>
  );
}

function Announcer() {
  const announcement = useUiStore((s) => s.announcement);
  return (
    <div className="sr-only" role="status" aria-live="polite" data-testid="announcer">
      <span key={announcement.id}>{announcement.text}</span>
    </div>
  );
}

function EmptyLibrary({ onImport, importing }: { onImport(): void; importing: boolean }) {
  useEffect(() => measureFromStartOnce('empty-state-paint'), []);
  return (
    <section className="empty" aria-labelledby="empty-title">
      <div className="empty-art" aria-hidden="true">
        ▤
      </div>
      <h2 id="empty-title">Your library is empty</h2>
      <p>
        Import a paper digest, such as a saved Hugging Face Daily Papers page or an arXiv listing e-mail, to start your
        reading list. Click <strong>Import Digest…</strong>, press <kbd>Ctrl+O</kbd>, or drag digest files onto this
        window.
      </p>
      <p>
        Shelfmark keeps everything on this computer. Press <kbd>?</kbd> any time for keyboard shortcuts.
      </p>
      <button type="button" className="button primary" onClick={onImport} disabled={importing}>
        {importing ? 'Importing…' : 'Import Digest…'}
      </button>
    </section>
  );
}

class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <main className="panes-state" role="alert">
        <section className="empty">
          <h2>Shelfmark could not open your library</h2>
          <p>{this.state.error.message}</p>
          <p>Your papers are still on disk. Reloading usually helps; if it does not, restart Shelfmark.</p>
          <button type="button" className="button primary" onClick={() => window.location.reload()}>
            Reload
          </button>
        </section>
      </main>
    );
  }
}
