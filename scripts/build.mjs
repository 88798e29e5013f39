// Builds everything the app ships: the renderer (Vite) and the main process, preload and
// CLI (esbuild, one CommonJS file each; the sandboxed preload cannot load ESM or several files).
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  external: ['electron'],
  logLevel: 'warning',
};

await Promise.all([
  esbuild({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.cjs' }),
  esbuild({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs' }),
  // Parses digests off the main thread (worker_threads); self-contained, only Node built-ins.
  esbuild({ ...common, entryPoints: ['electron/import/parseWorker.ts'], outfile: 'dist/electron/parseWorker.cjs' }),
  esbuild({
    ...common,
    entryPoints: ['electron/cli/main.ts'],
    outfile: 'dist/electron/cli.cjs',
    banner: { js: '#!/usr/bin/env node' },
  }),
]);
await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });
console.log('built dist/electron/{main,preload,parseWorker,cli}.cjs and dist/renderer/');
