import './backup/testSupport';
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ParsedPaper } from '../shared/model';
import { starTargets } from './actions';
import { importDigest } from './db/importDigest';
import { getDb } from './db/ShelfmarkDb';
import { reportSaveError, saveErrorMessage } from './saveErrors';
import { useUiStore } from './store';

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  useUiStore.setState({ notices: [] });
});

describe('saveErrorMessage', () => {
  it.each([
    ['the DOMException', quota()],
    ["Dexie's QuotaExceededError", new Dexie.QuotaExceededError('Quota exceeded', quota())],
    ["Dexie's AbortError wrapping it", new Dexie.AbortError('Transaction aborted', quota())],
    ['a disk-full I/O error', Object.assign(new Error('IO error: No space left on device'), { name: 'UnknownError' })],
  ])('says the storage is full and nothing was saved for %s', (_, error) => {
    const { message, storageFull } = saveErrorMessage(error, 'your note');
    expect(storageFull).toBe(true);
    expect(message).toMatch(/full/);
    expect(message).toMatch(/your note was not saved/);
    expect(message).toMatch(/Show Data Folder/);
  });

  it('keeps the plain message for other failures', () => {
    expect(saveErrorMessage(new Error('boom'))).toEqual({
      message: 'Could not save your change: boom',
      storageFull: false,
    });
  });
});

describe('reportSaveError', () => {
  it('shows a storage-full notice whose action reveals the data folder', async () => {
    const revealDataFolder = vi.fn(async () => ({ revealed: true }));
    vi.stubGlobal('window', { shelfmark: { revealDataFolder } });
    reportSaveError(quota());
    const [notice] = useUiStore.getState().notices;
    expect(notice).toMatchObject({ kind: 'error', action: { label: 'Show Data Folder' } });
    if (notice?.kind !== 'error' || !notice.action) throw new Error('no action');
    await notice.action.run();
    expect(revealDataFolder).toHaveBeenCalledTimes(1);
  });

  it('shows a plain notice without an action otherwise', () => {
    reportSaveError(new Error('boom'), 'the tags');
    expect(useUiStore.getState().notices).toEqual([
      expect.objectContaining({ kind: 'error', message: 'Could not save the tags: boom' }),
    ]);
    expect(useUiStore.getState().notices[0]).not.toHaveProperty('action');
  });

  it('a star whose write hits a full disk is reported as not saved, and is not saved', async () => {
    const db = getDb();
    const paper: ParsedPaper = { title: 'Quota paper', abstract: '', authors: [], arxivId: '2401.00001', links: [] };
    await importDigest(db, {
      digestId: 'quota',
      fileName: 'q.txt',
      digest: { format: 'hf-daily-text', digestDate: '2026-03-13', papers: [paper], warnings: [] },
    });
    const put = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw quota();
    });
    await starTargets(undefined, ['arxiv:2401.00001']);
    put.mockRestore();
    const [notice] = useUiStore.getState().notices;
    expect(notice).toMatchObject({ kind: 'error', action: { label: 'Show Data Folder' } });
    expect(notice?.kind === 'error' && notice.message).toMatch(/full: your change was not saved/);
    expect((await db.papers.get('arxiv:2401.00001'))?.starred).toBe(0);
  });
});
