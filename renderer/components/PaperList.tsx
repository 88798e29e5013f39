import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { Paper } from '../../shared/model';
import { useWindowPapers } from '../db/queries';
import { firstLine, formatDigestDate, snippetAround } from '../format';
import { measureFromStartOnce, searchRowsShown } from '../perfMarks';
import { highlightRanges, type ParsedQuery } from '../search/tokenize';
import { useUiStore } from '../store';
import { STATUS_LABELS } from '../views';
import { useQueueDrag } from '../triage/useQueueDrag';
import { Highlighted } from './Highlighted';
import { isContextMenuKey, PaperContextMenu, type PaperContextMenuState } from './PaperContextMenu';

const ROW_HEIGHT = 86;
const rowHeight = () => ROW_HEIGHT;

export function rowDomId(id: string): string {
  return `paper-row-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/** The papers of the current view or search. Only visible rows are loaded and rendered. */
export function PaperList({ ids, label, query }: { ids: string[]; label: string; query: ParsedQuery | null }) {
  const parentRef = useRef<HTMLDivElement>(null);
  const selectedPaperId = useUiStore((s) => s.selectedPaperId);
  const selectedIds = useUiStore((s) => s.selectedIds);
  const selectedSet = useMemo(() => new Set(selectedIds), [selectedIds]);
  // eslint-disable-next-line react-hooks/incompatible-library -- the list re-renders with its data; nothing is memoized
  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement: () => parentRef.current,
    estimateSize: rowHeight,
    overscan: 6,
    // Rows are keyed by position (the default): every row has the same height and nothing is
    // measured, so when the ids change (each search keystroke, up to 100,000 of them) the
    // virtualizer's offset pass is plain arithmetic, without a string-keyed lookup per row.
    // React keys rows by paper id below.
  });
  const selectedIndex = useMemo(() => (selectedPaperId ? ids.indexOf(selectedPaperId) : -1), [ids, selectedPaperId]);
  const items = virtualizer.getVirtualItems();
  const rows = useWindowPapers(items.map((item) => ids[item.index]!));
  // a search is measured once its rows show (renderer/perfMarks)
  useLayoutEffect(() => searchRowsShown());

  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  // Context menu: right-click on a row, or Shift+F10 / the context-menu key for the focused row.
  const [menu, setMenu] = useState<PaperContextMenuState | null>(null);
  const closeMenu = useCallback(() => setMenu(null), []);

  const drag = useQueueDrag(ids);

  return (
    <div
      ref={parentRef}
      {...drag.handlers}
      id="paper-list"
      className="paper-list"
      role="listbox"
      aria-multiselectable="true"
      aria-label={`${label}, ${ids.length} ${ids.length === 1 ? 'paper' : 'papers'}`}
      aria-activedescendant={selectedIndex >= 0 && selectedPaperId ? rowDomId(selectedPaperId) : undefined}
      tabIndex={0}
      data-testid="paper-list"
      onContextMenu={(event) => {
        const row = event.target instanceof Element ? event.target.closest<HTMLElement>('[data-paper-id]') : null;
        const id = row?.dataset.paperId;
        if (!id) return;
        event.preventDefault();
        if (!useUiStore.getState().selectedIds.includes(id)) useUiStore.getState().selectPaper(id);
        setMenu({ paperId: id, x: event.clientX, y: event.clientY });
      }}
      onKeyDown={(event) => {
        if (!isContextMenuKey(event) || !selectedPaperId) return;
        event.preventDefault();
        const rect = document.getElementById(rowDomId(selectedPaperId))?.getBoundingClientRect();
        const box = rect ?? event.currentTarget.getBoundingClientRect();
        setMenu({ paperId: selectedPaperId, x: box.left + 24, y: box.top + Math.min(box.height, ROW_HEIGHT) / 2 });
      }}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const id = ids[item.index]!;
          return (
            <PaperRow
              key={id}
              id={id}
              paper={rows.get(id)}
              top={item.start}
              focused={id === selectedPaperId}
              selected={selectedSet.has(id)}
              query={query}
              ids={ids}
              position={item.index + 1}
              total={ids.length}
              reorderable={drag.enabled}
              dragging={drag.dragging === id}
              dropBefore={drag.dropBefore === id}
            />
          );
        })}
      </div>
      {/* In a portal: a menu is no option of the listbox, and the list's scrolling must not clip it. */}
      {menu && createPortal(<PaperContextMenu menu={menu} onClose={closeMenu} />, document.body)}
    </div>
  );
}

interface RowProps {
  id: string;
  paper: Paper | undefined;
  top: number;
  focused: boolean;
  selected: boolean;
  query: ParsedQuery | null;
  ids: string[];
  position: number;
  total: number;
  /** Reading queue: the row can be dragged to another place. */
  reorderable?: boolean;
  dragging?: boolean;
  dropBefore?: boolean;
}

const PaperRow = memo(function PaperRow(props: RowProps) {
  const { paper } = props;
  useEffect(() => {
    if (paper) measureFromStartOnce('list-first-paint');
  }, [paper]);
  return (
    <div
      id={rowDomId(props.id)}
      role="option"
      aria-selected={props.selected}
      aria-posinset={props.position}
      aria-setsize={props.total}
      className={
        `paper-row${props.selected ? ' selected' : ''}${props.focused ? ' focused' : ''}` +
        `${paper?.status === 'dismissed' ? ' dismissed' : ''}${props.dragging ? ' dragging' : ''}` +
        `${props.dropBefore ? ' drop-before' : ''}`
      }
      draggable={props.reorderable || undefined}
      data-testid="paper-row"
      data-paper-id={props.id}
      style={{ transform: `translateY(${props.top}px)`, height: ROW_HEIGHT }}
      onClick={(event) => {
        const store = useUiStore.getState();
        if (event.shiftKey) store.selectRange(props.id, props.ids);
        else if (event.ctrlKey || event.metaKey) store.toggleSelected(props.id);
        else store.selectPaper(props.id);
      }}
    >
      {paper ? (
        <RowContent paper={paper} query={props.query} />
      ) : (
        <div className="paper-row-placeholder" aria-hidden="true" />
      )}
    </div>
  );
});

function RowContent({ paper, query }: { paper: Paper; query: ParsedQuery | null }) {
  const authors = paper.authors.slice(0, 3).join(', ') + (paper.authors.length > 3 ? ' et al.' : '');
  // While searching, the preview starts near the first match so the highlight is visible.
  const abstractLine = useMemo(
    () =>
      query && query.terms.length > 0
        ? snippetAround(paper.abstract, highlightRanges(paper.abstract, query)[0]?.[0] ?? -1)
        : firstLine(paper.abstract),
    [paper.abstract, query],
  );
  return (
    <>
      <div className="paper-row-head">
        {paper.status === 'unread' && <span className="unread-dot" role="img" aria-label="Unread" />}
        {paper.starred === 1 && (
          <span className="paper-row-star" role="img" aria-label="Starred" data-testid="row-star">
            ★
          </span>
        )}
        <span className="paper-row-title" data-testid="row-title">
          <Highlighted text={paper.title} query={query} />
        </span>
        <span className="paper-row-date">{formatDigestDate(paper.lastDigestDate)}</span>
      </div>
      <div className="paper-row-meta">
        <span className={`status-pill status-${paper.status}`} data-testid="row-status" data-status={paper.status}>
          {STATUS_LABELS[paper.status]}
        </span>
        {paper.notes.trim() && (
          <span className="paper-row-note" role="img" aria-label="Has notes" title="Has notes" data-testid="row-note">
            ✎
          </span>
        )}
        {paper.tags.map((tag) => (
          <span key={tag} className="tag-chip small" data-testid="row-tag">
            #{tag}
          </span>
        ))}
        {authors && (
          <span className="paper-row-authors">
            <Highlighted text={authors} query={query} />
          </span>
        )}
      </div>
      <div className="paper-row-abstract">
        <Highlighted text={abstractLine} query={query} />
      </div>
    </>
  );
}
