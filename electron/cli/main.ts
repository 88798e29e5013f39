// Entry point of the `shelfmark` command (tsx in development, dist/electron/cli.cjs when installed).

import { runCli } from './runCli';

runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Never a stack trace: one line naming what failed.
    process.stderr.write(`shelfmark: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
