// Live reads for triage and the dismissed filter (keys only, never rows).

import Dexie from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { getDb } from '../db/ShelfmarkDb';
import { untriagedCounts } from '../db/triage';
import type { ListViewId } from '../views';

/** Untriaged papers per digest id. */
export function useUntriagedCounts(): Map<string, number> | undefined {
  return useLiveQuery(() => untriagedCounts(getDb()), []);
}

function useDismissedIds(enabled: boolean): Set<string> | undefined {
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
  const dismissed = useDismissedIds(applies);
  return useMemo(() => {
    if (!applies || !ids || !dismissed || dismissed.size === 0) return ids;
    return ids.filter((id) => !dismissed.has(id));
  }, [applies, ids, dismissed]);
}
