// Runs Electron's own binary download, which package.json's allowScripts keeps npm from
// running directly. Where the download cannot happen (no network beyond the registry,
// Node older than Electron's installer wants) it only warns, so `npm install` still succeeds
// and everything except `npm start` and the electron e2e project keeps working.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
let electronDir;
try {
  electronDir = path.dirname(require.resolve('electron/package.json'));
} catch {
  process.exit(0); // production install without devDependencies
}
const installer = path.join(electronDir, 'install.js');
if (!existsSync(installer) || process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) process.exit(0);

const result = spawnSync(process.execPath, [installer], {
  cwd: electronDir,
  stdio: 'inherit',
  timeout: 10 * 60 * 1000,
});
if (result.status !== 0) {
  console.warn(
    '\n[shelfmark] The Electron binary could not be downloaded (see above). ' +
      'Tests, lint and the CLI still work; `npm start` needs the binary. ' +
      'On a machine with internet access and Node >= 22.12, run `node node_modules/electron/install.js` or `npm install` again.\n',
  );
}
