// The Import History page: one entry per import with its full report (format, the digest date
// and where its year came from, added / merged / already present / skipped with the parser's
// reasons), refused files with why, and undo of a whole import.

import { useState } from 'react';
import type { DigestFormat } from '../../shared/model';
import { describeDateBasis, SOURCE_LABELS, undoImport, useImportHistory } from '../db/importHistory';
import type { ImportRecord } from '../db/importRecord';
import { getDb } from '../db/ShelfmarkDb';
import { formatDateTime, formatDigestDate } from '../format';
import { useUiStore } from '../store';
import './importEngine.css';

export const FORMAT_LABELS: Record<DigestFormat, string> = {
  'hf-daily-text': 'Hugging Face Daily Papers text',
  'hf-daily-json': 'Hugging Face daily papers JSON',
  'arxiv-email': 'arXiv listing e-mail',
  'arxiv-rss': 'arXiv RSS',
  'arxiv-atom': 'arXiv Atom',
  bibtex: 'BibTeX',
  eml: 'E-mail file',
  'id-list': 'List of arXiv ids',
};

export function ImportHistory() {
  const history = useImportHistory();
  return (
    <section className="page" aria-labelledby="history-title" data-testid="import-history">
      <h2 id="history-title" className="page-title">
        Import history
      </h2>
      <p className="page-sub">
        Every file that reached Shelfmark, newest first. Undoing an import removes the papers only it brought in; papers
        you starred, moved on, annotated or tagged stay, and so do papers another digest also lists.
      </p>
      {history === undefined ? (
        <p className="loading" aria-busy="true">
          Loading…
        </p>
      ) : history.length === 0 ? (
        <p className="page-sub">Nothing imported yet.</p>
      ) : (
        <ol className="ie-history">
          {history.map((record) => (
            <HistoryEntry key={record.id} record={record} />
          ))}
        </ol>
      )}
    </section>
  );
}

const OUTCOME_LABELS: Record<ImportRecord['outcome'], string> = {
  imported: 'Imported',
  'already-imported': 'Already imported',
  refused: 'Refused',
  undone: 'Undone',
};

function HistoryEntry({ record }: { record: ImportRecord }) {
  const setView = useUiStore((s) => s.setView);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const format = record.format
    ? record.innerFormat
      ? `${FORMAT_LABELS[record.format]} holding ${FORMAT_LABELS[record.innerFormat]}`
      : FORMAT_LABELS[record.format]
    : null;
  const skipped = record.warnings.length + record.moreWarnings;

  async function undo() {
    const { pushAction, pushError } = useUiStore.getState();
    setBusy(true);
    try {
      const result = await undoImport(getDb(), record.id);
      const kept = result.keptForUserData.length + result.stillListed.length;
      pushAction(
        `Undid the import of ${record.fileName}: ${result.removed.length} removed` +
          (kept > 0 ? `, ${kept} kept (your data or listed in another digest)` : ''),
      );
    } catch (error) {
      pushError(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  }

  return (
    <li className={`ie-entry ie-${record.outcome}`} data-testid="history-entry" aria-label={record.fileName}>
      <div className="ie-entry-head">
        <strong className="ie-file">{record.fileName}</strong>
        <span className={`ie-badge ie-badge-${record.outcome}`}>{OUTCOME_LABELS[record.outcome]}</span>
        <span className="muted">
          {formatDateTime(record.importedAt)}
          {record.source ? ` · ${SOURCE_LABELS[record.source]}` : ''}
        </span>
      </div>
      {record.outcome === 'refused' ? (
        <p className="ie-error" data-testid="history-error">
          {record.error}
        </p>
      ) : (
        <dl className="ie-report" data-testid="history-report">
          <dt>Format</dt>
          <dd>
            {format}
            {record.encoding ? <span className="muted"> · {record.encoding}</span> : null}
            {record.sizeBytes !== null ? <span className="muted"> · {formatSize(record.sizeBytes)}</span> : null}
          </dd>
          <dt>Digest date</dt>
          <dd data-testid="history-date">
            {formatDigestDate(record.digestDate)}
            {record.dateBasis && record.dateBasis.kind !== 'none' ? (
              <span className="muted"> · {describeDateBasis(record.dateBasis)}</span>
            ) : null}
          </dd>
          <dt>Papers</dt>
          <dd data-testid="history-counts">
            {record.papersInFile} in the file: {record.added} added, {record.merged} merged, {record.alreadyPresent}{' '}
            already present, {skipped} skipped
          </dd>
          {record.undo && (
            <>
              <dt>Undone</dt>
              <dd>
                {formatDateTime(record.undo.at)}: {record.undo.removed} removed, {record.undo.kept} kept
              </dd>
            </>
          )}
        </dl>
      )}
      {skipped > 0 && (
        <details className="ie-warnings">
          <summary>
            {skipped} skipped or incomplete {skipped === 1 ? 'block' : 'blocks'}
          </summary>
          <ul data-testid="history-warnings">
            {record.warnings.map((warning, i) => (
              <li key={i}>{warning}</li>
            ))}
            {record.moreWarnings > 0 && <li className="muted">…and {record.moreWarnings} more</li>}
          </ul>
        </details>
      )}
      <div className="ie-actions">
        {record.outcome === 'imported' && record.digestId && (
          <button type="button" className="button small" onClick={() => setView(`digest:${record.digestId}`)}>
            Show papers
          </button>
        )}
        {record.outcome === 'imported' && record.digestId && (
          <button
            type="button"
            className="button small"
            onClick={() => setView(`triage:${record.digestId}`)}
            data-testid="history-triage"
          >
            Triage
          </button>
        )}
        {record.outcome === 'imported' &&
          (confirming ? (
            <span className="ie-confirm" role="group" aria-label={`Undo the import of ${record.fileName}?`}>
              <span>
                Remove the {record.addedPaperIds.length} papers this import added (keeping any you have worked on)?
              </span>
              <button
                type="button"
                className="button small danger"
                disabled={busy}
                onClick={() => void undo()}
                data-testid="history-confirm-undo"
              >
                Undo import
              </button>
              <button type="button" className="button small" disabled={busy} onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </span>
          ) : (
            <button
              type="button"
              className="button small"
              onClick={() => setConfirming(true)}
              data-testid="history-undo"
            >
              Undo import…
            </button>
          ))}
      </div>
    </li>
  );
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
