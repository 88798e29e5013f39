// Every schema version ever shipped, upgraded by the current code: a database is built at each
// earlier version with that version's schema and fixture rows, then opened the way the app opens
// it. Every paper, note, star, status, tag, key, digest and appearance must come through, and a
// backup of the old database must be taken before the upgrade runs.

import '../backup/testSupport';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { backupManifest, restoreFromBackup } from '../backup/backupActions';
import { CURRENT_SCHEMA_VERSION, declareSchemaUpTo, SCHEMA_HISTORY } from '../backup/schemaHistory';
import { MemoryBackupFolder } from '../backup/testSupport';
import { paper } from '../test/papers';
import { withoutQueueFields } from '../test/queue';
import { classifyStorageError, openDatabase, storedSchemaVersion } from './openDatabase';
import { ShelfmarkDb } from './ShelfmarkDb';

const names: string[] = [];
const uniqueName = (label: string) => {
  const name = `migrate-${label}-${Math.random().toString(36).slice(2)}`;
  names.push(name);
  return name;
};
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

/** What the app of version `k` wrote: its tables, and the fields its papers had. */
function fixtureFor(version: number) {
  const papers = Array.from({ length: 40 }, (_, i) => {
    const row = paper({
      id: i % 4 === 3 ? `title:paper ${version} ${i}` : `arxiv:2403.${version}${String(i).padStart(4, '0')}`,
      notes: i % 3 === 0 ? `v${version} note ${i}: **keep** me` : '',
      starred: i % 2 === 0 ? 1 : 0,
      status: (['unread', 'reading', 'read'] as const)[i % 3],
      readAt: i % 3 === 2 ? 1_700_000_000_000 + i : null,
      tags: i % 5 === 0 ? ['kept', `v${version}`] : [],
      citationKey: version >= 4 && i % 2 === 0 ? `key${version}x${i}` : null,
      updatedAt: 2_000 + i,
    });
    if (version < 4) delete (row as Partial<typeof row>).citationKey; // keys came with version 4
    if (version >= 5 && row.status === 'reading') {
      // from version 5 on, a paper in Reading holds its place in the queue
      row.queueRank = i + 1;
      row.queuedAt = 2_000 + i;
    }
    return row;
  });
  const digests = [
    {
      id: `d${version}`,
      fileName: 'a.txt',
      format: 'hf-daily-text' as const,
      date: '2026-03-13',
      importedAt: 7,
      paperCount: 40,
    },
  ];
  const appearances = papers.map((p, i) => ({
    digestId: `d${version}`,
    paperId: p.id,
    digestDate: '2026-03-13',
    position: i,
  }));
  const imports =
    version >= 3
      ? [{ id: `imp${version}`, importedAt: 7, digestId: `d${version}`, fileName: 'a.txt', outcome: 'committed' }]
      : [];
  return { papers, digests, appearances, imports };
}

async function buildAtVersion(name: string, version: number) {
  const old = declareSchemaUpTo(new Dexie(name), version);
  await old.open();
  const fixture = fixtureFor(version);
  await old.transaction('rw', old.tables, async () => {
    await old.table('papers').bulkAdd(fixture.papers);
    await old.table('digests').bulkAdd(fixture.digests);
    await old.table('appearances').bulkAdd(fixture.appearances);
    if (version >= 3) await old.table('imports').bulkAdd(fixture.imports);
  });
  old.close();
  return fixture;
}

const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => (a.id < b.id ? -1 : 1));

describe('schema history', () => {
  it('lists every version ShelfmarkDb declares, in order', () => {
    expect(new ShelfmarkDb(uniqueName('probe')).verno).toBe(CURRENT_SCHEMA_VERSION);
    expect(SCHEMA_HISTORY).toHaveLength(CURRENT_SCHEMA_VERSION);
  });
});

describe.each(Array.from({ length: CURRENT_SCHEMA_VERSION - 1 }, (_, i) => i + 1))(
  'a library at schema version %i',
  (version) => {
    it('opens with the current code with everything intact, after a backup of the old database', async () => {
      const name = uniqueName(`v${version}`);
      const fixture = await buildAtVersion(name, version);
      expect(await storedSchemaVersion(name)).toBe(version);

      const folder = new MemoryBackupFolder();
      const db = new ShelfmarkDb(name);
      const outcome = await openDatabase({ db, bridge: folder });
      expect(outcome.ok).toBe(true);
      expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
      expect(await storedSchemaVersion(name)).toBe(CURRENT_SCHEMA_VERSION);

      // version 5 ranks the Reading queue (a version 5 library is ranked already); every other field is as it was
      const upgraded = await db.papers.toArray();
      expect(byId(upgraded.map(withoutQueueFields))).toEqual(byId(fixture.papers.map(withoutQueueFields)));
      if (version >= 5) expect(byId(upgraded)).toEqual(byId(fixture.papers));
      expect(upgraded.filter((p) => typeof p.queueRank === 'number')).toHaveLength(
        fixture.papers.filter((p) => p.status === 'reading').length,
      );
      expect(await db.digests.toArray()).toEqual(fixture.digests);
      expect(await db.appearances.count()).toBe(fixture.appearances.length);
      expect(await db.imports.toArray()).toEqual(fixture.imports);
      // the new indexes answer for the old rows
      expect(await db.papers.where('[starred+listOrder]').between([1, ''], [1, '\uffff']).count()).toBe(20);
      expect(await db.papers.where('tags').equals('kept').count()).toBe(8);

      // the backup was taken at the old version, before the upgrade, and restores
      const [backup] = (await folder.listBackups()).backups;
      expect(backup?.reason).toBe('pre-upgrade');
      const manifest = await backupManifest(folder, { kind: 'stored', name: backup!.name }, backup!.bytes);
      expect(manifest.schemaVersion).toBe(version);
      expect(manifest.counts).toMatchObject({ papers: 40, notes: 14, starred: 20, tags: 1 + 1, digests: 1 });
      const restored = new ShelfmarkDb(uniqueName(`restore-v${version}`));
      await restored.open();
      await restoreFromBackup(restored, folder, { kind: 'stored', name: backup!.name }, backup!.bytes);
      // restoring the old backup runs the same upgrades: the same rows as the upgraded library
      expect(byId(await restored.papers.toArray())).toEqual(byId(await db.papers.toArray()));
      restored.close();
      db.close();
    });
  },
);

