// The `app` fixture both projects share: scenarios are written once against AppHarness.

import { test as base } from '@playwright/test';
import path from 'node:path';
import { ElectronHarness, electronBinary } from './electronHarness';
import type { AppHarness, HarnessKind } from './harness';
import { WebHarness } from './webHarness';

export const FIXTURES = path.resolve(import.meta.dirname, '../../shared/digest/fixtures');
export const SAMPLE_DIGEST = path.join(FIXTURES, 'hf-daily-papers-sample.txt');

export const test = base.extend<{ app: AppHarness }, { harnessKind: HarnessKind }>({
  harnessKind: ['web', { option: true, scope: 'worker' }],
  app: async ({ harnessKind }, use, testInfo) => {
    if (harnessKind === 'electron') {
      const found = electronBinary();
      if ('reason' in found) testInfo.skip(true, `Skipped: ${found.reason}`);
    }
    const app = harnessKind === 'electron' ? await ElectronHarness.launch() : await WebHarness.launch();
    try {
      await use(app);
    } finally {
      await app.close();
    }
  },
});

export { expect } from '@playwright/test';
