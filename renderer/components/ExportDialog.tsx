// The Export dialog: which papers (current view, selection, Starred, Read, a tag, a digest), which
// format, notes or not; saves through main's dialog. Below, "keep a .bib in sync" for named scopes.
// A native modal <dialog>: the page behind is inert, Tab cycles inside, Esc closes.

import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { EXPORT_FORMAT_INFO } from '../../shared/export/exportFormats';
import {
  type BibSyncStatus,
  EXPORT_FORMATS,
  type ExportFormat,
  type LibraryScope,
  SYNC_FORMATS,
  type SyncFormat,
} from '../../shared/export/exportScope';
import { api } from '../api';
import type { ExportScope } from '../db/exportPapers';
import { type DigestEntry, useDigests, useTagCounts, useViewCounts } from '../db/queries';
import { exportToFile } from '../export/exportActions';
import { useBibSyncStatus } from '../export/bibSyncRunner';
import { formatDateTime, formatDigestDate } from '../format';
import { useUiStore } from '../store';
import '../export/export.css';

type ScopeChoice = 'view' | 'selection' | 'starred' | 'read' | 'tag' | 'digest';

export interface ExportDialogProps {
  open: boolean;
  onClose(): void;
  /** The ids the list shows now (sidebar view + search), in order. */
  viewIds: readonly string[];
  /** What the list is called ("Inbox", "Search in Starred"). */
  viewLabel: string;
}

