import { useEffect, useId, useRef, useState } from 'react';
import type { BackupInfo, BackupSource } from '../../shared/ipc';
import { api } from '../api';
import { backupManifest, backUpLibrary, restoreFromBackup } from '../backup/backupActions';
import type { BackupManifest } from '../backup/backupFile';
import { getDb } from '../db/ShelfmarkDb';
import './BackupDialog.css';

export type BackupDialogMode = 'backup' | 'restore';

interface Candidate {
  source: BackupSource;
  label: string;
  bytes: number;
}

type RestoreState =
  | { step: 'choose' }
  | { step: 'preview'; candidate: Candidate; manifest: BackupManifest }
  | { step: 'restoring'; candidate: Candidate }
  | { step: 'done'; papers: number }
  | { step: 'failed'; message: string };

const number = (n: number) => n.toLocaleString('en');
const size = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
const when = (ms: number) => new Date(ms).toLocaleString();
const REASONS: Record<BackupInfo['reason'], string> = {
  auto: 'daily',
  quit: 'on quit',
  manual: 'made by you',
  'pre-upgrade': 'before an upgrade',
};
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Back Up Library… (progress, where it went) and Restore from Backup… (choose, preview, confirm). */
export function BackupDialog({ mode, onClose }: { mode: BackupDialogMode; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      className="dialog backup-dialog"
      aria-labelledby={titleId}
      aria-modal="true"
      data-testid="backup-dialog"
      onClose={onClose}
    >
      {mode === 'backup' ? (
        <BackUpNow titleId={titleId} onClose={onClose} />
      ) : (
        <Restore titleId={titleId} onClose={onClose} />
      )}
    </dialog>
  );
}

function BackUpNow({ titleId, onClose }: { titleId: string; onClose(): void }) {
  const [state, setState] = useState<
    | { step: 'working' }
    | { step: 'done'; info: BackupInfo; manifest: BackupManifest }
    | { step: 'failed'; message: string }
  >({ step: 'working' });
  useEffect(() => {
    let live = true;
    backUpLibrary(getDb(), api(), 'manual').then(
      ({ info, manifest }) => live && setState({ step: 'done', info, manifest }),
      (error: unknown) => live && setState({ step: 'failed', message: message(error) }),
    );
    return () => {
      live = false;
    };
  }, []);
  return (
    <>
      <h2 id={titleId}>Back Up Library</h2>
      {state.step === 'working' && (
        <p role="status" aria-busy="true">
          Backing up your library…
        </p>
      )}
      {state.step === 'done' && (
        <p role="status" data-testid="backup-done">
          Backed up {number(state.manifest.counts.papers)} papers and {number(state.manifest.counts.notes)} notes (
          {size(state.info.bytes)}) to the backups folder in Shelfmark’s data folder.
        </p>
      )}
      {state.step === 'failed' && (
        <p role="alert" className="backup-warning" data-testid="backup-failed">
          The backup failed: {state.message}
        </p>
      )}
      <div className="backup-actions">
        <button type="button" className="button" onClick={() => void api().revealDataFolder()}>
          Show Data Folder
        </button>
        <button type="button" className="button primary" onClick={onClose} disabled={state.step === 'working'}>
          Done
        </button>
      </div>
    </>
  );
}

