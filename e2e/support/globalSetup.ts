import { electronBinary } from './electronHarness';

/** Says once, up front, why the electron project will skip (each test also carries the reason). */
export default function globalSetup(): void {
  const found = electronBinary();
  if ('reason' in found) console.log(`[electron project] skipped: ${found.reason}`);
}
