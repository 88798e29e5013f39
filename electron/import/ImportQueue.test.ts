import { readFile, mkdtemp, writeFile, copyFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ImportQueue } from './ImportQueue';

const SAMPLE = fileURLToPath(new URL('../../shared/digest/fixtures/hf-daily-papers-sample.txt', import.meta.url));

describe('ImportQueue', () => {
  it('holds a parsed file until it is acknowledged, and survives a restart until then', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'shelfmark-queue-'));
    const statePath = path.join(dir, 'import-queue.json');
    const digest = path.join(dir, 'digest.txt');
    await copyFile(SAMPLE, digest);
    const announced: number[] = [];
    const queue = new ImportQueue({ statePath, onAvailable: (n) => announced.push(n) });
    await queue.enqueue([digest]);
    expect(announced).toEqual([1]);
    const [item] = queue.list();
    expect(item).toMatchObject({ ok: true, fileName: 'digest.txt' });
    if (!item?.ok) throw new Error('expected a parsed item');
    expect(item.digest.papers).toHaveLength(75);
    expect(item.digestId).toMatch(/^[0-9a-f]{64}$/);
    // offered again until acknowledged
    expect(queue.list()).toHaveLength(1);
    expect(JSON.parse(await readFile(statePath, 'utf8'))).toEqual([{ path: digest, source: 'dialog' }]);

    // the app quits before the renderer acknowledged: the next run gets the file back
    const next = new ImportQueue({ statePath });
    expect(await next.restore()).toBe(1);
    const [again] = next.list();
    expect(again).toMatchObject({ ok: true, filePath: digest });

    await next.acknowledge(again!.ticket);
    expect(next.size).toBe(0);
    expect(JSON.parse(await readFile(statePath, 'utf8'))).toEqual([]);
  });

  it('reports unreadable files as errors naming the file, without persisting them', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'shelfmark-queue-'));
    const statePath = path.join(dir, 'q.json');
    const empty = path.join(dir, 'empty.txt');
    await writeFile(empty, '');
    const queue = new ImportQueue({ statePath });
    await queue.enqueue([empty, path.join(dir, 'missing.txt')]);
    const errors = queue
      .list()
      .map((p) => (p.ok ? null : p.error))
      .sort();
    expect(errors).toEqual(['empty.txt: the file is empty', 'missing.txt: does not exist']);
    expect(JSON.parse(await readFile(statePath, 'utf8'))).toEqual([]);
  });

  it('ignores a corrupt state file', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'shelfmark-queue-'));
    const statePath = path.join(dir, 'q.json');
    await writeFile(statePath, '{not json');
    expect(await new ImportQueue({ statePath }).restore()).toBe(0);
  });
});

describe('ImportQueue sources and progress', () => {
  it('remembers how each file arrived across a restart, and reads the first state format (bare paths)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'shelfmark-queue-'));
    const statePath = path.join(dir, 'q.json');
    const a = path.join(dir, 'a.txt');
    const b = path.join(dir, 'b.txt');
    await copyFile(SAMPLE, a);
    await copyFile(SAMPLE, b);
    const first = new ImportQueue({ statePath });
    await first.enqueue([a], 'inbox');
    await first.enqueue([b], 'open-file');
    const next = new ImportQueue({ statePath });
    await next.restore();
    expect(
      next
        .list()
        .map((p) => [p.fileName, p.source])
        .sort(),
    ).toEqual([
      ['a.txt', 'inbox'],
      ['b.txt', 'open-file'],
    ]);
    await writeFile(statePath, JSON.stringify([a]));
    const legacy = new ImportQueue({ statePath });
    expect(await legacy.restore()).toBe(1);
    expect(legacy.list()[0]).toMatchObject({ ok: true, fileName: 'a.txt' });
  });

  it('reports progress while reading, reads the size cap per file, and calls back on acknowledgement', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'shelfmark-queue-'));
    const file = path.join(dir, 'a.txt');
    await copyFile(SAMPLE, file);
    let cap = 10;
    const progress: unknown[] = [];
    const acknowledged: string[] = [];
    const queue = new ImportQueue({
      maxBytes: () => cap,
      onProgress: (p) => progress.push(p),
      onAcknowledged: (item) => void acknowledged.push(item.fileName),
    });
    await queue.enqueue([file]);
    expect(progress).toEqual([
      { reading: 1, waiting: 0, fileName: 'a.txt' },
      { reading: 0, waiting: 1 },
    ]);
    const [refused] = queue.list();
    expect(refused).toMatchObject({ ok: false, error: expect.stringContaining('over the') });
    await queue.acknowledge(refused!.ticket);
    expect(acknowledged).toEqual(['a.txt']);
    cap = 50 * 1024 * 1024;
    await queue.enqueue([file]);
    expect(queue.list()[0]).toMatchObject({ ok: true, sizeBytes: expect.any(Number) });
  });

  it('offers files in the order they were handed in, however their reads finish', async () => {
    // the first file takes longest to read: it must still be committed first
    const delays: Record<string, number> = { 'first.txt': 60, 'second.txt': 30, 'third.txt': 0 };
    const queue = new ImportQueue({
      read: async (filePath) => {
        const fileName = path.basename(filePath);
        await new Promise((resolve) => setTimeout(resolve, delays[fileName]));
        return { ok: false, fileName, error: `${fileName}: test` };
      },
    });
    await queue.enqueue(['/x/first.txt', '/x/second.txt', '/x/third.txt']);
    await queue.enqueue(['/x/fourth.txt']);
    expect(queue.list().map((item) => item.fileName)).toEqual(['first.txt', 'second.txt', 'third.txt', 'fourth.txt']);
    await queue.acknowledge(queue.list()[1]!.ticket);
    expect(queue.list().map((item) => item.fileName)).toEqual(['first.txt', 'third.txt', 'fourth.txt']);
  });
});