function Restore({ titleId, onClose }: { titleId: string; onClose(): void }) {
  const [backups, setBackups] = useState<BackupInfo[] | null>(null);
  const [state, setState] = useState<RestoreState>({ step: 'choose' });
  const [listError, setListError] = useState<string | null>(null);
  useEffect(() => {
    api()
      .listBackups()
      .then(({ backups: list }) => setBackups(list))
      .catch((error: unknown) => setListError(message(error)));
  }, []);

  const preview = async (candidate: Candidate) => {
    try {
      setState({
        step: 'preview',
        candidate,
        manifest: await backupManifest(api(), candidate.source, candidate.bytes),
      });
    } catch (error) {
      setState({ step: 'failed', message: message(error) });
    }
  };
  const chooseFile = async () => {
    try {
      const chosen = await api().chooseBackupFile();
      if (chosen) await preview({ source: chosen.source, label: chosen.fileName, bytes: chosen.bytes });
    } catch (error) {
      setState({ step: 'failed', message: message(error) });
    }
  };
  const restore = async (candidate: Candidate) => {
    setState({ step: 'restoring', candidate });
    try {
      const summary = await restoreFromBackup(getDb(), api(), candidate.source, candidate.bytes);
      setState({ step: 'done', papers: summary.counts.papers });
    } catch (error) {
      setState({ step: 'failed', message: message(error) });
    }
  };

  return (
    <>
      <h2 id={titleId}>Restore from Backup</h2>
      {state.step === 'choose' && (
        <>
          <p className="dialog-note">Choose a backup. You will see what it holds before anything changes.</p>
          {listError && <p role="alert">{listError}</p>}
          {backups && backups.length === 0 && (
            <p data-testid="no-backups">There are no backups in the data folder yet.</p>
          )}
          {backups && backups.length > 0 && (
            <ul className="backup-list" data-testid="backup-list">
              {backups.map((b) => (
                <li key={b.name}>
                  <button
                    type="button"
                    className="button ghost backup-choice"
                    onClick={() =>
                      void preview({
                        source: { kind: 'stored', name: b.name },
                        label: when(b.createdAt),
                        bytes: b.bytes,
                      })
                    }
                  >
                    <span>{when(b.createdAt)}</span>
                    <span className="backup-meta">
                      {REASONS[b.reason]} · {size(b.bytes)}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          <div className="backup-actions">
            <button type="button" className="button" onClick={() => void chooseFile()} data-testid="backup-choose-file">
              Choose a Backup File…
            </button>
            <button type="button" className="button" onClick={onClose}>
              Cancel
            </button>
          </div>
        </>
      )}
      {state.step === 'preview' && (
        <>
          <p>
            Backup of <strong>{when(state.manifest.createdAt)}</strong> ({state.candidate.label}) holds:
          </p>
          <dl className="backup-preview" data-testid="backup-preview">
            <dt>Papers</dt>
            <dd data-testid="preview-papers">{number(state.manifest.counts.papers)}</dd>
            <dt>Notes</dt>
            <dd data-testid="preview-notes">{number(state.manifest.counts.notes)}</dd>
            <dt>Starred</dt>
            <dd data-testid="preview-starred">{number(state.manifest.counts.starred)}</dd>
            <dt>Tags</dt>
            <dd data-testid="preview-tags">{number(state.manifest.counts.tags)}</dd>
            <dt>Digests</dt>
            <dd data-testid="preview-digests">{number(state.manifest.counts.digests)}</dd>
          </dl>
          <p className="backup-warning">
            Restoring replaces your whole current library with this backup. If anything goes wrong, your current library
            stays exactly as it is.
          </p>
          <div className="backup-actions">
            <button type="button" className="button" onClick={() => setState({ step: 'choose' })}>
              Back
            </button>
            <button
              type="button"
              className="button primary"
              onClick={() => void restore(state.candidate)}
              data-testid="backup-confirm-restore"
            >
              Replace My Library
            </button>
          </div>
        </>
      )}
      {state.step === 'restoring' && (
        <p role="status" aria-busy="true">
          Restoring… Your current library stays as it is until the whole backup is in.
        </p>
      )}
      {state.step === 'done' && (
        <>
          <p role="status" data-testid="restore-done">
            Restored {number(state.papers)} papers. Shelfmark reloads to show them.
          </p>
          <div className="backup-actions">
            <button type="button" className="button primary" onClick={() => window.location.reload()}>
              Reload
            </button>
          </div>
        </>
      )}
      {state.step === 'failed' && (
        <>
          <p role="alert" className="backup-warning" data-testid="restore-failed">
            Nothing was changed: {state.message}
          </p>
          <div className="backup-actions">
            <button type="button" className="button" onClick={() => setState({ step: 'choose' })}>
              Choose Another Backup
            </button>
            <button type="button" className="button primary" onClick={onClose}>
              Close
            </button>
          </div>
        </>
      )}
    </>
  );
}
