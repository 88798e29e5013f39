import { describe, expect, it, vi } from 'vitest';
import type { PendingImport, ShelfmarkApi } from '../shared/ipc';
import { importHistory } from './db/importHistory';
import { ShelfmarkDb } from './db/ShelfmarkDb';
import { commitPendingImport, createImportPump } from './importFlow';
import { getImportProgress } from './importProgress';

let counter = 0;
const freshDb = () => new ShelfmarkDb(`flow-${Date.now()}-${counter++}`);

function bridge(pending: PendingImport[]) {
  const acks: unknown[] = [];
  const api = {
    takePendingImports: vi.fn(async () =>
      pending.filter((p) => !acks.some((a) => (a as PendingImport).ticket === p.ticket)),
    ),
    acknowledgeImport: vi.fn(async (payload: unknown) => {
      acks.push(payload);
      return { remaining: 0 };
    }),
  } as unknown as ShelfmarkApi;
  return { api, acks };
}

const parsed = (ticket: string, title: string): PendingImport => ({
  ticket,
  fileName: `${ticket}.txt`,
  filePath: `/x/${ticket}.txt`,
  source: 'inbox',
  ok: true,
  digestId: `digest-${ticket}`,
  referenceDate: '2026-03-20',
  digest: {
    format: 'hf-daily-text',
    digestDate: '2026-03-13',
    papers: [{ title, abstract: 'A.', authors: [], arxivId: null, links: [] }],
    warnings: [],
  },
  encoding: 'utf-8',
  sizeBytes: 42,
  dateBasis: { kind: 'mtime', reference: '2026-03-20' },
});

describe('import flow', () => {
  it('commits, records and acknowledges each file; a refused file is recorded and acknowledged', async () => {
    const db = freshDb();
    const refused: PendingImport = {
      ticket: 'bad',
      fileName: 'bad.txt',
      filePath: '/x/bad.txt',
      source: 'drop',
      ok: false,
      error: 'bad.txt: the file is empty',
    };
    const { api, acks } = bridge([parsed('a', 'Paper A'), refused]);
    const errors: string[] = [];
    const summaries: string[] = [];
    const pump = createImportPump(db, api, {
      onSummary: (s) => summaries.push(s.fileName),
      onError: (m) => errors.push(m),
    });
    await pump();
    expect(summaries).toEqual(['a.txt']);
    expect(errors).toEqual(['bad.txt: the file is empty']);
    expect(acks).toEqual([
      { ticket: 'a', committed: true, added: 1, merged: 0, alreadyPresent: 0 },
      { ticket: 'bad', committed: false, added: 0, merged: 0, alreadyPresent: 0 },
    ]);
    const history = await importHistory(db);
    expect(history.map((r) => [r.fileName, r.outcome, r.source])).toEqual(
      expect.arrayContaining([
        ['a.txt', 'imported', 'inbox'],
        ['bad.txt', 'refused', 'drop'],
      ]),
    );
    expect(history.find((r) => r.fileName === 'a.txt')).toMatchObject({
      encoding: 'utf-8',
      sizeBytes: 42,
      dateBasis: { kind: 'mtime', reference: '2026-03-20' },
    });
    expect(getImportProgress().committing).toBeNull();
  });

  it('a file that cannot be saved is not acknowledged, so main offers it again', async () => {
    const db = freshDb();
    const broken = parsed('x', 'X');
    if (broken.ok) broken.digest.papers[0]!.title = undefined as unknown as string;
    const { api, acks } = bridge([broken]);
    const errors: string[] = [];
    await commitPendingImport(db, api, broken, { onSummary: () => undefined, onError: (m) => errors.push(m) });
    expect(acks).toEqual([]);
    expect(errors[0]).toMatch(/^x\.txt: could not be saved/);
    expect(await db.imports.count()).toBe(0);
  });
});
