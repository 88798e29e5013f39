import { defineConfig } from '@playwright/test';
import type { HarnessKind } from './e2e/support/harness';

// Two projects run the same scenarios: "web" everywhere (real Chromium, real main-process
// handlers over a swapped transport), "electron" wherever the Electron binary exists.
export default defineConfig<{ harnessKind: HarnessKind }>({
  testDir: 'e2e/specs',
  outputDir: 'test-results',
  globalSetup: './e2e/support/globalSetup.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
  projects: [
    { name: 'web', use: { harnessKind: 'web' } },
    { name: 'electron', use: { harnessKind: 'electron' } },
  ],
});
