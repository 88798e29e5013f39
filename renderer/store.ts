// UI state only (view, sort, query, selection, layout, messages): rows live in Dexie, never here.
// Preferences (pane widths, view, sort, the open paper) persist in localStorage; the rest is
// per session.

import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { ImportSummary } from './db/importDigest';
import { isListView, type ResultOrder, type SortKey, type ViewId, SORT_KEYS } from './views';

export type Notice =
  | { id: number; kind: 'import'; summary: ImportSummary }
  | { id: number; kind: 'error'; message: string; action?: NoticeAction }
  | { id: number; kind: 'action'; message: string; undo?: () => void | Promise<void> };

/** A button on an error notice that offers a way out (e.g. Show Data Folder). */
export interface NoticeAction {
  label: string;
  run(): unknown;
}

export interface PaneWidths {
  sidebar: number;
  list: number;
}

export const PANE_LIMITS = { sidebar: [160, 360], list: [300, 900] } as const;
export const DEFAULT_PANE_WIDTHS: PaneWidths = { sidebar: 220, list: 460 };

interface LayoutSlice {
  paneWidths: PaneWidths;
  setPaneWidth(pane: keyof PaneWidths, width: number): void;
}

interface ViewSlice {
  view: ViewId;
  sort: SortKey;
  /** Order of search results: relevance unless the person picked a sort while searching. */
  searchOrder: ResultOrder;
  query: string;
  setView(view: ViewId): void;
  setSort(sort: ResultOrder): void;
  setQuery(query: string): void;
}

interface SelectionSlice {
  /** The paper shown in the detail pane (the keyboard cursor of the list). */
  selectedPaperId: string | null;
  /** Every selected paper (bulk actions); contains selectedPaperId. */
  selectedIds: string[];
  anchorId: string | null;
  selectPaper(id: string | null): void;
  /** Ctrl/Cmd-click: add or remove one paper. */
  toggleSelected(id: string): void;
  /** Shift-click or Shift+arrow: everything between the anchor and `id` in the list's order. */
  selectRange(id: string, ordered: readonly string[]): void;
  selectAll(ordered: readonly string[]): void;
  /** Keeps only the paper in the detail pane. */
  collapseSelection(): void;
}

interface NoticeSlice {
  notices: Notice[];
  pushImportSummary(summary: ImportSummary): void;
  pushError(message: string, action?: NoticeAction): void;
  pushAction(message: string, undo?: () => void | Promise<void>): void;
  dismissNotice(id: number): void;
}

interface MiscSlice {
  importing: boolean;
  setImporting(value: boolean): void;
  shortcutsOpen: boolean;
  setShortcutsOpen(open: boolean): void;
  /** Read out by a polite live region (actions without a toast, like starring one paper). */
  announcement: { text: string; id: number };
  announce(text: string): void;
  /** Lists and search show dismissed papers (dimmed) unless the person hides them. */
  showDismissed: boolean;
  setShowDismissed(show: boolean): void;
}

export type UiState = LayoutSlice & ViewSlice & SelectionSlice & NoticeSlice & MiscSlice;

let nextNoticeId = 1;
const MAX_NOTICES = 6;
const clamp = (value: number, [min, max]: readonly [number, number]) => Math.round(Math.min(max, Math.max(min, value)));