const FOCUSABLE =
  'button:not([disabled]), input:not([disabled]), select:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function ExportDialog({ open, onClose, viewIds, viewLabel }: ExportDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const selectedIds = useUiStore((s) => s.selectedIds);
  const counts = useViewCounts();
  const tags = useTagCounts();
  const digests = useDigests();
  const sync = useBibSyncStatus();

  const [choice, setChoice] = useState<ScopeChoice>('view');
  const [tag, setTag] = useState('');
  const [digestId, setDigestId] = useState('');
  const [format, setFormat] = useState<ExportFormat>('bibtex');
  const [includeNotes, setIncludeNotes] = useState(false);
  const [notesTouched, setNotesTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setError(null);
      dialog.showModal();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const tagValue = tag || tags?.[0]?.tag || '';
  const digestValue = digestId || digests?.[0]?.id || '';
  const resolved = resolveScope(choice, {
    viewIds,
    viewLabel,
    selectedIds,
    tag: tagValue,
    digest: digests?.find((d) => d.id === digestValue),
  });
  const count =
    choice === 'view'
      ? viewIds.length
      : choice === 'selection'
        ? selectedIds.length
        : choice === 'starred'
          ? counts?.starred
          : choice === 'read'
            ? counts?.read
            : choice === 'tag'
              ? tags?.find((t) => t.tag === tagValue)?.count
              : digests?.find((d) => d.id === digestValue)?.papersInLibrary;

  const chooseFormat = (next: ExportFormat) => {
    setFormat(next);
    // The Markdown reading list carries notes unless the person said otherwise.
    if (!notesTouched) setIncludeNotes(next === 'markdown');
  };

  const runExport = async () => {
    if (!resolved) return;
    setBusy(true);
    setError(null);
    try {
      const outcome = await exportToFile({ ...resolved, format, includeNotes });
      if ('empty' in outcome) setError(`Nothing to export: ${resolved.label} has no papers.`);
      else if (outcome.saved) {
        const n = `${outcome.count} ${outcome.count === 1 ? 'paper' : 'papers'}`;
        useUiStore.getState().pushAction(`Exported ${n} to ${outcome.path}`);
        if (outcome.duplicateKeys.length > 0) {
          useUiStore
            .getState()
            .pushError(
              `Some exported papers share a citation key (${outcome.duplicateKeys.join(', ')}): ` +
                'BibTeX keeps only the first. Give one of them another key in the detail pane.',
            );
        }
        useUiStore.getState().announce(`Exported ${n}`);
        onClose();
      } else if (!outcome.cancelled) setError(outcome.error);
    } catch (caught) {
      setError(`Export failed: ${caught instanceof Error ? caught.message : String(caught)}`);
    } finally {
      setBusy(false);
    }
  };

  const trapTab = (event: KeyboardEvent<HTMLDialogElement>) => {
    // Keys typed here are the dialog's: the app's single-letter shortcuts must not act behind it.
    event.stopPropagation();
    if (event.key !== 'Tab' || !ref.current) return;
    const items = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null);
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  const radio = (value: ScopeChoice, label: string, n: number | undefined, disabled = false) => (
    <label className={`export-option${disabled ? ' disabled' : ''}`}>
      <input
        type="radio"
        name="export-scope"
        value={value}
        checked={choice === value}
        disabled={disabled}
        onChange={() => setChoice(value)}
        data-testid={`export-scope-${value}`}
      />
      <span>{label}</span>
      {n !== undefined && <span className="export-count">{n}</span>}
    </label>
  );

  return (
    <dialog
      ref={ref}
      className="dialog export-dialog"
      aria-labelledby={titleId}
      aria-modal="true"
      data-testid="export-dialog"
      onClose={onClose}
      onKeyDown={trapTab}
    >
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          void runExport();
        }}
      >
        <h2 id={titleId}>Export papers</h2>
        <fieldset className="export-fieldset">
          <legend>Papers</legend>
          {radio('view', `Current view: ${viewLabel}`, viewIds.length)}
          {radio('selection', 'Selected papers', selectedIds.length, selectedIds.length === 0)}
          {radio('starred', 'Starred', counts?.starred)}
          {radio('read', 'Read', counts?.read)}
          <div className="export-option-row">
            {radio('tag', 'Tag', undefined, !tags || tags.length === 0)}
            {tags && tags.length > 0 ? (
              <select
                className="select small"
                aria-label="Tag to export"
                value={tagValue}
                onChange={(event) => {
                  setTag(event.target.value);
                  setChoice('tag');
                }}
                data-testid="export-tag"
              >
                {(tags ?? []).map((t) => (
                  <option key={t.tag} value={t.tag}>
                    #{t.tag} ({t.count})
                  </option>
                ))}
              </select>
            ) : (
              <span className="export-count">no tags yet</span>
            )}
          </div>
          <div className="export-option-row">
            {radio('digest', 'Digest', undefined, !digests || digests.length === 0)}
            {digests && digests.length > 0 ? (
              <select
                className="select small"
                aria-label="Digest to export"
                value={digestValue}
                onChange={(event) => {
                  setDigestId(event.target.value);
                  setChoice('digest');
                }}
                data-testid="export-digest"
              >
                {(digests ?? []).map((d) => (
                  <option key={d.id} value={d.id}>
                    {digestLabel(d)} ({d.papersInLibrary ?? '…'})
                  </option>
                ))}
              </select>
            ) : (
              <span className="export-count">no digests yet</span>
            )}
          </div>
        </fieldset>

        <fieldset className="export-fieldset">
          <legend>Format</legend>
          {EXPORT_FORMATS.map((value) => (
            <label key={value} className="export-option">
              <input
                type="radio"
                name="export-format"
                value={value}
                checked={format === value}
                onChange={() => chooseFormat(value)}
                data-testid={`export-format-${value}`}
              />
              <span>{EXPORT_FORMAT_INFO[value].label}</span>
              <span className="export-count">.{EXPORT_FORMAT_INFO[value].extension}</span>
            </label>
          ))}
          <label className="export-option export-notes">
            <input
              type="checkbox"
              checked={includeNotes}
              onChange={(event) => {
                setIncludeNotes(event.target.checked);
                setNotesTouched(true);
              }}
              data-testid="export-include-notes"
            />
            <span>Include my notes{format === 'markdown' ? '' : ' (in annote)'}</span>
          </label>
        </fieldset>

        {error && (
          <p className="inline-error" role="alert" data-testid="export-error">
            {error}
          </p>
        )}
        <div className="export-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className="button primary"
            disabled={busy || !resolved}
            autoFocus
            data-testid="export-submit"
          >
            {busy ? 'Exporting…' : `Export${count === undefined ? '' : ` ${count}`}…`}
          </button>
        </div>

        <SyncSection
          sync={sync}
          scope={resolved && resolved.scope.kind !== 'ids' ? (resolved as SyncableScope) : null}
          format={format}
          includeNotes={includeNotes}
        />
      </form>
    </dialog>
  );
}

type SyncableScope = { scope: LibraryScope; label: string };

