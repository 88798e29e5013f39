// Packs the app with electron-builder's `dir` target against a stub Electron folder (the
// real binary cannot be downloaded here) and checks what the installed app would contain.
// Needs `npm run build` first (npm test runs it).

import asar from '@electron/asar';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { build, Platform } from 'electron-builder';
import { chmod, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ROOT = path.resolve(import.meta.dirname, '..');
const config = require('./electron-builder.config.cjs') as Record<string, unknown>;

let outDir: string;
let files: string[];

async function makeStubElectron(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'shelfmark-stub-electron-'));
  // A stub binary with the fuse sentinel and a wire holding Electron's defaults (RunAsNode,
  // NODE_OPTIONS, --inspect and file: privileges on; integrity checks off), so electron-builder
  // flips real fuse bytes that the test reads back.
  const wire = Buffer.concat([
    Buffer.from('#!/bin/sh\necho "stub electron: packaging check only"\nexit 0\n'),
    Buffer.from(FUSE_SENTINEL),
    Buffer.from([1, 9]),
    Buffer.from('101100011'),
    Buffer.from('\n'),
  ]);
  await writeFile(path.join(dir, 'electron'), wire);
  await chmod(path.join(dir, 'electron'), 0o755);
  await writeFile(path.join(dir, 'version'), '45.5.0');
  await writeFile(path.join(dir, 'LICENSE'), 'stub');
  await writeFile(path.join(dir, 'LICENSES.chromium.html'), 'stub');
  await mkdir(path.join(dir, 'resources'));
  return dir;
}

beforeAll(async () => {
  if (!existsSync(path.join(ROOT, 'dist/electron/main.cjs'))) throw new Error('Run `npm run build` before this test.');
  const electronDist = await makeStubElectron();
  outDir = await mkdtemp(path.join(os.tmpdir(), 'shelfmark-release-'));
  await build({
    projectDir: ROOT,
    targets: Platform.LINUX.createTarget('dir'),
    config: { ...config, electronDist, directories: { output: outDir, buildResources: 'build' } },
    publish: 'never',
  });
  files = asar.listPackage(path.join(outDir, 'linux-unpacked/resources/app.asar'), { isPack: false });
}, 300_000);

describe('the packaged app (electron-builder dir target)', () => {
  it('is named by the fixed productName', () => {
    expect(existsSync(path.join(outDir, 'linux-unpacked/shelfmark'))).toBe(true);
  });

  it('holds the main, preload and renderer bundles', () => {
    for (const file of [
      '/dist/electron/main.cjs',
      '/dist/electron/preload.cjs',
      '/dist/renderer/index.html',
      '/package.json',
    ]) {
      expect(files).toContain(file);
    }
    expect(files.some((f) => /^\/dist\/renderer\/assets\/index-[\w-]+\.js$/.test(f))).toBe(true);
  });

  it('holds no dev-only packages, sources, source maps or tests', () => {
    expect(files.filter((f) => f.includes('node_modules'))).toEqual([]);
    expect(files.filter((f) => /\.(ts|tsx|map)$/.test(f))).toEqual([]);
    expect(files.filter((f) => /^\/(e2e|shared|renderer|electron|bench|scripts)\//.test(f))).toEqual([]);
  });

  it('starts the bundled main process', () => {
    const pkg = JSON.parse(
      asar.extractFile(path.join(outDir, 'linux-unpacked/resources/app.asar'), 'package.json').toString(),
    ) as { main: string; productName: string };
    expect(pkg.main).toBe('dist/electron/main.cjs');
    expect(pkg.productName).toBe('Shelfmark');
  });

  it('has its Electron fuses set: no RunAsNode, NODE_OPTIONS or --inspect; asar integrity and asar-only loading on', async () => {
    const wire = await getCurrentFuseWire(path.join(outDir, 'linux-unpacked/shelfmark'));
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
  });
});
