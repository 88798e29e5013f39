// Where the search index snapshot's files live. In the app that is the origin private file system
// (OPFS): the search worker reads a whole snapshot with one synchronous read, without going
// through IndexedDB, whose requests queue behind the page's own reads of the library at start-up
// (the same origin shares one IndexedDB backend). Where OPFS is missing (Node tests, a runtime
// without it) the same few operations run over an IndexedDB database; tests of the store's logic
// use the in-memory one.

export interface SnapshotFileWriter {
  write(bytes: Uint8Array): Promise<void>;
  /** Makes what was written durable and releases the file. */
  close(): Promise<void>;
}

export interface SnapshotFiles {
  /** Names of the files present. */
  list(): Promise<string[]>;
  /** A whole file in a buffer of its own (offset 0, so typed arrays can view it); null when missing. */
  read(name: string): Promise<Uint8Array<ArrayBuffer> | null>;
  /** Starts the file afresh (an existing one is emptied). */
  create(name: string): Promise<SnapshotFileWriter>;
  /** Adds bytes at the end of the file, creating it when missing. */
  append(name: string, bytes: Uint8Array): Promise<void>;
  /** Removes the file; a missing one is not an error. */
  remove(name: string): Promise<void>;
  /** Releases what the files hold open (a database connection). */
  close?(): void;
}

/** The OPFS directory holding the snapshot. */
export const SNAPSHOT_DIRECTORY = 'search-snapshot';
/** The database used where OPFS is missing. */
export const SNAPSHOT_FILES_DATABASE = 'shelfmark-search-files';

function concat(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

/** Files held in memory (unit tests; nothing survives the process). */
export class MemorySnapshotFiles implements SnapshotFiles {
  readonly files = new Map<string, Uint8Array[]>();

  list(): Promise<string[]> {
    return Promise.resolve([...this.files.keys()]);
  }
  read(name: string): Promise<Uint8Array<ArrayBuffer> | null> {
    const parts = this.files.get(name);
    return Promise.resolve(parts ? concat(parts) : null);
  }
  create(name: string): Promise<SnapshotFileWriter> {
    const parts: Uint8Array[] = [];
    this.files.set(name, parts);
    return Promise.resolve({
      write: (bytes) => {
        parts.push(bytes.slice());
        return Promise.resolve();
      },
      close: () => Promise.resolve(),
    });
  }
  append(name: string, bytes: Uint8Array): Promise<void> {
    const parts = this.files.get(name) ?? [];
    parts.push(bytes.slice());
    this.files.set(name, parts);
    return Promise.resolve();
  }
  remove(name: string): Promise<void> {
    this.files.delete(name);
    return Promise.resolve();
  }
}

// The parts of the File System Access API used here that TypeScript's DOM library leaves out
// (directory iteration; the synchronous handle exists in dedicated workers only).
interface SyncAccessHandle {
  read(buffer: Uint8Array, options?: { at: number }): number;
  write(buffer: Uint8Array, options?: { at: number }): number;
  truncate(size: number): void;
  getSize(): number;
  flush(): void;
  close(): void;
}
interface SyncFileHandle {
  createSyncAccessHandle?(): Promise<SyncAccessHandle>;
}
interface IterableDirectory {
  keys(): AsyncIterable<string>;
}

const LOCK_RETRIES = 20;
const LOCK_RETRY_MS = 25;

/**
 * Opens a file's synchronous handle. A handle locks its file: right after a reload the previous
 * page's worker may still hold it for a moment, so a lock conflict is retried briefly.
 */
async function syncHandle(file: FileSystemFileHandle): Promise<SyncAccessHandle | null> {
  const open = (file as unknown as SyncFileHandle).createSyncAccessHandle;
  if (!open) return null;
  for (let attempt = 0; ; attempt++) {
    try {
      return await open.call(file);
    } catch (error) {
      const locked = error instanceof DOMException && error.name === 'NoModificationAllowedError';
      if (!locked || attempt >= LOCK_RETRIES) throw error;
      await new Promise((resolve) => setTimeout(resolve, LOCK_RETRY_MS));
    }
  }
}

function isNotFound(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'NotFoundError' || error.name === 'TypeMismatchError');
}

/** Files in the origin private file system, read and written through synchronous handles. */
export class OpfsSnapshotFiles implements SnapshotFiles {
  private constructor(private readonly dir: FileSystemDirectoryHandle) {}

  static async open(): Promise<OpfsSnapshotFiles> {
    const root = await navigator.storage.getDirectory();
    return new OpfsSnapshotFiles(await root.getDirectoryHandle(SNAPSHOT_DIRECTORY, { create: true }));
  }

  async list(): Promise<string[]> {
    const names: string[] = [];
    for await (const name of (this.dir as unknown as IterableDirectory).keys()) names.push(name);
    return names;
  }

