// Property test over every IPC payload schema: whatever a compromised or buggy renderer
// sends, the dispatcher either hands the handler a payload that matches the contract or
// rejects with IpcRejection. Nothing else escapes.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ipcContract, type IpcMethod } from '../../shared/ipc';
import { createIpcDispatcher, IpcRejection, type IpcHandlers } from './createIpcDispatcher';

const RUNS = Number(process.env.SHELFMARK_PROPERTY_RUNS ?? 10_000);
const entries = Object.entries(ipcContract) as [IpcMethod, (typeof ipcContract)[IpcMethod]][];

describe.each(entries)('IPC payload schema of %s', (method, entry) => {
  it(`rejects or accepts ${RUNS} arbitrary payloads with only typed outcomes`, async () => {
    const received: unknown[] = [];
    const handlers = Object.fromEntries(
      Object.keys(ipcContract).map((m) => [m, async (payload: unknown) => void received.push(payload)]),
    ) as unknown as IpcHandlers;
    const dispatch = createIpcDispatcher({ handlers, allowedOrigin: 'app://shelfmark', log: () => undefined });
    const sender = { url: 'app://shelfmark/index.html', isMainFrame: true };
    const payloads = fc.oneof(
      fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true }),
      fc.record({ url: fc.string(), ticket: fc.string(), committed: fc.boolean() }, { requiredKeys: [] }),
      fc.constant(undefined),
    );
    await fc.assert(
      fc.asyncProperty(payloads, async (payload) => {
        const before = received.length;
        try {
          await dispatch(sender, entry.channel, payload);
        } catch (error) {
          expect(error).toBeInstanceOf(IpcRejection);
          expect(received.length).toBe(before);
          return;
        }
        // accepted: the handler got exactly one payload, and it satisfies the schema
        expect(received.length).toBe(before + 1);
        expect(ipcContract[method].payload.safeParse(received[before]).success).toBe(true);
      }),
      { numRuns: RUNS },
    );
  }, 120_000);
});
