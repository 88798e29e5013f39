// Runs digestFromBytes in one worker thread. The worker starts on first use, keeps the process
// alive only while it has work, and is replaced if it dies; a crash fails only the files in flight.

import { existsSync, readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { DigestFromBytesResult } from './digestFromBytes';
import type { ParseBytes } from './readDigestFile';

export interface ParseRequest {
  id: number;
  bytes: Uint8Array;
  fileName: string;
  referenceDate: string;
}

export interface ParseResponse {
  id: number;
  result: DigestFromBytesResult;
}

export class ParseWorkerPool {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, (result: DigestFromBytesResult) => void>();

  /** `scriptPath`: the bundled worker (dist/electron/parseWorker.cjs). */
  constructor(private readonly scriptPath: string) {}

  /** True when the bundled worker exists (it does not when running from sources). */
  get available(): boolean {
    return existsSync(this.scriptPath);
  }

  readonly parse: ParseBytes = (bytes, fileName, referenceDate) =>
    new Promise((resolve) => {
      const id = this.nextId++;
      this.waiting.set(id, resolve);
      const worker = this.ensureWorker();
      worker.ref(); // held while work is in flight, released when idle
      // Transfer the buffer when it is the file's own (no copy); a view into a shared pool is copied.
      const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
      const payload = own ? bytes : bytes.slice();
      worker.postMessage({ id, bytes: payload, fileName, referenceDate } satisfies ParseRequest, [
        payload.buffer as ArrayBuffer,
      ]);
    });

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
    this.failAll('the parser stopped');
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    // Started from the script's text: in the packaged app the file sits inside app.asar, which
    // fs can read but a worker cannot be pointed at. The bundle needs only Node built-ins.
    const worker = new Worker(readFileSync(this.scriptPath, 'utf8'), { eval: true });
    worker.unref();
    worker.on('message', (response: ParseResponse) => {
      const resolve = this.waiting.get(response.id);
      this.waiting.delete(response.id);
      resolve?.(response.result);
      if (this.waiting.size === 0) worker.unref();
    });
    const lost = (reason: string) => {
      if (this.worker === worker) this.worker = null;
      this.failAll(reason);
    };
    worker.on('error', (error) => lost(`the parser crashed (${error.message})`));
    worker.on('exit', (code) => lost(`the parser stopped (exit code ${code})`));
    this.worker = worker;
    return worker;
  }

  private failAll(reason: string): void {
    for (const resolve of this.waiting.values()) resolve({ ok: false, reason: `could not be parsed: ${reason}` });
    this.waiting.clear();
  }
}
