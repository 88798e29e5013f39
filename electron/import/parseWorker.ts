// Worker-thread entry (bundled to dist/electron/parseWorker.cjs): decodes and parses files off
// the Electron main thread, so a 50 MB digest never stalls IPC, menus or window events.

import { parentPort } from 'node:worker_threads';
import { digestFromBytes } from './digestFromBytes';
import type { ParseRequest, ParseResponse } from './ParseWorkerPool';

parentPort?.on('message', (request: ParseRequest) => {
  void digestFromBytes(request.bytes, request.fileName, request.referenceDate).then(
    (result) => parentPort!.postMessage({ id: request.id, result } satisfies ParseResponse),
    (error: unknown) =>
      parentPort!.postMessage({
        id: request.id,
        result: {
          ok: false,
          reason: `could not be parsed (${error instanceof Error ? error.message : String(error)})`,
        },
      } satisfies ParseResponse),
  );
});
