// What the sidebar can show and how a list can be ordered: plain strings, so they persist as
// preferences and cross the worker boundary unchanged.

import type { ReadingStatus } from '../shared/model';

export type ListViewId =
  'inbox' | 'reading' | 'read' | 'dismissed' | 'starred' | 'all' | `tag:${string}` | `digest:${string}`;
/** `triage:<digestId>`: one digest's papers, one at a time (renderer/triage). */
export type PageViewId = 'stats' | 'history' | `triage:${string}`;
export type ViewId = ListViewId | PageViewId;

export const SORT_KEYS = ['digestDate', 'added', 'title', 'touched'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
/** Search results can also be ordered by how well they match. */
export type ResultOrder = SortKey | 'relevance';

export const SORT_LABELS: Record<ResultOrder, string> = {
  relevance: 'Best match',
  digestDate: 'Digest date',
  added: 'Date added',
  title: 'Title',
  touched: 'Last touched',
};

export const STATUS_LABELS: Record<ReadingStatus, string> = {
  unread: 'Unread',
  reading: 'Reading',
  read: 'Read',
  dismissed: 'Dismissed',
};

export function isListView(view: ViewId): view is ListViewId {
  return view !== 'stats' && view !== 'history' && !view.startsWith('triage:');
}

/** The digest a triage view is for, or null. */
export function triageDigestId(view: ViewId): string | null {
  return view.startsWith('triage:') ? view.slice(7) : null;
}

/** The reading status a view is limited to, if any. */
export function viewStatus(view: ListViewId): ReadingStatus | null {
  if (view === 'inbox') return 'unread';
  if (view === 'reading' || view === 'read' || view === 'dismissed') return view;
  return null;
}

export function viewTitle(view: ViewId): string {
  if (view.startsWith('tag:')) return `#${view.slice(4)}`;
  if (view.startsWith('digest:')) return 'Digest';
  if (view.startsWith('triage:')) return 'Triage';
  const titles: Record<string, string> = {
    inbox: 'Inbox',
    reading: 'Reading',
    read: 'Read',
    dismissed: 'Dismissed',
    starred: 'Starred',
    all: 'All papers',
    stats: 'Stats',
    history: 'Import history',
  };
  return titles[view] ?? view;
}
