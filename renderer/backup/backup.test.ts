import './testSupport';
import Dexie from 'dexie';
import { exportDB, importInto } from 'dexie-export-import';
import { afterEach, describe, expect, it } from 'vitest';
import type { Appearance, Digest, Paper } from '../../shared/model';
import { pinCitationKeys } from '../db/citationKeys';
import { setNotes } from '../db/paperRepository';
import { ShelfmarkDb } from '../db/ShelfmarkDb';
import { paper } from '../test/papers';
import { answerBackupRequest, backupManifest, backUpIfDue, backUpLibrary, restoreFromBackup } from './backupActions';
import { buildBackup, libraryFingerprint, openBackup } from './backupFile';
import { restoreBackup } from './restoreBackup';
import { CURRENT_SCHEMA_VERSION } from './schemaHistory';
import { UserActivity } from '../userActivity';
import { MemoryBackupFolder } from './testSupport';

const names: string[] = [];
let counter = 0;
async function freshDb(): Promise<ShelfmarkDb> {
  const name = `backup-test-${++counter}-${Math.random().toString(36).slice(2)}`;
  names.push(name);
  const db = new ShelfmarkDb(name);
  await db.open();
  return db;
}
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

/** A library of `n` papers with every user field in use, two digests and an import record. */
async function fill(db: ShelfmarkDb, n: number, salt = ''): Promise<void> {
  const papers: Paper[] = Array.from({ length: n }, (_, i) =>
    paper({
      id: `arxiv:${salt}2403.${String(i).padStart(5, '0')}`,
      title: `${salt}Paper ${i} — ünïcode ${'x'.repeat(i % 7)}`,
      notes: i % 10 === 0 ? `Note ${i}\n\n**bold** [link](https://example.org/${i})` : '',
      starred: i % 3 === 0 ? 1 : 0,
      status: (['unread', 'reading', 'read'] as const)[i % 3],
      readAt: i % 3 === 2 ? 1_700_000_000_000 + i : null,
      tags: i % 5 === 0 ? ['llm', `t${i % 17}`] : [],
      citationKey: i % 4 === 0 ? `${salt}key${i}` : null,
      updatedAt: 1_000 + i,
    }),
  );
  const digests: Digest[] = ['d1', 'd2'].map((id, i) => ({
    id: `${salt}${id}`,
    fileName: `${id}.txt`,
    format: 'hf-daily-text',
    date: `2026-03-1${i}`,
    importedAt: 5_000 + i,
    paperCount: Math.ceil(n / 2),
  }));
  const appearances: Appearance[] = papers.map((p, i) => ({
    digestId: digests[i % 2]!.id,
    paperId: p.id,
    digestDate: digests[i % 2]!.date,
    position: i,
  }));
  await db.transaction('rw', db.tables, async () => {
    await db.papers.bulkAdd(papers);
    await db.digests.bulkAdd(digests);
    await db.appearances.bulkAdd(appearances);
    await db.imports.add({ id: `${salt}imp1`, importedAt: 5_000, digestId: digests[0]!.id } as never);
  });
}

async function snapshot(db: Dexie) {
  const out: Record<string, unknown[]> = {};
  for (const table of db.tables) out[table.name] = await table.toArray();
  return out;
}

