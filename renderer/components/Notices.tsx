import { useEffect } from 'react';
import { describeSummary } from '../importFlow';
import { formatDigestDate } from '../format';
import { useUiStore, type Notice } from '../store';
import { TriageImportButton } from './TriageButton';

/** Import reports and errors, announced to screen readers, dismissable. */
export function Notices() {
  const notices = useUiStore((s) => s.notices);
  const dismiss = useUiStore((s) => s.dismissNotice);
  return (
    <div className="notices" role="status" aria-live="polite" data-testid="notices">
      {notices.map((notice) => (
        <NoticeCard key={notice.id} notice={notice} onDismiss={() => dismiss(notice.id)} />
      ))}
    </div>
  );
}

function NoticeCard({ notice, onDismiss }: { notice: Notice; onDismiss(): void }) {
  useEffect(() => {
    if (notice.kind === 'error') return; // errors stay until dismissed
    const timer = window.setTimeout(onDismiss, notice.kind === 'action' ? 10_000 : 12_000);
    return () => window.clearTimeout(timer);
  }, [notice.kind, onDismiss]);
  if (notice.kind === 'action') {
    const { undo } = notice;
    return (
      <div className="notice notice-action" data-testid="notice">
        <span>{notice.message}</span>
        {undo && (
          <button
            type="button"
            className="button small"
            data-testid="undo-button"
            onClick={() => {
              onDismiss();
              void Promise.resolve(undo()).catch((error: unknown) =>
                useUiStore.getState().pushError(`Undo failed: ${String(error)}`),
              );
            }}
          >
            Undo
          </button>
        )}
        <button type="button" className="notice-close" aria-label="Dismiss" onClick={onDismiss}>
          ×
        </button>
      </div>
    );
  }
  if (notice.kind === 'error') {
    return (
      <div className="notice notice-error" role="alert" data-testid="notice">
        <span>{notice.message}</span>
        {notice.action && (
          <button
            type="button"
            className="button small"
            data-testid="notice-action"
            onClick={() => {
              const { action } = notice;
              void Promise.resolve()
                .then(() => action!.run())
                .catch((error: unknown) =>
                  useUiStore.getState().pushError(`${action!.label} failed: ${String(error)}`),
                );
            }}
          >
            {notice.action.label}
          </button>
        )}
        <button type="button" className="notice-close" aria-label="Dismiss" onClick={onDismiss}>
          ×
        </button>
      </div>
    );
  }
  const { summary } = notice;
  return (
    <div className="notice" data-testid="notice">
      <div>
        <strong>{summary.fileName}</strong>
        <span className="notice-sub"> · digest of {formatDigestDate(summary.digestDate)}</span>
        <div>{describeSummary(summary)}</div>
        {!summary.alreadyImported && summary.added + summary.merged + summary.alreadyPresent > 0 && (
          <TriageImportButton importId={summary.importId} onOpen={onDismiss} />
        )}
        {summary.warnings.length > 0 && (
          <details>
            <summary>{summary.warnings.length} skipped or incomplete</summary>
            <ul>
              {summary.warnings.map((warning, i) => (
                <li key={i}>{warning}</li>
              ))}
            </ul>
          </details>
        )}
      </div>
      <button type="button" className="notice-close" aria-label="Dismiss" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}
