import { useEffect, useState } from 'react';
import type { BackupInfo } from '../../shared/ipc';
import { api } from '../api';
import { replaceUnopenableLibrary } from '../backup/recoverLibrary';
import type { StorageProblem } from '../db/openDatabase';
import './BackupDialog.css';

const COPY: Record<StorageProblem['kind'], { title: string; text: string }> = {
  quota: {
    title: 'There is no room left to store your library',
    text: 'The disk is full, or the space Shelfmark may use is used up. Free some disk space, then try again. Your papers and notes are still on disk.',
  },
  'newer-version': {
    title: 'Your library was opened by a newer version of Shelfmark',
    text: 'A newer Shelfmark upgraded your library, and this version cannot read it safely. Install the newer version to go on; your library has not been changed.',
  },
  'upgrade-backup-failed': {
    title: 'Shelfmark could not back up your library before upgrading it',
    text: 'This version of Shelfmark upgrades the library, and always backs it up first. The backup failed, so nothing was upgraded. Free disk space and try again, or upgrade without the backup.',
  },
  unavailable: {
    title: 'Shelfmark cannot use its storage',
    text: 'The storage Shelfmark keeps your library in is not available. Restarting Shelfmark usually helps.',
  },
  blocked: {
    title: 'Another Shelfmark window is holding your library',
    text: 'Close other Shelfmark windows, then try again.',
  },
  corrupt: {
    title: 'Shelfmark could not read your library',
    text: 'The library’s files could not be read; they may be damaged. Nothing has been deleted. You can try again, look at the data folder, or restore the newest backup.',
  },
  unknown: {
    title: 'Shelfmark could not open your library',
    text: 'Nothing has been deleted. You can try again, look at the data folder, or restore the newest backup.',
  },
};

/** The library could not be opened: what happened and the ways out, never a blank window. */
export function StorageError({
  problem,
  onRetry,
  onUpgradeWithoutBackup,
}: {
  problem: StorageProblem;
  onRetry(): void;
  onUpgradeWithoutBackup(): void;
}) {
  const copy = COPY[problem.kind];
  const [newest, setNewest] = useState<BackupInfo | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const canReplace = problem.kind === 'corrupt' || problem.kind === 'unknown';
  useEffect(() => {
    if (!canReplace) return;
    api()
      .listBackups()
      .then(({ backups }) => setNewest(backups[0] ?? null))
      .catch(() => setNewest(null));
  }, [canReplace]);

  const replace = async (backup: BackupInfo) => {
    setStatus('Restoring the newest backup…');
    try {
      const papers = await replaceUnopenableLibrary(backup);
      setStatus(`Restored ${papers.toLocaleString('en')} papers.`);
      window.location.reload();
    } catch (error) {
      setStatus(`The restore failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  return (
    <main className="panes-state storage-error" role="alert" data-testid="storage-error" data-kind={problem.kind}>
      <section className="empty">
        <h2>{copy.title}</h2>
        <p>{copy.text}</p>
        <p className="storage-detail" data-testid="storage-error-detail">
          {problem.detail}
        </p>
        {confirming && newest && (
          <p className="backup-warning">
            The library that cannot be opened will be replaced by the backup of{' '}
            {new Date(newest.createdAt).toLocaleString()}. The backup is checked completely before anything is replaced.
          </p>
        )}
        {status && <p role="status">{status}</p>}
        <div className="storage-actions">
          <button type="button" className="button primary" onClick={onRetry} data-testid="storage-retry">
            Try Again
          </button>
          <button
            type="button"
            className="button"
            onClick={() => void api().revealDataFolder()}
            data-testid="storage-reveal"
          >
            Show Data Folder
          </button>
          {problem.kind === 'upgrade-backup-failed' && (
            <button type="button" className="button" onClick={onUpgradeWithoutBackup}>
              Upgrade Without a Backup
            </button>
          )}
          {canReplace && newest && !confirming && (
            <button type="button" className="button" onClick={() => setConfirming(true)} data-testid="storage-restore">
              Restore the Newest Backup…
            </button>
          )}
          {confirming && newest && (
            <button type="button" className="button primary" onClick={() => void replace(newest)}>
              Replace With the Backup
            </button>
          )}
        </div>
      </section>
    </main>
  );
}
