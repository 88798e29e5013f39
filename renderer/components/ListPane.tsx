import { memo, useEffect } from 'react';
import { READING_STATUSES } from '../../shared/model';
import { deleteTargets, setTargetsStatus, starTargets, tagTargets } from '../actions';
import { normalizeTag } from '../db/paperRepository';
import type { IndexStatus } from '../search/searchClient';
import type { ParsedQuery } from '../search/tokenize';
import { useUiStore } from '../store';
import { type ResultOrder, SORT_KEYS, SORT_LABELS, STATUS_LABELS } from '../views';
import { listShownEmpty } from '../perfMarks';
import { PaperList } from './PaperList';

interface ListPaneProps {
  title: string;
  ids: string[] | undefined;
  /** False while only the first page of a large view has loaded. */
  complete: boolean;
  searching: boolean;
  query: ParsedQuery | null;
  indexStatus: IndexStatus;
}

/**
 * The middle pane: what is listed, its order, bulk actions for a multi-selection, the list.
 * Memoized: a keystroke in the search box renders the box, not the list of the results before it.
 */
export const ListPane = memo(function ListPane({ title, ids, complete, searching, query, indexStatus }: ListPaneProps) {
  const sort = useUiStore((s) => s.sort);
  const searchOrder = useUiStore((s) => s.searchOrder);
  const setSort = useUiStore((s) => s.setSort);
  const selectedCount = useUiStore((s) => s.selectedIds.length);
  const view = useUiStore((s) => s.view);
  const order: ResultOrder = searching ? searchOrder : sort;
  const options: ResultOrder[] = searching ? ['relevance', ...SORT_KEYS] : [...SORT_KEYS];
  const shownEmpty = ids !== undefined && ids.length === 0;
  useEffect(() => {
    if (shownEmpty) listShownEmpty();
  }, [shownEmpty]);

  return (
    <section className="list-pane" aria-label="Paper list">
      <header className="list-header">
        <div className="list-title">
          <h2>{searching ? `Search in ${title}` : title}</h2>
          <span className="list-count" data-testid="list-count" aria-live="polite">
            {ids === undefined
              ? '…'
              : complete
                ? `${ids.length} ${ids.length === 1 ? 'paper' : 'papers'}`
                : `${ids.length}+ papers, counting…`}
            {searching && indexStatus.state === 'building' && (
              <span className="muted">
                {' '}
                · indexing {indexStatus.indexed} of {indexStatus.total}
              </span>
            )}
          </span>
        </div>
        <DismissedToggle />
        {view === 'reading' && !searching ? (
          <span className="queue-hint" data-testid="queue-hint">
            Your order: drag or <kbd>m</kbd>
          </span>
        ) : (
          <label className="sort-label">
            <span className="sr-only">Sort by</span>
            <select
              className="select"
              value={order}
              onChange={(event) => setSort(event.target.value as ResultOrder)}
              data-testid="sort-select"
              aria-label="Sort by"
            >
              {options.map((key) => (
                <option key={key} value={key}>
                  {SORT_LABELS[key]}
                </option>
              ))}
            </select>
          </label>
        )}
      </header>
      {selectedCount > 1 && <BulkBar count={selectedCount} ids={ids ?? []} />}
      {indexStatus.state === 'error' && searching && (
        <p className="inline-error" role="alert">
          Search is unavailable: {indexStatus.message}
        </p>
      )}
      {ids === undefined ? (
        <div className="list-state loading" aria-busy="true">
          {searching ? 'Searching…' : 'Loading papers…'}
        </div>
      ) : ids.length === 0 ? (
        <div className="list-state" data-testid="list-empty">
          {searching ? 'No paper matches every word.' : 'Nothing here yet.'}
        </div>
      ) : (
        <PaperList ids={ids} label={title} query={query} />
      )}
    </section>
  );
});

function BulkBar({ count, ids }: { count: number; ids: string[] }) {
  const collapse = useUiStore((s) => s.collapseSelection);
  return (
    <div className="bulk-bar" role="toolbar" aria-label={`${count} papers selected`} data-testid="bulk-bar">
      <span className="bulk-count">{count} selected</span>
      <button type="button" className="button small" onClick={() => void starTargets(true)}>
        ★ Star
      </button>
      <button type="button" className="button small" onClick={() => void starTargets(false)}>
        ☆ Unstar
      </button>
      <select
        className="select small"
        aria-label="Set status of selected papers"
        value=""
        data-testid="bulk-status"
        onChange={(event) => {
          const status = event.target.value;
          if ((READING_STATUSES as readonly string[]).includes(status)) void setTargetsStatus(status as never);
        }}
      >
        <option value="" disabled>
          Status…
        </option>
        {READING_STATUSES.map((s) => (
          <option key={s} value={s}>
            {STATUS_LABELS[s]}
          </option>
        ))}
      </select>
      <form
        className="bulk-tag"
        onSubmit={(event) => {
          event.preventDefault();
          const input = event.currentTarget.elements.namedItem('tag') as HTMLInputElement;
          const tag = normalizeTag(input.value);
          if (tag) void tagTargets(tag);
          input.value = '';
        }}
      >
        <input
          name="tag"
          className="tag-input small"
          placeholder="Tag…"
          aria-label="Tag selected papers"
          data-testid="bulk-tag"
        />
      </form>
      <button
        type="button"
        className="button small"
        onClick={() => void setTargetsStatus('dismissed')}
        aria-keyshortcuts="x"
        data-testid="bulk-dismiss"
      >
        Dismiss
      </button>
      <button
        type="button"
        className="button small"
        onClick={() => void setTargetsStatus('unread')}
        data-testid="bulk-restore"
        title="Back to the Inbox"
      >
        Restore
      </button>
      <button
        type="button"
        className="button small danger"
        onClick={() => void deleteTargets(ids)}
        data-testid="bulk-delete"
      >
        Delete
      </button>
      <button type="button" className="button small ghost" onClick={collapse} aria-label="Clear selection">
        Clear
      </button>
    </div>
  );
}

/** Whether lists and search include dismissed papers (shown dimmed). */
function DismissedToggle() {
  const show = useUiStore((s) => s.showDismissed);
  const setShow = useUiStore((s) => s.setShowDismissed);
  return (
    <label className="dismissed-filter">
      <input
        type="checkbox"
        checked={show}
        onChange={(event) => setShow(event.target.checked)}
        data-testid="show-dismissed"
      />
      Show dismissed
    </label>
  );
}
