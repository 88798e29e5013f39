// UI state only (selection, messages, busy flags): rows live in Dexie, never here.

import { create } from 'zustand';
import type { ImportSummary } from './db/importDigest';

export type Notice =
  { id: number; kind: 'import'; summary: ImportSummary } | { id: number; kind: 'error'; message: string };

interface SelectionSlice {
  selectedPaperId: string | null;
  selectPaper(id: string | null): void;
}

interface NoticeSlice {
  notices: Notice[];
  pushImportSummary(summary: ImportSummary): void;
  pushError(message: string): void;
  dismissNotice(id: number): void;
}

interface ImportSlice {
  importing: boolean;
  setImporting(value: boolean): void;
}

export type UiState = SelectionSlice & NoticeSlice & ImportSlice;

let nextNoticeId = 1;
const MAX_NOTICES = 6;

export const useUiStore = create<UiState>()((set) => ({
  selectedPaperId: null,
  selectPaper: (id) => set({ selectedPaperId: id }),

  notices: [],
  pushImportSummary: (summary) =>
    set((state) => ({
      notices: [...state.notices, { id: nextNoticeId++, kind: 'import' as const, summary }].slice(-MAX_NOTICES),
    })),
  pushError: (message) =>
    set((state) => ({
      notices: [...state.notices, { id: nextNoticeId++, kind: 'error' as const, message }].slice(-MAX_NOTICES),
    })),
  dismissNotice: (id) => set((state) => ({ notices: state.notices.filter((n) => n.id !== id) })),

  importing: false,
  setImporting: (value) => set({ importing: value }),
}));
