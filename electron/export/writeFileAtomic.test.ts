import { chmod, mkdtemp, open, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type AtomicWriteFs, describeWriteError, writeFileAtomic } from './writeFileAtomic';

const tempDir = () => mkdtemp(path.join(os.tmpdir(), 'shelfmark-atomic-'));

function failing(code: string, step: 'write' | 'rename'): AtomicWriteFs {
  const error = Object.assign(new Error(`${code}: simulated`), { code });
  return {
    open: (async (...args: Parameters<typeof open>) => {
      const handle = await open(...args);
      if (step !== 'write') return handle;
      // The write starts (a partial temp file exists), then the disk fills up.
      return Object.assign(Object.create(handle), {
        writeFile: async (data: Buffer) => {
          await handle.write(data.subarray(0, 10));
          throw error;
        },
        close: () => handle.close(),
      });
    }) as typeof open,
    rename: (async (...args: Parameters<typeof rename>) => {
      if (step === 'rename') throw error;
      return rename(...args);
    }) as typeof rename,
    unlink,
  };
}

describe('writeFileAtomic', () => {
  it('writes the whole text and leaves no temp file', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'refs.bib');
    const text = '@misc{a,\n  title = {Ünïcode}\n}\n';
    expect(await writeFileAtomic(file, text)).toBe(Buffer.byteLength(text));
    expect(await readFile(file, 'utf8')).toBe(text);
    expect(await readdir(dir)).toEqual(['refs.bib']);
  });

  it('replaces an existing file in one step', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'refs.bib');
    await writeFile(file, 'old');
    await writeFileAtomic(file, 'new');
    expect(await readFile(file, 'utf8')).toBe('new');
  });

  it.each(['write', 'rename'] as const)(
    'keeps the old file whole and removes the temp file when the %s step fails',
    async (step) => {
      const dir = await tempDir();
      const file = path.join(dir, 'refs.bib');
      await writeFile(file, 'the old, complete file');
      await expect(writeFileAtomic(file, 'x'.repeat(1000), failing('ENOSPC', step))).rejects.toMatchObject({
        code: 'ENOSPC',
      });
      expect(await readFile(file, 'utf8')).toBe('the old, complete file');
      expect(await readdir(dir)).toEqual(['refs.bib']);
    },
  );

  it('leaves nothing behind when the target does not exist yet and the write fails', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'new.bib');
    await expect(writeFileAtomic(file, 'text', failing('ENOSPC', 'write'))).rejects.toThrow();
    expect(await readdir(dir)).toEqual([]);
  });

  it.skipIf(process.getuid?.() === 0)('fails with EACCES in a read-only folder', async () => {
    const dir = await tempDir();
    await chmod(dir, 0o500);
    try {
      await expect(writeFileAtomic(path.join(dir, 'refs.bib'), 'x')).rejects.toMatchObject({ code: 'EACCES' });
    } finally {
      await chmod(dir, 0o700);
    }
  });
});

describe('describeWriteError', () => {
  it.each([
    ['EACCES', 'permission denied'],
    ['EPERM', 'permission denied'],
    ['ENOSPC', 'the disk is full'],
    ['EROFS', 'the disk is read-only'],
    ['ENOENT', 'the folder does not exist'],
    ['EISDIR', 'it is a folder'],
  ])('%s names the file and says "%s"', (code, reason) => {
    const error = Object.assign(new Error('raw'), { code });
    expect(describeWriteError('/home/a/refs.bib', error)).toBe(`Could not save /home/a/refs.bib: ${reason}`);
  });

  it('falls back to the message for unknown errors', () => {
    expect(describeWriteError('/x.bib', new Error('strange'))).toBe('Could not save /x.bib: strange');
  });
});
