// userData/settings.json: read through the contract's zod schema (a missing, corrupt or
// hand-edited file never stops the app: each bad field falls back to its default), written atomically.

import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_SETTINGS, settingsSchema, storedSettingsSchema, type Settings } from '../../shared/ipc';

export async function loadSettings(file: string): Promise<Settings> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
  const parsed = storedSettingsSchema.safeParse(raw);
  return parsed.success ? parsed.data : { ...DEFAULT_SETTINGS };
}

export async function saveSettings(file: string, settings: Settings): Promise<void> {
  const valid = settingsSchema.parse(settings);
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(valid, null, 2)}\n`);
  await rename(temp, file);
}
