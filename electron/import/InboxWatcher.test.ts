import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InboxWatcher, isInboxCandidate } from './InboxWatcher';

// No fixed sleeps: every assertion waits for the watcher to report what it did with a file.
const WAIT = { timeout: 15_000, interval: 25 };

interface Harness {
  folder: string;
  seenPath: string;
  queued: string[];
  outcomes: Map<string, string[]>;
  watcher: InboxWatcher;
}

const running: InboxWatcher[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((w) => w.stop()));
});

async function startWatcher(folder: string, seenPath: string): Promise<Harness> {
  const queued: string[] = [];
  const outcomes = new Map<string, string[]>();
  const watcher = new InboxWatcher({
    folder,
    seenPath,
    stabilityMs: 80,
    enqueue: async (paths) => void queued.push(...paths.map((p) => path.basename(p))),
    onHandled: (file, outcome) => {
      const name = path.basename(file);
      outcomes.set(name, [...(outcomes.get(name) ?? []), outcome]);
    },
  });
  running.push(watcher);
  await watcher.start();
  return { folder, seenPath, queued, outcomes, watcher };
}

const outcomeOf = (h: Harness, name: string) => h.outcomes.get(name) ?? [];

describe('InboxWatcher', () => {
  it('imports files waiting at start, new files and changed content, each content once', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'shelfmark-inbox-'));
    const seenPath = path.join(await mkdtemp(path.join(os.tmpdir(), 'shelfmark-seen-')), 'seen.json');
    await writeFile(path.join(folder, 'waiting.txt'), 'Mar 13\n\nA\n\nAbstract A.\n');

    const h = await startWatcher(folder, seenPath);
    await vi.waitFor(() => expect(outcomeOf(h, 'waiting.txt')).toEqual(['queued']), WAIT);

    await writeFile(path.join(folder, 'new.txt'), 'Mar 14\n\nB\n\nAbstract B.\n');
    await vi.waitFor(() => expect(outcomeOf(h, 'new.txt')).toEqual(['queued']), WAIT);

    // the same bytes under another name: seen, not queued
    await writeFile(path.join(folder, 'copy of new.txt'), 'Mar 14\n\nB\n\nAbstract B.\n');
    await vi.waitFor(() => expect(outcomeOf(h, 'copy of new.txt')).toEqual(['seen']), WAIT);

    // new content in a known file: queued again
    await writeFile(path.join(folder, 'new.txt'), 'Mar 14\n\nB\n\nAbstract B, revised.\n');
    await vi.waitFor(() => expect(outcomeOf(h, 'new.txt')).toEqual(['queued', 'queued']), WAIT);

    // partial downloads and hidden files are left alone; the next real file still arrives
    await writeFile(path.join(folder, 'digest.txt.crdownload'), 'Mar 15\n');
    await writeFile(path.join(folder, '.hidden.txt'), 'Mar 15\n');
    await writeFile(path.join(folder, 'last.txt'), 'Mar 16\n\nC\n\nAbstract C.\n');
    await vi.waitFor(() => expect(outcomeOf(h, 'last.txt')).toEqual(['queued']), WAIT);
    await h.watcher.idle();
    expect(h.queued.sort()).toEqual(['last.txt', 'new.txt', 'new.txt', 'waiting.txt']);
    expect(h.outcomes.has('digest.txt.crdownload')).toBe(false);
    expect(h.outcomes.has('.hidden.txt')).toBe(false);

    // a restart remembers what was imported
    await h.watcher.stop();
    const again = await startWatcher(folder, seenPath);
    await vi.waitFor(() => {
      for (const name of ['waiting.txt', 'new.txt', 'copy of new.txt', 'last.txt']) {
        expect(outcomeOf(again, name)).toEqual(['seen']);
      }
    }, WAIT);
    expect(again.queued).toEqual([]);
    await rm(folder, { recursive: true, force: true });
  }, 60_000);

  it('a file that vanishes before it is read is skipped without an error', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'shelfmark-inbox-'));
    const errors: string[] = [];
    const watcher = new InboxWatcher({
      folder,
      seenPath: path.join(folder, '.seen.json'),
      enqueue: async () => undefined,
      onError: (m) => errors.push(m),
    });
    running.push(watcher);
    await watcher.start();
    // reached through the private handler: the watcher's own timing cannot make this race reliably
    await (watcher as unknown as { handle(file: string): Promise<void> }).handle(path.join(folder, 'gone.txt'));
    expect(errors).toEqual([]);
    expect(JSON.parse(await readFile(path.join(folder, '.seen.json'), 'utf8').catch(() => '[]'))).toEqual([]);
  });

  it.each([
    ['digest.txt', true],
    ['hf.eml', true],
    ['.DS_Store', false],
    ['~$digest.txt', false],
    ['digest.txt.crdownload', false],
    ['digest.txt.part', false],
    ['digest.txt~', false],
    ['notes.swp', false],
    ['photo.png', false],
    ['install.log', false],
    ['README', false],
    ['listing.XML', true],
    ['refs.bib', true],
  ])('%s is a candidate: %s', (name, expected) => {
    expect(isInboxCandidate(name)).toBe(expected);
  });
});