export const useUiStore = create<UiState>()(
  persist(
    (set, get) => ({
      paneWidths: DEFAULT_PANE_WIDTHS,
      setPaneWidth: (pane, width) =>
        set((state) => ({ paneWidths: { ...state.paneWidths, [pane]: clamp(width, PANE_LIMITS[pane]) } })),

      view: 'inbox',
      sort: 'digestDate',
      searchOrder: 'relevance',
      query: '',
      setView: (view) => set({ view }),
      setSort: (sort) => {
        if (get().query.trim()) set({ searchOrder: sort });
        else if (sort !== 'relevance') set({ sort, searchOrder: 'relevance' });
      },
      setQuery: (query) =>
        set((state) => ({
          query,
          searchOrder: query.trim() ? state.searchOrder : 'relevance',
          // searching from Stats or Import history searches the whole library
          view: query.trim() && !isListView(state.view) ? 'all' : state.view,
        })),

      selectedPaperId: null,
      selectedIds: [],
      anchorId: null,
      selectPaper: (id) => set({ selectedPaperId: id, selectedIds: id ? [id] : [], anchorId: id }),
      toggleSelected: (id) =>
        set((state) => {
          const has = state.selectedIds.includes(id);
          const selectedIds = has ? state.selectedIds.filter((x) => x !== id) : [...state.selectedIds, id];
          const selectedPaperId = has
            ? state.selectedPaperId === id
              ? (selectedIds[selectedIds.length - 1] ?? null)
              : state.selectedPaperId
            : id;
          return { selectedIds, selectedPaperId, anchorId: id };
        }),
      selectRange: (id, ordered) =>
        set((state) => {
          const anchor = state.anchorId ?? state.selectedPaperId ?? id;
          const from = ordered.indexOf(anchor);
          const to = ordered.indexOf(id);
          if (from < 0 || to < 0) return { selectedPaperId: id, selectedIds: [id], anchorId: id };
          const [lo, hi] = from < to ? [from, to] : [to, from];
          return { selectedPaperId: id, selectedIds: ordered.slice(lo, hi + 1), anchorId: anchor };
        }),
      selectAll: (ordered) =>
        set((state) => ({
          selectedIds: [...ordered],
          selectedPaperId:
            state.selectedPaperId && ordered.includes(state.selectedPaperId)
              ? state.selectedPaperId
              : (ordered[0] ?? null),
        })),
      collapseSelection: () => set((state) => ({ selectedIds: state.selectedPaperId ? [state.selectedPaperId] : [] })),

      notices: [],
      pushImportSummary: (summary) => pushNotice(set, { kind: 'import', summary }),
      pushError: (message, action) => pushNotice(set, { kind: 'error', message, ...(action ? { action } : {}) }),
      pushAction: (message, undo) => pushNotice(set, { kind: 'action', message, undo }),
      dismissNotice: (id) => set((state) => ({ notices: state.notices.filter((n) => n.id !== id) })),

      importing: false,
      setImporting: (value) => set({ importing: value }),
      shortcutsOpen: false,
      setShortcutsOpen: (open) => set({ shortcutsOpen: open }),
      announcement: { text: '', id: 0 },
      announce: (text) => set((state) => ({ announcement: { text, id: state.announcement.id + 1 } })),
      showDismissed: true,
      setShowDismissed: (show) => set({ showDismissed: show }),
    }),
    {
      name: 'shelfmark-ui',
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: (state) => ({
        paneWidths: state.paneWidths,
        view: state.view,
        sort: state.sort,
        selectedPaperId: state.selectedPaperId,
        showDismissed: state.showDismissed,
      }),
      merge: (persisted, current) => {
        const saved = (persisted ?? {}) as Partial<UiState>;
        const widths = saved.paneWidths ?? DEFAULT_PANE_WIDTHS;
        return {
          ...current,
          paneWidths: {
            sidebar: clamp(Number(widths.sidebar) || DEFAULT_PANE_WIDTHS.sidebar, PANE_LIMITS.sidebar),
            list: clamp(Number(widths.list) || DEFAULT_PANE_WIDTHS.list, PANE_LIMITS.list),
          },
          view: typeof saved.view === 'string' ? saved.view : current.view,
          showDismissed: typeof saved.showDismissed === 'boolean' ? saved.showDismissed : current.showDismissed,
          sort: (SORT_KEYS as readonly string[]).includes(saved.sort ?? '') ? saved.sort! : current.sort,
          selectedPaperId: typeof saved.selectedPaperId === 'string' ? saved.selectedPaperId : null,
          selectedIds: typeof saved.selectedPaperId === 'string' ? [saved.selectedPaperId] : [],
          anchorId: typeof saved.selectedPaperId === 'string' ? saved.selectedPaperId : null,
        };
      },
    },
  ),
);

type NewNotice = Notice extends infer N ? (N extends Notice ? Omit<N, 'id'> : never) : never;

function pushNotice(set: (fn: (state: UiState) => Partial<UiState>) => void, notice: NewNotice): void {
  set((state) => ({ notices: [...state.notices, { ...notice, id: nextNoticeId++ } as Notice].slice(-MAX_NOTICES) }));
}
