import { describe, expect, it } from 'vitest';
import { collectDroppedFiles, MAX_FILES, type Dropped } from './DropZone';

// Minimal stand-ins for the File and Directory Entries API a real drop hands over.
function fileEntry(name: string): FileSystemFileEntry {
  return {
    name,
    isFile: true,
    isDirectory: false,
    file: (resolve: (file: File) => void) => resolve(new File([name], name)),
  } as unknown as FileSystemFileEntry;
}

function folderEntry(name: string, children: FileSystemEntry[], batch = 2): FileSystemDirectoryEntry {
  return {
    name,
    isFile: false,
    isDirectory: true,
    createReader() {
      let offset = 0;
      // like Chromium, entries come in batches until an empty one
      return {
        readEntries(resolve: (entries: FileSystemEntry[]) => void) {
          const next = children.slice(offset, offset + batch);
          offset += next.length;
          setTimeout(() => resolve(next), 0);
        },
      };
    },
  } as unknown as FileSystemDirectoryEntry;
}

const names = async (roots: Dropped[]) => (await collectDroppedFiles(roots)).files.map((f) => f.name);

describe('collectDroppedFiles', () => {
  it('takes dropped files as they are and walks folders for digest files, sorted, skipping hidden ones', async () => {
    const roots: Dropped[] = [
      { kind: 'file', file: new File(['x'], 'loose-note') },
      {
        kind: 'entry',
        entry: folderEntry('digests', [
          fileEntry('b.txt'),
          fileEntry('photo.png'),
          fileEntry('.DS_Store'),
          folderEntry('2026', [fileEntry('march.eml'), fileEntry('refs.bib')]),
          fileEntry('a.json'),
          folderEntry('.git', [fileEntry('config.txt')]),
        ]),
      },
      { kind: 'entry', entry: fileEntry('single.xml') },
    ];
    expect(await names(roots)).toEqual(['loose-note', 'march.eml', 'refs.bib', 'a.json', 'b.txt', 'single.xml']);
  });

  it(`stops at ${MAX_FILES} files and says so`, async () => {
    const many = Array.from({ length: MAX_FILES + 5 }, (_, i) => fileEntry(`d${String(i).padStart(4, '0')}.txt`));
    const result = await collectDroppedFiles([{ kind: 'entry', entry: folderEntry('big', many, 100) }]);
    expect(result.files).toHaveLength(MAX_FILES);
    expect(result.truncated).toBe(true);
  });
});
