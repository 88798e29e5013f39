// Live reads for triage and the dismissed filter (keys only, never rows).

import Dexie from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { useLibraryFacts } from '../db/queries';
import { getDb } from '../db/ShelfmarkDb';
import type { ListViewId } from '../views';

/** Untriaged papers per digest id (from the in-memory library facts). */
export function useUntriagedCounts(): ReadonlyMap<string, number> | undefined {
  return useLibraryFacts((facts) => facts.untriagedCounts());
}

/** Dismissed ids read from IndexedDB, only while the library facts are not loaded yet. */
function useDismissedIdsFallback(enabled: boolean): ReadonlySet<string> | undefined {
  return useLiveQuery(async () => {
    if (!enabled) return new Set<string>();
    const ids = (await getDb()
      .papers.where('[status+listOrder]')
      .between(['dismissed', Dexie.minKey], ['dismissed', Dexie.maxKey], true, true)
      .primaryKeys()) as string[];
    return new Set(ids);
  }, [enabled]);
}

/**
 * The list's ids without dismissed papers when the person hides them (the Dismissed view always
 * shows them; views limited to another status never hold any).
 */
export function useDismissedFilter(
  ids: string[] | undefined,
  view: ListViewId,
  showDismissed: boolean,
  searching: boolean,
): string[] | undefined {
  const applies = !showDismissed && view !== 'dismissed' && (searching || !['inbox', 'reading', 'read'].includes(view));
  const fromFacts = useLibraryFacts((facts) => facts.dismissedIds());
  // only while there is a list to filter, and only when the dismissed set changed
  const version = useLibraryFacts((facts) => (applies && ids ? facts.dismissedVersion : -1));
  const fallback = useDismissedIdsFallback(applies && !fromFacts);
  const dismissed = fromFacts ?? fallback;
  return useMemo(() => {
    if (!applies || !ids || !dismissed || dismissed.size === 0) return ids;
    return ids.filter((id) => !dismissed.has(id));
    // the facts' set changes in place: `version` marks each change to it
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [applies, ids, dismissed, version]);
}
