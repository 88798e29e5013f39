import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, stat, utimes } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DropSpool, safeFileName } from './DropSpool';

describe('DropSpool', () => {
  it('keeps the name and modification time, and releases only its own files', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'shelfmark-spool-'));
    const spool = new DropSpool(path.join(dir, 'dropped'));
    const when = new Date(2026, 2, 20, 12).getTime();
    const file = await spool.write('digest.txt', new TextEncoder().encode('Mar 13\n'), when);
    expect(path.basename(file)).toBe('digest.txt');
    expect(await readFile(file, 'utf8')).toBe('Mar 13\n');
    expect(Math.round((await stat(file)).mtimeMs / 1000)).toBe(Math.round(when / 1000));
    expect(spool.owns(file)).toBe(true);
    expect(spool.owns(path.join(dir, 'elsewhere.txt'))).toBe(false);
    await spool.release(path.join(dir, 'elsewhere.txt')); // ignored
    await spool.release(file);
    expect(existsSync(path.dirname(file))).toBe(false);
  });

  it('prunes folders a crashed run left behind, never pending or new ones', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'shelfmark-spool-'));
    const spool = new DropSpool(dir);
    const pending = await spool.write('a.txt', new Uint8Array([65]), Date.now());
    const stale = path.join(dir, 'stale');
    await mkdir(stale);
    const old = new Date(Date.now() - 60_000);
    await utimes(stale, old, old);
    await utimes(path.dirname(pending), old, old);
    const fresh = await spool.write('b.txt', new Uint8Array([66]), Date.now());
    expect(await spool.prune([pending], Date.now() - 1000)).toBe(1);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(pending)).toBe(true);
    expect(existsSync(fresh)).toBe(true);
  });

  it.each([
    ['digest.txt', 'digest.txt'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\x\\digest.txt', 'digest.txt'],
    ['a\u0000b<c>:d?.txt', 'a_b_c__d_.txt'],
    ['...', 'dropped-file'],
    ['', 'dropped-file'],
  ])('safeFileName(%j) = %j', (name, expected) => {
    expect(safeFileName(name)).toBe(expected);
  });
});
