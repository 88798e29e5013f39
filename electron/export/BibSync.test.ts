import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BibSyncChoice, BibSyncStatus } from '../../shared/export/exportScope';
import { BibSync } from './BibSync';
import { writeFileAtomic } from './writeFileAtomic';

const CHOICE: BibSyncChoice = {
  scope: { kind: 'starred' },
  format: 'bibtex',
  includeNotes: false,
  scopeLabel: 'Starred',
};

async function setup(options: { write?: (file: string, content: string) => Promise<number> } = {}) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'shelfmark-sync-'));
  const statuses: BibSyncStatus[] = [];
  const write = vi.fn(options.write ?? ((file: string, content: string) => writeFileAtomic(file, content)));
  const sync = new BibSync({
    file: path.join(dir, 'sync.json'),
    debounceMs: 1000,
    now: () => 1_760_000_000_000,
    onChange: (status) => statuses.push(status),
    write,
  });
  await sync.init();
  return { dir, sync, statuses, write, bib: path.join(dir, 'refs.bib') };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('BibSync', () => {
  it('starts off when there is no sync.json', async () => {
    const { sync } = await setup();
    expect(sync.status()).toMatchObject({ config: null, state: 'off', lastWrittenAt: null, error: null });
  });

  it('debounces a burst of changes into one write of the latest text', async () => {
    const { sync, bib, write } = await setup();
    const { config } = await sync.configure(CHOICE, bib);
    vi.useFakeTimers();
    expect(sync.submit(config!.id, 'one', 1)).toBe(true);
    await vi.advanceTimersByTimeAsync(500);
    sync.submit(config!.id, 'two', 2);
    await vi.advanceTimersByTimeAsync(500);
    sync.submit(config!.id, 'three', 3);
    await vi.advanceTimersByTimeAsync(999);
    expect(write).not.toHaveBeenCalled();
    expect(sync.status().state).toBe('waiting');
    await vi.advanceTimersByTimeAsync(1);
    vi.useRealTimers();
    await sync.flush();
    expect(write).toHaveBeenCalledTimes(1);
    expect(await readFile(bib, 'utf8')).toBe('three');
    expect(sync.status()).toMatchObject({ state: 'idle', lastWrittenAt: 1_760_000_000_000, lastEntryCount: 3 });
  });

  it('skips a write when the text is what the file already holds', async () => {
    const { sync, bib, write } = await setup();
    const { config } = await sync.configure(CHOICE, bib);
    sync.submit(config!.id, 'same', 1);
    await sync.flush();
    sync.submit(config!.id, 'same', 1);
    await sync.flush();
    expect(write).toHaveBeenCalledTimes(1);
    const before = (await stat(bib)).mtimeMs;
    sync.submit(config!.id, 'same', 1);
    await sync.flush();
    expect((await stat(bib)).mtimeMs).toBe(before);
  });

  it('refuses text for a sync that is no longer current', async () => {
    const { sync, bib, write } = await setup();
    const first = (await sync.configure(CHOICE, bib)).config!;
    const second = (await sync.configure({ ...CHOICE, format: 'biblatex' }, bib)).config!;
    expect(first.id).not.toBe(second.id);
    expect(sync.submit(first.id, 'stale', 1)).toBe(false);
    await sync.flush();
    expect(write).not.toHaveBeenCalled();
  });

  it('survives a restart: the choice and the last write time come back from sync.json', async () => {
    const { sync, bib, dir } = await setup();
    const { config } = await sync.configure(CHOICE, bib);
    sync.submit(config!.id, 'text', 4);
    await sync.close();
    const again = new BibSync({ file: path.join(dir, 'sync.json') });
    const status = await again.init();
    expect(status).toMatchObject({ config, state: 'idle', lastWrittenAt: 1_760_000_000_000, lastEntryCount: 4 });
  });

  it('ignores a corrupt or hand-edited sync.json', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'shelfmark-sync-'));
    for (const content of ['{oops', '[]', '{"config": {"path": 5}}', '{"config": {"id": "x"}}']) {
      await writeFile(path.join(dir, 'sync.json'), content);
      const sync = new BibSync({ file: path.join(dir, 'sync.json') });
      expect((await sync.init()).config).toBeNull();
    }
  });

  it('reports a failed write naming the file and the reason, then recovers', async () => {
    let fail = true;
    const { sync, bib, statuses } = await setup({
      write: async (file, content) => {
        if (fail) throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
        return writeFileAtomic(file, content);
      },
    });
    const { config } = await sync.configure(CHOICE, bib);
    sync.submit(config!.id, 'text', 1);
    await sync.flush();
    expect(sync.status()).toMatchObject({ state: 'error', error: `Could not save ${bib}: the disk is full` });
    expect(statuses.at(-1)?.state).toBe('error');
    fail = false;
    sync.submit(config!.id, 'text', 1);
    await sync.flush();
    expect(sync.status()).toMatchObject({ state: 'idle', error: null });
    expect(await readFile(bib, 'utf8')).toBe('text');
  });

  it('stop forgets the choice, cancels a pending write and keeps the file', async () => {
    const { sync, bib, write, dir } = await setup();
    const { config } = await sync.configure(CHOICE, bib);
    sync.submit(config!.id, 'written', 1);
    await sync.flush();
    sync.submit(config!.id, 'pending', 1);
    expect(sync.hasPending()).toBe(true);
    await sync.stop();
    await sync.flush();
    expect(write).toHaveBeenCalledTimes(1);
    expect(await readFile(bib, 'utf8')).toBe('written');
    expect(JSON.parse(await readFile(path.join(dir, 'sync.json'), 'utf8')).config).toBeNull();
  });
});
