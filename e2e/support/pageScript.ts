// A TypeScript entry bundled into one classic script for a Chromium page (the crash test's and
// the benchmarks' in-page code, which drives the app's own modules against real IndexedDB).

import { build, type BuildOptions } from 'esbuild';

/** Bundles in-line source (`sourcefile` names it in errors; imports resolve from `resolveDir`). */
export function bundlePageScript(contents: string, resolveDir: string, sourcefile: string): Promise<string> {
  return bundle({ stdin: { contents, resolveDir, loader: 'ts', sourcefile } });
}

/** Bundles a file. */
export function bundlePageFile(file: string): Promise<string> {
  return bundle({ entryPoints: [file] });
}

async function bundle(entry: Pick<BuildOptions, 'stdin' | 'entryPoints'>): Promise<string> {
  const result = await build({
    ...entry,
    bundle: true,
    format: 'iife',
    write: false,
    platform: 'browser',
    target: 'chrome120',
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}
