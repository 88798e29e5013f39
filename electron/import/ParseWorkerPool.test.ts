import { build } from 'esbuild';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ParseWorkerPool } from './ParseWorkerPool';
import { readDigestFile } from './readDigestFile';

const fixture = (name: string) =>
  readFile(fileURLToPath(new URL(`../../shared/digest/fixtures/${name}`, import.meta.url)));

let script: string;
let pool: ParseWorkerPool;

beforeAll(async () => {
  // The same bundle scripts/build.mjs ships as dist/electron/parseWorker.cjs.
  const dir = await mkdtemp(path.join(os.tmpdir(), 'shelfmark-worker-'));
  script = path.join(dir, 'parseWorker.cjs');
  await build({
    entryPoints: [fileURLToPath(new URL('./parseWorker.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: script,
    logLevel: 'silent',
  });
  pool = new ParseWorkerPool(script);
}, 30_000);

afterAll(() => pool.close());

describe('ParseWorkerPool', () => {
  it('parses in a worker thread, several files at once, e-mail included', async () => {
    expect(pool.available).toBe(true);
    const [text, eml] = await Promise.all([fixture('hf-daily-papers-sample.txt'), fixture('hf-digest.eml')]);
    const [a, b] = await Promise.all([
      pool.parse(new Uint8Array(text), 'sample.txt', '2026-03-20'),
      pool.parse(new Uint8Array(eml), 'digest.eml', '2026-03-20'),
    ]);
    expect(a.ok && a.digest.papers.length).toBe(75);
    expect(a.ok && a.dateBasis).toEqual({ kind: 'mtime', reference: '2026-03-20' });
    expect(b.ok && b.digest.format).toBe('eml');
    expect(b.ok && b.dateBasis.kind).toBe('email-date');
  });

  it('returns refusals as values, and a view into a larger buffer is copied, not detached', async () => {
    const backing = new Uint8Array(64);
    const view = backing.subarray(8, 16); // not the buffer's own start: must not be transferred
    expect((await pool.parse(view, 'zeros.bin', '2026-03-20')).ok).toBe(false);
    expect(backing.byteLength).toBe(64);
    const notes = new TextEncoder().encode('just words\n');
    expect(await pool.parse(notes, 'notes.txt', '2026-03-20')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^no digest format recognized/),
    });
  });

  it('a crashed worker fails the files in flight and the next file gets a new worker', async () => {
    const crashing = path.join(path.dirname(script), 'crash.cjs');
    await writeFile(crashing, 'process.exit(3);');
    const broken = new ParseWorkerPool(crashing);
    const result = await broken.parse(new TextEncoder().encode('Mar 13\n'), 'a.txt', '2026-03-20');
    expect(result).toMatchObject({ ok: false, reason: expect.stringContaining('exit code 3') });
    await broken.close();
    const text = await fixture('hf-daily-papers-sample.txt');
    expect((await pool.parse(new Uint8Array(text), 'again.txt', '2026-03-20')).ok).toBe(true);
  });

  it('reads files through the worker with their real size', async () => {
    const dir = path.dirname(script);
    const file = path.join(dir, 'sample.txt');
    const text = await fixture('hf-daily-papers-sample.txt');
    await writeFile(file, text);
    const result = await readDigestFile(file, { parse: pool.parse });
    expect(result.ok && result.sizeBytes).toBe(text.byteLength);
  });

  it('is unavailable when the bundle is missing (running from sources)', () => {
    expect(new ParseWorkerPool('/nonexistent/parseWorker.cjs').available).toBe(false);
  });
});