describe('backup and restore', () => {
  it('round-trips 10,000 papers with notes, stars, statuses, tags, keys, digests and history exactly', async () => {
    const source = await freshDb();
    await fill(source, 10_000);
    const folder = new MemoryBackupFolder();
    const { info, manifest } = await backUpLibrary(source, folder, 'manual');
    expect(manifest.counts).toEqual({
      papers: 10_000,
      notes: 1_000,
      starred: 3_334,
      tags: 18,
      citationKeys: 2_500,
      digests: 2,
      appearances: 10_000,
      imports: 1,
    });
    expect(info.bytes).toBeLessThan(1_000_000); // gzip

    const target = await freshDb();
    await fill(target, 50, 'other-'); // whatever was there is replaced
    await restoreFromBackup(target, folder, { kind: 'stored', name: info.name }, info.bytes);
    expect(await snapshot(target)).toEqual(await snapshot(source));
  }, 60_000);

  it('previews the counts from the first bytes of the file alone', async () => {
    const db = await freshDb();
    await fill(db, 30);
    const folder = new MemoryBackupFolder();
    const { info } = await backUpLibrary(db, folder, 'manual');
    const manifest = await backupManifest(folder, { kind: 'stored', name: info.name }, info.bytes);
    expect(manifest.counts).toMatchObject({ papers: 30, notes: 3, starred: 10, digests: 2 });
    expect(manifest.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
  });

  describe('a failed restore leaves the library as it was', () => {
    async function attempt(
      damage: (file: Uint8Array, text: string) => Uint8Array | Promise<Uint8Array>,
      reason: RegExp,
    ) {
      const source = await freshDb();
      await fill(source, 200, 'backup-');
      const { file } = await buildBackup(source);
      const bytes = new Uint8Array(await file.arrayBuffer());
      const text = await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).text();
      const folder = new MemoryBackupFolder();
      const info = folder.put(await damage(bytes, text));
      const target = await freshDb();
      await fill(target, 120, 'current-');
      const before = await snapshot(target);
      await expect(restoreFromBackup(target, folder, { kind: 'stored', name: info.name }, info.bytes)).rejects.toThrow(
        reason,
      );
      expect(await snapshot(target)).toEqual(before);
    }
    const gzip = async (text: string) =>
      new Uint8Array(
        await new Response(new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer(),
      );

    it('a truncated file', () => attempt((bytes) => bytes.slice(0, Math.floor(bytes.byteLength / 2)), /damaged/));
    it('random bytes', () => attempt(() => crypto.getRandomValues(new Uint8Array(4096)), /damaged|not a Shelfmark/));
    it('not a backup at all', () => attempt(() => gzip('{"hello": "world"}\n{}'), /not a Shelfmark backup/));
    it('library data cut off mid-way', () =>
      attempt((_b, text) => gzip(text.slice(0, Math.floor(text.length * 0.7))), /incomplete|damaged/));
    it('a manifest that claims more papers than the file holds', () =>
      attempt((_b, text) => gzip(text.replace('"papers":200', '"papers":201')), /lists 201 papers but holds 200/));
    it('a damaged row (a paper without a title)', () =>
      attempt((_b, text) => gzip(text.replace(/"title":"backup-Paper 7[^"]*",/, '')), /damaged row/));
    it('a duplicate key that only the database detects, mid-transaction', () =>
      // two appearances become the same [digestId+paperId]: bulkAdd fails after papers were written
      attempt(
        (_b, text) => gzip(text.replace('"paperId":"arxiv:backup-2403.00003"', '"paperId":"arxiv:backup-2403.00001"')),
        /bulkAdd|constraint|exists/i,
      ));
    it('a backup from a newer schema', () =>
      attempt(
        (_b, text) => gzip(text.replace(`"schemaVersion":${CURRENT_SCHEMA_VERSION}`, '"schemaVersion":99')),
        /newer version/,
      ));
  });

  describe('the file format', () => {
    const NOW = 1_773_000_000_000;
    const gunzip = (file: Blob) => new Response(file.stream().pipeThrough(new DecompressionStream('gzip'))).text();
    const body = (text: string) => text.slice(text.indexOf('\n') + 1);

    it('is the same file whatever the export chunk size, at and across chunk boundaries', async () => {
      for (const n of [20, 21]) {
        const source = await freshDb();
        await fill(source, n); // n papers and n appearances: 21 ends exactly on a chunk of 7
        const whole = await buildBackup(source, NOW);
        const expected = await gunzip(whole.file);
        for (const rowsPerChunk of [1, 2, 7, 20, 21]) {
          const chunked = await buildBackup(source, NOW, rowsPerChunk);
          expect(chunked.manifest).toEqual(whole.manifest);
          expect(await gunzip(chunked.file)).toBe(expected);
        }
        const target = await freshDb();
        await restoreBackup(target, await openBackup((await buildBackup(source, NOW, 7)).file));
        expect(await snapshot(target)).toEqual(await snapshot(source));
      }
    });

    it("holds what dexie-export-import's exportDB wrote, less its no-op array tags, and its importer reads it", async () => {
      const source = await freshDb();
      await fill(source, 30);
      const { file } = await buildBackup(source, NOW, 7);
      const ours = JSON.parse(body(await gunzip(file))) as unknown;
      const theirs = JSON.parse(await (await exportDB(source)).text()) as {
        data: { data: { rows: Record<string, unknown>[] }[] };
      };
      for (const table of theirs.data.data) {
        for (const row of table.rows) {
          expect(Object.values((row.$types ?? {}) as object).every((type) => type === 'arrayNonindexKeys')).toBe(true);
          delete row.$types;
        }
      }
      expect(ours).toEqual(theirs);

      const imported = await freshDb();
      await importInto(imported, new Blob([body(await gunzip(file))]), { acceptNameDiff: true });
      expect(await snapshot(imported)).toEqual(await snapshot(source));
    });

    it("restores a backup made by earlier versions (exportDB's body, with its $types)", async () => {
      const source = await freshDb();
      await fill(source, 40);
      const { manifest } = await buildBackup(source, NOW);
      const exported = await exportDB(source, { numRowsPerChunk: 5_000 });
      const plain = new Blob([JSON.stringify(manifest), '\n', exported]);
      const old = await new Response(plain.stream().pipeThrough(new CompressionStream('gzip'))).blob();
      expect(await gunzip(old)).toContain('"$types":{"authors":"arrayNonindexKeys"');
      const target = await freshDb();
      await fill(target, 5, 'other-');
      await restoreBackup(target, await openBackup(old));
      expect(await snapshot(target)).toEqual(await snapshot(source));
    });
  });

  it('the fingerprint follows every change: edits, pinned keys, imports', async () => {
    const db = await freshDb();
    await fill(db, 20);
    const { manifest } = await buildBackup(db);
    expect(await libraryFingerprint(db)).toBe(manifest.fingerprint);
    const seen = new Set([manifest.fingerprint]);
    await setNotes(db, 'arxiv:2403.00005', 'new note', 9_999_999);
    seen.add(await libraryFingerprint(db));
    await pinCitationKeys(db, ['arxiv:2403.00001']);
    seen.add(await libraryFingerprint(db));
    await db.imports.add({ id: 'imp2', importedAt: 6_000, digestId: null } as never);
    seen.add(await libraryFingerprint(db));
    expect(seen.size).toBe(4);
  });

  describe('the daily backup gives way to writes', () => {
    const NOW = 1_773_000_000_000;
    const gunzip = (file: Blob) => new Response(file.stream().pipeThrough(new DecompressionStream('gzip'))).text();

    it('reads in short transactions: a write started meanwhile commits before the backup ends', async () => {
      const db = await freshDb();
      await fill(db, 200);
      for (const signal of [undefined, new AbortController().signal]) {
        const note = `written during the backup (${signal ? 'short reads' : 'one transaction'})`;
        const backup = buildBackup(db, NOW, 2, { signal });
        // the last paper in key order, read in the backup's last chunk
        await setNotes(db, 'arxiv:2403.00199', note);
        // one read transaction holds the write back until the whole library is read (the file has
        // the library as it was); short reads let it through long before the last chunk
        expect((await gunzip((await backup).file)).includes(note)).toBe(signal !== undefined);
      }
      // with nothing written meanwhile, both ways give the same file
      const whole = await buildBackup(db, NOW);
      const short = await buildBackup(db, NOW, 7, { signal: new AbortController().signal });
      expect(short.manifest).toEqual(whole.manifest);
      expect(await gunzip(short.file)).toBe(await gunzip(whole.file));
    });

    it('waits for a pause in the person’s work before each read after the first', async () => {
      const db = await freshDb();
      await fill(db, 20); // 20 papers and 20 appearances, read 10 at a time
      let pauses = 0;
      let release: () => void = () => undefined;
      const folder = new MemoryBackupFolder();
      const attempt = backUpIfDue(db, folder, 10, () => {
        pauses++;
        return new Promise<void>((resolve) => (release = resolve));
      });
      // held at the first pause: the file is not saved while the person keeps working
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(pauses).toBe(1);
      expect(folder.files.size).toBe(0);
      // each pause that ends lets one more read through, up to the next pause
      for (let i = 0; i < 10 && folder.files.size === 0; i++) {
        release();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(await attempt).toBe('saved');
      // papers: reads of 10, 10, 0 → 2 pauses; appearances the same → 4 in all
      expect(pauses).toBe(4);
      const [saved] = [...folder.files.values()];
      const restored = await freshDb();
      await restoreFromBackup(restored, folder, { kind: 'stored', name: saved!.info.name }, saved!.info.bytes);
      expect(await snapshot(restored)).toEqual(await snapshot(db));
    });

    it('a write during a pause ends the wait at once: interrupted, nothing saved', async () => {
      const db = await freshDb();
      await fill(db, 20);
      const folder = new MemoryBackupFolder();
      const typing = new EventTarget();
      const busy = new UserActivity(typing);
      typing.dispatchEvent(new Event('keydown')); // and then a minute of work ahead
      const attempt = backUpIfDue(db, folder, 10, (signal) => busy.idleFor(60_000, signal));
      await new Promise((resolve) => setTimeout(resolve, 50));
      await setNotes(db, 'arxiv:2403.00003', 'typed while the backup waited');
      expect(await attempt).toBe('interrupted');
      expect(folder.files.size).toBe(0);
    });

    it('gives up when the library is written to meanwhile, saves nothing, and saves on the next try', async () => {
      const db = await freshDb();
      await fill(db, 200);
      const folder = new MemoryBackupFolder();
      const attempt = backUpIfDue(db, folder, 2);
      await setNotes(db, 'arxiv:2403.00003', 'typed while the backup ran');
      expect(await attempt).toBe('interrupted');
      expect(folder.files.size).toBe(0);
      expect(await backUpIfDue(db, folder, 2)).toBe('saved');
      const [saved] = [...folder.files.values()];
      const restored = await freshDb();
      await restoreFromBackup(restored, folder, { kind: 'stored', name: saved!.info.name }, saved!.info.bytes);
      expect((await restored.papers.get('arxiv:2403.00003'))?.notes).toBe('typed while the backup ran');
      expect(await snapshot(restored)).toEqual(await snapshot(db));
    });
  });

  it('the daily backup and the backup on quit skip an unchanged library', async () => {
    const db = await freshDb();
    const folder = new MemoryBackupFolder();
    expect(await backUpIfDue(db, folder)).toBe('empty');
    await fill(db, 10);
    expect(await backUpIfDue(db, folder)).toBe('saved');
    expect(await backUpIfDue(db, folder)).toBe('not-due');
    folder.dailyDue = true;
    expect(await backUpIfDue(db, folder)).toBe('unchanged');
    await answerBackupRequest(db, folder, 'quit-1');
    expect(folder.finished).toEqual([{ requestId: 'quit-1', outcome: 'unchanged' }]);
    await setNotes(db, 'arxiv:2403.00001', 'changed');
    await answerBackupRequest(db, folder, 'quit-2');
    expect([...folder.files.values()].map((f) => f.info.reason)).toEqual(['auto', 'quit']);
  });
});
