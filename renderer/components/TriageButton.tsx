// "Triage" on an import report: opens the triage view of the digest that import recorded.

import { getDb } from '../db/ShelfmarkDb';
import { useUiStore } from '../store';

export function TriageImportButton({ importId, onOpen }: { importId: string; onOpen?(): void }) {
  return (
    <button
      type="button"
      className="button small"
      data-testid="notice-triage"
      onClick={() => {
        void getDb()
          .imports.get(importId)
          .then((record) => {
            if (!record?.digestId) return;
            useUiStore.getState().setView(`triage:${record.digestId}`);
            onOpen?.();
          });
      }}
    >
      Triage
    </button>
  );
}
