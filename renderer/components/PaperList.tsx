import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { usePaper } from '../db/queries';
import { firstLine, formatDigestDate } from '../format';
import { useUiStore } from '../store';

const ROW_HEIGHT = 76;

/** The library, newest digest first. Only visible rows are loaded and rendered. */
export function PaperList({ ids }: { ids: string[] }) {
  const parentRef = useRef<HTMLDivElement>(null);
  const selectedPaperId = useUiStore((s) => s.selectedPaperId);
  const selectPaper = useUiStore((s) => s.selectPaper);
  // eslint-disable-next-line react-hooks/incompatible-library -- the list re-renders with its data; nothing is memoized
  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement: () => parentRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const selectedIndex = selectedPaperId ? ids.indexOf(selectedPaperId) : -1;

  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  const move = (delta: number) => {
    if (ids.length === 0) return;
    const next = Math.min(ids.length - 1, Math.max(0, (selectedIndex < 0 ? -1 : selectedIndex) + delta));
    selectPaper(ids[next]!);
  };

  return (
    <div
      ref={parentRef}
      className="paper-list"
      role="listbox"
      aria-label={`Library, ${ids.length} papers`}
      aria-activedescendant={selectedPaperId ? rowDomId(selectedPaperId) : undefined}
      tabIndex={0}
      data-testid="paper-list"
      onKeyDown={(event) => {
        if (event.key === 'ArrowDown' || event.key === 'j') {
          event.preventDefault();
          move(1);
        } else if (event.key === 'ArrowUp' || event.key === 'k') {
          event.preventDefault();
          move(-1);
        } else if (event.key === 'Home') {
          event.preventDefault();
          if (ids[0]) selectPaper(ids[0]);
        } else if (event.key === 'End') {
          event.preventDefault();
          const last = ids[ids.length - 1];
          if (last) selectPaper(last);
        }
      }}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => (
          <PaperRow
            key={ids[item.index]}
            id={ids[item.index]!}
            top={item.start}
            selected={ids[item.index] === selectedPaperId}
            onSelect={selectPaper}
          />
        ))}
      </div>
    </div>
  );
}

function rowDomId(id: string): string {
  return `paper-row-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

function PaperRow(props: { id: string; top: number; selected: boolean; onSelect(id: string): void }) {
  const paper = usePaper(props.id);
  return (
    <div
      id={rowDomId(props.id)}
      role="option"
      aria-selected={props.selected}
      className={`paper-row${props.selected ? ' selected' : ''}`}
      data-testid="paper-row"
      style={{ transform: `translateY(${props.top}px)`, height: ROW_HEIGHT }}
      onClick={() => props.onSelect(props.id)}
    >
      {paper ? (
        <>
          <div className="paper-row-head">
            <span className="paper-row-title">{paper.title}</span>
            <span className="paper-row-date">{formatDigestDate(paper.lastDigestDate)}</span>
          </div>
          {paper.authors.length > 0 && (
            <div className="paper-row-authors">
              {paper.authors.slice(0, 3).join(', ')}
              {paper.authors.length > 3 ? ' et al.' : ''}
            </div>
          )}
          <div className="paper-row-abstract">{firstLine(paper.abstract)}</div>
        </>
      ) : (
        <div className="paper-row-placeholder" aria-hidden="true" />
      )}
    </div>
  );
}
