// Runs Electronegativity over the sources and the built renderer and fails on any HIGH or
// MEDIUM finding without a reviewed exception. The tool exits 0 whatever it finds, so the
// findings are read from its API, not from its exit code. Needs `npm run build` first.

import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REVIEWED_FINDINGS, type ReviewedFinding } from './electronegativityExceptions';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(import.meta.dirname, '..');

interface Finding {
  id: string;
  severity: { name: string };
  confidence: { name: string };
  file: string;
  location: { line: number; column: number };
  sample: string;
}

type Runner = (
  options: Record<string, unknown>,
) => Promise<{ issues: Finding[]; errors: { file: string; message: string }[] }>;

let findings: Finding[];

beforeAll(async () => {
  if (!existsSync(path.join(ROOT, 'dist/renderer/index.html')))
    throw new Error('Run `npm run build` before this test.');
  const run = require('@doyensec/electronegativity/dist/runner.js') as Runner;
  const result = await run({ input: ROOT, electronVersionOverride: '45.5.0', isRelative: true });
  // Test files never ship; everything else (sources, bundles, HTML) is checked.
  findings = result.issues.filter((f) => !/\.(test|spec)\.tsx?$/.test(f.file) && !f.file.startsWith('e2e/'));
}, 180_000);

function matches(exception: ReviewedFinding, finding: Finding): boolean {
  const fileMatches = exception.file.endsWith('*')
    ? finding.file.startsWith(exception.file.slice(0, -1))
    : finding.file === exception.file;
  return exception.check === finding.id && fileMatches && String(finding.sample).includes(exception.sample);
}

describe('Electronegativity', () => {
  it('scanned the main process, the preload and the renderer', () => {
    expect(findings.some((f) => f.file.startsWith('electron/'))).toBe(true);
  });

  it('finds no HIGH or MEDIUM issue without a reviewed exception', () => {
    const serious = findings.filter((f) => f.severity.name === 'HIGH' || f.severity.name === 'MEDIUM');
    const unreviewed = serious
      .filter((f) => !REVIEWED_FINDINGS.some((e) => matches(e, f)))
      .map((f) => `${f.severity.name} ${f.id} ${f.file}:${f.location.line} ${String(f.sample).slice(0, 120)}`);
    expect(unreviewed).toEqual([]);
  });

  it('has no stale exceptions, and each says why', () => {
    for (const exception of REVIEWED_FINDINGS) {
      expect(exception.reason.length, `${exception.check} ${exception.file}`).toBeGreaterThan(40);
      expect(
        findings.some((f) => matches(exception, f)),
        `stale exception: ${exception.check} ${exception.file}`,
      ).toBe(true);
    }
  });

  it('would catch a window that drops context isolation (the gate bites)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'shelfmark-eneg-'));
    await writeFile(
      path.join(dir, 'bad.ts'),
      "import { BrowserWindow } from 'electron';\n" +
        "export const w = new BrowserWindow({ webPreferences: { contextIsolation: false, preload: 'p.js' } });\n",
    );
    const run = require('@doyensec/electronegativity/dist/runner.js') as Runner;
    const result = await run({ input: dir, electronVersionOverride: '45.5.0', isRelative: true });
    const high = result.issues.filter((f) => f.severity.name === 'HIGH').map((f) => f.id);
    expect(high).toContain('CONTEXT_ISOLATION_JS_CHECK');
  }, 120_000);

  it('finds the navigation and permission handlers (global checks pass)', () => {
    const ids = findings.map((f) => f.id);
    expect(ids).not.toContain('LIMIT_NAVIGATION_GLOBAL_CHECK');
    expect(ids).not.toContain('PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK');
    expect(ids).not.toContain('AUXCLICK_JS_CHECK');
  });
});
