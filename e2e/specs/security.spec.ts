import { expect, test } from '../support/fixtures';

test('the CSP of the built renderer blocks inline script and eval', async ({ app, harnessKind }) => {
  test.skip(
    harnessKind === 'electron',
    'the probe script is served through Playwright routing, which the app:// protocol does not use',
  );
  const { page } = app;
  await page.waitForFunction(() => 'shelfmark' in window);
  // eval must be attempted by page script: code run through the DevTools protocol is exempt
  // from CSP. The probe is a same-origin script file, which script-src 'self' lets load.
  await page.route('**/__csp_probe.js', (route) =>
    route.fulfill({
      contentType: 'text/javascript',
      body: `
        const attempt = (run) => { try { return String(run()); } catch (error) { return error.name; } };
        window.__probe = {
          evalResult: attempt(() => eval('1 + 1')),
          functionResult: attempt(() => new Function('return 2')()),
          timerString: attempt(() => setTimeout('window.__timerRan = true', 0)) && 'scheduled',
        };`,
    }),
  );
  const outcome = await page.evaluate(async () => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (event) => violations.push(event.effectiveDirective));
    const inline = document.createElement('script');
    inline.textContent = 'window.__inlineRan = true';
    document.head.append(inline);
    const probe = document.createElement('script');
    probe.src = './__csp_probe.js';
    const loaded = new Promise((resolve, reject) => {
      probe.onload = resolve;
      probe.onerror = reject;
    });
    document.head.append(probe);
    await loaded;
    await new Promise((resolve) => setTimeout(resolve, 100));
    const w = window as unknown as { __inlineRan?: boolean; __timerRan?: boolean; __probe: Record<string, string> };
    return {
      inlineRan: w.__inlineRan ?? false,
      timerRan: w.__timerRan ?? false,
      ...w.__probe,
      violations: [...new Set(violations)].sort(),
    };
  });
  expect(outcome).toMatchObject({
    inlineRan: false,
    timerRan: false,
    evalResult: 'EvalError',
    functionResult: 'EvalError',
  });
  expect(outcome.violations).toEqual(expect.arrayContaining(['script-src', 'script-src-elem']));
});

test('the page cannot load remote content or reach the network', async ({ app }) => {
  const blocked = await app.page.evaluate(async () => {
    try {
      await fetch('https://example.org/');
      return 'fetched';
    } catch (error) {
      return (error as Error).name;
    }
  });
  expect(blocked).toBe('TypeError');
});

test('the bridge exposes only the contract, frozen', async ({ app }) => {
  const shape = await app.page.evaluate(() => {
    const api = (window as unknown as { shelfmark: Record<string, unknown> }).shelfmark;
    return {
      keys: Object.keys(api).sort(),
      frozen: Object.isFrozen(api),
      hasIpcRenderer: 'ipcRenderer' in window,
      hasRequire: 'require' in window,
      hasProcess: 'process' in window,
    };
  });
  expect(shape.frozen).toBe(true);
  expect(shape.hasIpcRenderer).toBe(false);
  expect(shape.hasRequire).toBe(false);
  expect(shape.hasProcess).toBe(false);
  expect(shape.keys).toContain('openExternal');
  expect(shape.keys).toContain('on');
});
