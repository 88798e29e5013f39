import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BibSyncConfig, BibSyncStatus } from '../../shared/export/exportScope';
import type { IpcEvents } from '../../shared/ipc';
import { setStarred, setNotes } from '../db/paperRepository';
import { ShelfmarkDb } from '../db/ShelfmarkDb';
import { paper } from '../test/papers';
import { startBibSyncRunner } from './bibSyncRunner';

const CONFIG: BibSyncConfig = {
  id: 'sync-1',
  path: '/tmp/library.bib',
  scope: { kind: 'starred' },
  format: 'bibtex',
  includeNotes: false,
  scopeLabel: 'Starred',
};
const status = (config: BibSyncConfig | null): BibSyncStatus => ({
  config,
  state: config ? 'idle' : 'off',
  lastWrittenAt: null,
  lastEntryCount: null,
  error: null,
});

const A = 'arxiv:2403.00001';
const B = 'arxiv:2405.00002';
let db: ShelfmarkDb;
let stop: () => void = () => undefined;

beforeEach(async () => {
  db = new ShelfmarkDb(`sync-${Math.random()}`);
  await db.papers.bulkPut([
    paper({ id: A, title: 'Attention for graphs', authors: ['Ana Vaswani'], starred: 1 }),
    paper({ id: B, title: 'Diffusion models', authors: ['Sašo Džeroski'] }),
  ]);
});

afterEach(async () => {
  stop();
  await db.delete();
});

function fakeBridge(initial: BibSyncStatus) {
  const writes: { syncId: string; content: string; entryCount: number }[] = [];
  let listener: ((payload: IpcEvents['exportSync:changed']) => void) | null = null;
  const bridge = {
    getBibSync: vi.fn(async () => initial),
    writeBibSync: vi.fn(async (payload: { syncId: string; content: string; entryCount: number }) => {
      writes.push(payload);
      return { accepted: payload.syncId === CONFIG.id };
    }),
    on: ((_event: string, fn: (payload: BibSyncStatus) => void) => {
      listener = fn;
      return () => (listener = null);
    }) as never,
  };
  return { bridge, writes, emit: (s: BibSyncStatus) => listener?.(s) };
}

describe('startBibSyncRunner', () => {
  it('sends the scope as BibTeX with pinned keys, again when it changes, never the same text twice', async () => {
    const { bridge, writes } = fakeBridge(status(CONFIG));
    stop = startBibSyncRunner({ db, bridge, coalesceMs: 5 });
    await vi.waitFor(() => expect(writes).toHaveLength(1));
    expect(writes[0]).toMatchObject({ syncId: 'sync-1', entryCount: 1 });
    expect(writes[0]!.content).toContain('@misc{vaswani2024attention,');
    // showing = pinning: the key is now in the library
    expect((await db.papers.get(A))!.citationKey).toBe('vaswani2024attention');

    await setStarred(db, [B], true);
    await vi.waitFor(() => expect(writes).toHaveLength(2));
    expect(writes[1]!.entryCount).toBe(2);
    expect(writes[1]!.content).toContain('@misc{dzeroski2024diffusion,');

    // a change that does not reach the file (notes are not exported here) sends nothing
    await setNotes(db, A, 'a private note');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(writes).toHaveLength(2);
  });

  it('follows a new choice and stops when sync is turned off', async () => {
    const { bridge, writes, emit } = fakeBridge(status(null));
    stop = startBibSyncRunner({ db, bridge, coalesceMs: 5 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(writes).toHaveLength(0);
    emit(status({ ...CONFIG, format: 'biblatex', includeNotes: true }));
    await vi.waitFor(() => expect(writes).toHaveLength(1));
    expect(writes[0]!.content).toMatch(/^@online\{vaswani2024attention,/);
    emit(status(null));
    await setStarred(db, [B], true);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(writes).toHaveLength(1);
  });
});