  async read(name: string): Promise<Uint8Array<ArrayBuffer> | null> {
    let file: FileSystemFileHandle;
    try {
      file = await this.dir.getFileHandle(name);
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
    const handle = await syncHandle(file).catch(() => null);
    if (!handle) return new Uint8Array(await (await file.getFile()).arrayBuffer()); // main thread, or locked
    try {
      const bytes = new Uint8Array(handle.getSize());
      if (handle.read(bytes, { at: 0 }) !== bytes.byteLength) throw new Error(`${name}: short read`);
      return bytes;
    } finally {
      handle.close();
    }
  }

  async create(name: string): Promise<SnapshotFileWriter> {
    const handle = await syncHandle(await this.dir.getFileHandle(name, { create: true }));
    if (!handle) throw new Error('Synchronous file access is not available here');
    handle.truncate(0);
    let at = 0;
    let open = true;
    return {
      write: (bytes) => {
        if (handle.write(bytes, { at }) !== bytes.byteLength) throw new Error(`${name}: short write`);
        at += bytes.byteLength;
        return Promise.resolve();
      },
      close: () => {
        if (!open) return Promise.resolve();
        open = false;
        try {
          handle.flush();
        } finally {
          handle.close();
        }
        return Promise.resolve();
      },
    };
  }

  async append(name: string, bytes: Uint8Array): Promise<void> {
    const file = await this.dir.getFileHandle(name, { create: true });
    const handle = await syncHandle(file);
    if (!handle) {
      const writable = await file.createWritable({ keepExistingData: true });
      await writable.write({
        type: 'write',
        position: (await file.getFile()).size,
        data: bytes as Uint8Array<ArrayBuffer>,
      });
      await writable.close();
      return;
    }
    try {
      handle.write(bytes, { at: handle.getSize() });
      handle.flush();
    } finally {
      handle.close();
    }
  }

  async remove(name: string): Promise<void> {
    try {
      await this.dir.removeEntry(name);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

const PARTS = 'parts';
const partsOf = (name: string) => IDBKeyRange.bound([name, 0], [name, Infinity]);

/** Files as numbered parts in an IndexedDB database (where OPFS is missing). */
export class IndexedDbSnapshotFiles implements SnapshotFiles {
  private constructor(private readonly db: IDBDatabase) {
    // A deleteDatabase() elsewhere (a restored backup) must not wait for this worker.
    db.onversionchange = () => db.close();
  }

  static async open(name = SNAPSHOT_FILES_DATABASE): Promise<IndexedDbSnapshotFiles> {
    const open = indexedDB.open(name, 1);
    open.onupgradeneeded = () => open.result.createObjectStore(PARTS);
    return new IndexedDbSnapshotFiles(await request(open));
  }

  close(): void {
    this.db.close();
  }

  async list(): Promise<string[]> {
    const keys = await request(this.db.transaction(PARTS).objectStore(PARTS).getAllKeys());
    return [...new Set(keys.map((key) => (key as [string, number])[0]))];
  }

  async read(name: string): Promise<Uint8Array<ArrayBuffer> | null> {
    const parts = (await request(this.db.transaction(PARTS).objectStore(PARTS).getAll(partsOf(name)))) as unknown[];
    if (parts.length === 0) return null;
    if (!parts.every((p) => p instanceof Uint8Array)) throw new Error(`${name}: damaged`);
    return concat(parts as Uint8Array[]);
  }

  async create(name: string): Promise<SnapshotFileWriter> {
    await this.remove(name);
    let part = 0;
    return {
      write: async (bytes) => {
        const tx = this.db.transaction(PARTS, 'readwrite');
        tx.objectStore(PARTS).put(bytes.slice(), [name, part++]);
        await done(tx);
      },
      close: () => Promise.resolve(),
    };
  }

  async append(name: string, bytes: Uint8Array): Promise<void> {
    const tx = this.db.transaction(PARTS, 'readwrite');
    const store = tx.objectStore(PARTS);
    const last = store.openKeyCursor(partsOf(name), 'prev');
    last.onsuccess = () => {
      const key = last.result?.key as [string, number] | undefined;
      store.put(bytes.slice(), [name, key ? key[1] + 1 : 0]);
    };
    await done(tx);
  }

  async remove(name: string): Promise<void> {
    const tx = this.db.transaction(PARTS, 'readwrite');
    tx.objectStore(PARTS).delete(partsOf(name));
    await done(tx);
  }
}

/** OPFS where the runtime has it, else the IndexedDB stand-in. */
export async function openSnapshotFiles(): Promise<SnapshotFiles> {
  if (typeof navigator !== 'undefined' && typeof navigator.storage?.getDirectory === 'function') {
    try {
      return await OpfsSnapshotFiles.open();
    } catch {
      // not allowed for this origin or profile: fall through
    }
  }
  return IndexedDbSnapshotFiles.open();
}
