// Reviewed Electronegativity findings. Each entry names the check, the file and a piece of
// the flagged code, and says why it is safe. A HIGH or MEDIUM finding not listed here fails
// `npm test`, and so does an entry that no longer matches any finding (it went stale).

export interface ReviewedFinding {
  check: string;
  /** Path relative to the project root; a trailing * matches any suffix (hashed bundle names). */
  file: string;
  /** A substring of the flagged sample. */
  sample: string;
  reason: string;
}

export const REVIEWED_FINDINGS: ReviewedFinding[] = [
  {
    check: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'electron/main.ts',
    sample: 'if (externalUrlVerdict(url).allowed) void shell.openExternal(url)',
    reason:
      'window.open targets reach the OS only after externalUrlVerdict accepts them: absolute http(s) URLs ' +
      'without credentials (electron/handlers.test.ts tries file:, smb:, UNC, javascript:, data: and custom schemes).',
  },
  {
    check: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'electron/main.ts',
    sample: 'openExternalUrl: (url) => shell.openExternal(url)',
    reason:
      'This is the dependency handed to createHandlers; its only caller is the openExternal handler, which passes ' +
      'nothing that externalUrlVerdict refused (tested in electron/handlers.test.ts).',
  },
  {
    check: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'renderer/api.ts',
    sample: 'openExternal({ url })',
    reason:
      'The renderer cannot open anything itself: this is the IPC call, validated by schema and sender in main and ' +
      'filtered by externalUrlVerdict there.',
  },
  {
    check: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'dist/renderer/assets/index-*',
    sample: '',
    reason: 'The built renderer bundle: the same IPC call as renderer/api.ts, minified.',
  },
  {
    check: 'PRELOAD_JS_CHECK',
    file: 'electron/main.ts',
    sample: "preload: path.join(__dirname, 'preload.cjs')",
    reason:
      'The sandboxed preload exposes only window.shelfmark, built from the IPC contract through contextBridge; ' +
      'ipcRenderer itself never reaches the page (electron/preload.ts).',
  },
];
