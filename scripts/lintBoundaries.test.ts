// The runtime boundaries of ARCHITECTURE.md are enforced by lint: prove the rules bite.
import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, '..') });

async function restrictedImportErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals')
    .map((m) => m.message);
}

describe('lint rejects imports across runtime boundaries', () => {
  it.each([
    ['shared/x.ts', "import { readFile } from 'node:fs';\nexport const r = readFile;\n"],
    ['shared/x.ts', "import path from 'path';\nexport const p = path;\n"],
    ['shared/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['shared/x.ts', "import { ImportQueue } from '../electron/import/ImportQueue';\nexport const q = ImportQueue;\n"],
    ['shared/x.ts', "import { App } from '../renderer/App';\nexport const a = App;\n"],
    ['shared/x.ts', 'export const w = window.location;\n'],
    ['renderer/x.ts', "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n"],
    ['renderer/x.ts', "import fs from 'node:fs';\nexport const f = fs;\n"],
    ['renderer/x.ts', "import { createHandlers } from '../electron/handlers';\nexport const h = createHandlers;\n"],
    ['electron/x.ts', "import { App } from '../renderer/App';\nexport const a = App;\n"],
  ])('%s: %s', async (filePath, code) => {
    expect(await restrictedImportErrors(filePath, code)).not.toEqual([]);
  });

  it.each([
    ['renderer/x.ts', "import { titleKey } from '../shared/text/titleKey';\nexport const t = titleKey;\n"],
    [
      'electron/x.ts',
      "import { readFile } from 'node:fs';\nimport { app } from 'electron';\nexport const r = [readFile, app];\n",
    ],
    ['shared/x.ts', "import { z } from 'zod';\nexport const s = z.string();\n"],
  ])('allows %s: %s', async (filePath, code) => {
    expect(await restrictedImportErrors(filePath, code)).toEqual([]);
  });
});