function SyncSection({
  sync,
  scope,
  format,
  includeNotes,
}: {
  sync: BibSyncStatus;
  scope: SyncableScope | null;
  format: ExportFormat;
  includeNotes: boolean;
}) {
  const headingId = useId();
  const [error, setError] = useState<string | null>(null);
  const syncFormat = (SYNC_FORMATS as readonly string[]).includes(format) ? (format as SyncFormat) : null;
  const start = async () => {
    if (!scope || !syncFormat) return;
    setError(null);
    try {
      await api().chooseBibSyncFile({ scope: scope.scope, scopeLabel: scope.label, format: syncFormat, includeNotes });
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  };
  const config = sync.config;
  return (
    <section className="export-sync" aria-labelledby={headingId} data-testid="export-sync">
      <h3 id={headingId}>Keep a .bib file in sync</h3>
      {config ? (
        <div className="export-sync-status" data-testid="export-sync-status" data-state={sync.state}>
          <p>
            <strong>{config.scopeLabel}</strong> ({config.format === 'biblatex' ? 'BibLaTeX' : 'BibTeX'}
            {config.includeNotes ? ', with notes' : ''}) → <code className="export-path">{config.path}</code>
          </p>
          <p className="muted">
            {syncStateText(sync)}
            {sync.lastWrittenAt !== null &&
              ` · last written ${formatDateTime(sync.lastWrittenAt)}` +
                (sync.lastEntryCount !== null
                  ? `, ${sync.lastEntryCount} ${sync.lastEntryCount === 1 ? 'entry' : 'entries'}`
                  : '')}
          </p>
          {sync.error && (
            <p className="inline-error" role="alert" data-testid="export-sync-error">
              {sync.error}
            </p>
          )}
          <button
            type="button"
            className="button small"
            onClick={() => void api().stopBibSync()}
            data-testid="export-sync-stop"
          >
            Stop syncing
          </button>
        </div>
      ) : (
        <p className="muted">
          The file is rewritten whenever a paper in the chosen papers changes, and kept after restarts.
        </p>
      )}
      {error && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
      <button
        type="button"
        className="button small"
        disabled={!scope || !syncFormat}
        onClick={() => void start()}
        data-testid="export-sync-start"
      >
        {config ? 'Sync these papers instead…' : 'Keep in sync…'}
      </button>
      {(!scope || !syncFormat) && (
        <p className="muted small">
          {!syncFormat
            ? 'Choose BibTeX or BibLaTeX to sync a .bib file.'
            : 'Choose Starred, Read, a tag or a digest: a search or a selection cannot be followed.'}
        </p>
      )}
    </section>
  );
}

function syncStateText(sync: BibSyncStatus): string {
  switch (sync.state) {
    case 'waiting':
      return 'Change noticed, writing shortly';
    case 'writing':
      return 'Writing…';
    case 'error':
      return 'Last write failed';
    case 'idle':
      return 'Up to date';
    default:
      return 'Off';
  }
}

function digestLabel(digest: DigestEntry): string {
  return `${formatDigestDate(digest.date)} · ${digest.fileName}`;
}

/** The scope a choice stands for, with its label; null when it cannot be exported now. */
function resolveScope(
  choice: ScopeChoice,
  context: {
    viewIds: readonly string[];
    viewLabel: string;
    selectedIds: readonly string[];
    tag: string;
    digest: DigestEntry | undefined;
  },
): { scope: ExportScope; label: string } | null {
  switch (choice) {
    case 'view':
      return { scope: { kind: 'ids', ids: context.viewIds }, label: context.viewLabel };
    case 'selection':
      return context.selectedIds.length > 0
        ? { scope: { kind: 'ids', ids: context.selectedIds }, label: 'Selection' }
        : null;
    case 'starred':
      return { scope: { kind: 'starred' }, label: 'Starred' };
    case 'read':
      return { scope: { kind: 'status', status: 'read' }, label: 'Read' };
    case 'tag':
      return context.tag ? { scope: { kind: 'tag', tag: context.tag }, label: `#${context.tag}` } : null;
    case 'digest':
      return context.digest
        ? {
            scope: { kind: 'digest', digestId: context.digest.id },
            label: `Digest ${context.digest.date ?? context.digest.fileName}`,
          }
        : null;
  }
}
