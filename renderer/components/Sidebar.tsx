import { memo } from 'react';
import { useDigests, useTagCounts, useViewCounts, type ViewCounts } from '../db/queries';
import { formatDigestDate } from '../format';
import { useUntriagedCounts } from '../triage/hooks';
import '../triage/triage.css';
import { useUiStore } from '../store';
import type { ViewId } from '../views';

const VIEWS: { id: keyof ViewCounts; label: string; icon: string }[] = [
  { id: 'inbox', label: 'Inbox', icon: '◌' },
  { id: 'reading', label: 'Reading', icon: '◐' },
  { id: 'read', label: 'Read', icon: '●' },
  { id: 'dismissed', label: 'Dismissed', icon: '⊘' },
  { id: 'starred', label: 'Starred', icon: '★' },
  { id: 'all', label: 'All papers', icon: '☰' },
];

/** Views, tags and digests; the current one is marked for screen readers with aria-current. */
export const Sidebar = memo(function Sidebar() {
  const view = useUiStore((s) => s.view);
  const setView = useUiStore((s) => s.setView);
  const counts = useViewCounts();
  const tags = useTagCounts();
  const digests = useDigests();
  const untriaged = useUntriagedCounts();

  const item = (id: ViewId, label: string, count: number | undefined, icon?: string) => (
    <li key={id}>
      <button
        type="button"
        className={`sidebar-item${view === id ? ' active' : ''}`}
        aria-current={view === id ? 'page' : undefined}
        onClick={() => setView(id)}
        data-testid={`view-${id}`}
      >
        {icon && (
          <span className="sidebar-icon" aria-hidden="true">
            {icon}
          </span>
        )}
        <span className="sidebar-label">{label}</span>
        {count !== undefined && (
          <span className="sidebar-count" aria-label={`${count} papers`}>
            {count}
          </span>
        )}
      </button>
    </li>
  );

  return (
    <nav className="sidebar" aria-label="Library views" data-testid="sidebar">
      <ul className="sidebar-list">{VIEWS.map((v) => item(v.id, v.label, counts?.[v.id], v.icon))}</ul>

      <h2 className="sidebar-heading" id="sidebar-tags">
        Tags
      </h2>
      {tags && tags.length === 0 && <p className="sidebar-hint">Press t on a paper to tag it.</p>}
      <ul className="sidebar-list" aria-labelledby="sidebar-tags">
        {tags?.map((t) => item(`tag:${t.tag}`, `#${t.tag}`, t.count))}
      </ul>

      <h2 className="sidebar-heading" id="sidebar-digests">
        Digests
      </h2>
      <ul className="sidebar-list" aria-labelledby="sidebar-digests">
        {digests?.map((d) => (
          <DigestItem
            key={d.id}
            id={d.id}
            label={formatDigestDate(d.date)}
            papers={d.papersInLibrary}
            untriaged={untriaged?.get(d.id)}
            current={view === `digest:${d.id}` || view === `triage:${d.id}`}
            onOpen={() => setView(`digest:${d.id}`)}
            onTriage={() => setView(`triage:${d.id}`)}
          />
        ))}
      </ul>

      <h2 className="sidebar-heading" id="sidebar-more">
        Library
      </h2>
      <ul className="sidebar-list" aria-labelledby="sidebar-more">
        {item('history', 'Import history', undefined, '⇣')}
        {item('stats', 'Stats', undefined, '▥')}
      </ul>
    </nav>
  );
});

interface DigestItemProps {
  id: string;
  label: string;
  /** Papers of the digest in the library; undefined while counting. */
  papers: number | undefined;
  /** Papers still to triage; undefined while counting. */
  untriaged: number | undefined;
  current: boolean;
  onOpen(): void;
  onTriage(): void;
}

/** A digest: its papers as a list, how many are left to triage (✓ when none), and Triage. */
function DigestItem({ id, label, papers, untriaged, current, onOpen, onTriage }: DigestItemProps) {
  const done = untriaged === 0;
  return (
    <li className="sidebar-digest" data-testid="sidebar-digest" data-digest-id={id}>
      <button
        type="button"
        className={`sidebar-item${current ? ' active' : ''}`}
        aria-current={current ? 'page' : undefined}
        onClick={onOpen}
        data-testid={`view-digest:${id}`}
      >
        <span className="sidebar-label">{label}</span>
        {done ? (
          <span
            className="sidebar-count digest-done"
            role="img"
            aria-label={`Triaged, ${papers ?? 0} papers`}
            data-testid="digest-done"
          >
            ✓
          </span>
        ) : (
          <span
            className="sidebar-count untriaged"
            aria-label={
              untriaged === undefined || papers === undefined
                ? 'counting papers'
                : `${untriaged} of ${papers} papers to triage`
            }
            data-testid="digest-untriaged"
          >
            {untriaged ?? '…'}
          </span>
        )}
      </button>
      {!done && (
        <button
          type="button"
          className="sidebar-triage"
          onClick={onTriage}
          aria-label={`Triage the digest of ${label}`}
          title="Triage one paper at a time"
          data-testid="digest-triage"
        >
          ▶
        </button>
      )}
    </li>
  );
}