describe('openDatabase', () => {
  it('creates a new library without a backup, and probing leaves no database behind', async () => {
    const name = uniqueName('new');
    expect(await storedSchemaVersion(name)).toBeNull();
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(name);
    const folder = new MemoryBackupFolder();
    const db = new ShelfmarkDb(name);
    expect((await openDatabase({ db, bridge: folder })).ok).toBe(true);
    expect(folder.files.size).toBe(0);
    db.close();
  });

  it('refuses a library from a newer Shelfmark and leaves it untouched', async () => {
    const name = uniqueName('newer');
    const newer = declareSchemaUpTo(new Dexie(name), CURRENT_SCHEMA_VERSION);
    newer.version(CURRENT_SCHEMA_VERSION + 2).stores({ futureTable: 'id' });
    await newer.open();
    await newer.table('papers').add(paper({ id: 'arxiv:future' }));
    newer.close();
    const outcome = await openDatabase({ db: new ShelfmarkDb(name), bridge: new MemoryBackupFolder() });
    expect(outcome).toMatchObject({
      ok: false,
      problem: { kind: 'newer-version', storedVersion: CURRENT_SCHEMA_VERSION + 2 },
    });
    expect(await storedSchemaVersion(name)).toBe(CURRENT_SCHEMA_VERSION + 2);
    const check = new Dexie(name);
    await check.open();
    expect(await check.table('papers').count()).toBe(1);
    check.close();
  });

  it('does not upgrade when the backup before the upgrade fails, and says so', async () => {
    const name = uniqueName('nobackup');
    await buildAtVersion(name, 2);
    const failing = new MemoryBackupFolder();
    failing.beginBackup = async () => {
      throw Object.assign(new Error('The disk is full'), { name: 'QuotaExceededError' });
    };
    const outcome = await openDatabase({ db: new ShelfmarkDb(name), bridge: failing });
    expect(outcome).toMatchObject({ ok: false, problem: { kind: 'upgrade-backup-failed', storedVersion: 2 } });
    expect(await storedSchemaVersion(name)).toBe(2);
    // the person may choose to go on without it
    const db = new ShelfmarkDb(name);
    expect((await openDatabase({ db, bridge: failing, skipUpgradeBackup: true })).ok).toBe(true);
    expect(await db.papers.count()).toBe(40);
    db.close();
  });
});

describe('classifyStorageError', () => {
  const dexieError = (name: string, message: string, inner?: unknown) =>
    Object.assign(new Error(message), { name, inner });
  it.each([
    [dexieError('QuotaExceededError', 'The quota has been exceeded.'), 'quota'],
    [dexieError('AbortError', 'Transaction aborted', dexieError('QuotaExceededError', 'Quota exceeded')), 'quota'],
    [dexieError('UnknownError', 'IO error: /profile/IndexedDB/...: No space left on device (ENOSPC)'), 'quota'],
    [dexieError('OpenFailedError', 'UnknownError Internal error opening backing store for indexedDB.open.'), 'corrupt'],
    [dexieError('DataError', 'Failed to read large IndexedDB value'), 'corrupt'],
    [dexieError('VersionError', 'The requested version (40) is less than the existing version (60).'), 'newer-version'],
    [dexieError('MissingAPIError', 'IndexedDB API missing'), 'unavailable'],
    [
      dexieError('InvalidStateError', 'A mutation operation was attempted on a database that did not allow mutations.'),
      'unavailable',
    ],
    [dexieError('DatabaseClosedError', 'Database open blocked by another connection'), 'blocked'],
    [new Error('something else'), 'unknown'],
    ['a string', 'unknown'],
  ])('%s → %s', (error, kind) => {
    expect(classifyStorageError(error).kind).toBe(kind);
  });

  it('keeps the whole chain in the detail line', () => {
    const error = dexieError('OpenFailedError', 'open failed', dexieError('UnknownError', 'backing store'));
    expect(classifyStorageError(error).detail).toBe('OpenFailedError: open failed ← UnknownError: backing store');
  });
});
