import { type ReactNode, useEffect, useState } from 'react';
import type { MenuCommand } from '../../shared/ipc';
import { api } from '../api';
import { BackupDialog, type BackupDialogMode } from '../components/BackupDialog';
import { StorageError } from '../components/StorageError';
import { openDatabase, type OpenOutcome, type StorageProblem } from '../db/openDatabase';
import { getDb } from '../db/ShelfmarkDb';
import { userActivity } from '../userActivity';
import { answerBackupRequest, backUpIfDue, DAILY_BACKUP_QUIET_MS } from './backupActions';

const DAILY_CHECK_MS = 60 * 60 * 1000;

type GateState =
  { phase: 'opening'; upgradingFrom?: number } | { phase: 'open' } | { phase: 'failed'; problem: StorageProblem };

/** One open per attempt, even when StrictMode runs the effect twice (one probe, one backup). */
let lastOpen: { attempt: object; outcome: Promise<OpenOutcome> } | null = null;
function openOnce(attempt: { skipUpgradeBackup: boolean }, onUpgradeBackup: (from: number) => void) {
  if (lastOpen?.attempt !== attempt) {
    lastOpen = {
      attempt,
      outcome: openDatabase({
        bridge: window.shelfmark,
        skipUpgradeBackup: attempt.skipUpgradeBackup,
        onUpgradeBackup,
      }),
    };
  }
  return lastOpen.outcome;
}

/**
 * Renders the library only once its database opened the guarded way; otherwise the storage
 * error screen. Also owns backups for the open library: the File menu's Back Up and Restore,
 * main's request on quit, and the daily backup.
 */
export function DatabaseGate({ children }: { children: ReactNode }) {
  const [state, setState] = useState<GateState>({ phase: 'opening' });
  const [attempt, setAttempt] = useState({ n: 0, skipUpgradeBackup: false });
  useEffect(() => {
    let live = true;
    openOnce(attempt, (from) => live && setState({ phase: 'opening', upgradingFrom: from })).then((outcome) => {
      if (live) setState(outcome.ok ? { phase: 'open' } : { phase: 'failed', problem: outcome.problem });
    });
    return () => {
      live = false;
    };
  }, [attempt]);
  const open = (skipUpgradeBackup = false) => {
    setState({ phase: 'opening' });
    setAttempt((a) => ({ n: a.n + 1, skipUpgradeBackup }));
  };

  if (state.phase === 'failed') {
    return <StorageError problem={state.problem} onRetry={() => open()} onUpgradeWithoutBackup={() => open(true)} />;
  }
  if (state.phase === 'opening') {
    return (
      <main className="panes-state loading" aria-busy="true" data-testid="database-opening">
        {state.upgradingFrom ? 'Backing up your library before upgrading it…' : 'Opening your library…'}
      </main>
    );
  }
  return (
    <>
      {children}
      <Backups />
    </>
  );
}

/** After a daily backup gave way to an edit, the next attempt. */
const BACKUP_RETRY_MS = 60_000;

function Backups() {
  const [dialog, setDialog] = useState<BackupDialogMode | null>(null);
  useEffect(() => {
    const bridge = api();
    const offMenu = bridge.on('menu:command', ({ command }: { command: MenuCommand }) => {
      if (command === 'backup' || command === 'restore') setDialog(command);
    });
    const offRequest = bridge.on('backup:requested', ({ requestId }) => {
      void answerBackupRequest(getDb(), bridge, requestId);
    });
    // the daily backup reads between the person's keystrokes (renderer/userActivity)
    const activity = userActivity();
    let retry: number | undefined;
    const daily = () => {
      window.clearTimeout(retry);
      void backUpIfDue(getDb(), bridge, undefined, (signal) => activity.idleFor(DAILY_BACKUP_QUIET_MS, signal))
        .then((outcome) => {
          // the library was being edited: try again once it has had time to settle
          if (outcome === 'interrupted') retry = window.setTimeout(daily, BACKUP_RETRY_MS);
        })
        .catch(() => undefined);
    };
    // The first check waits until the app has settled; then once an hour (main says when one is due).
    const first = window.setTimeout(daily, 30_000);
    const hourly = window.setInterval(daily, DAILY_CHECK_MS);
    return () => {
      offMenu();
      offRequest();
      window.clearTimeout(first);
      window.clearTimeout(retry);
      window.clearInterval(hourly);
    };
  }, []);
  return dialog ? <BackupDialog mode={dialog} onClose={() => setDialog(null)} /> : null;
}
