// electron-builder configuration. productName and appId are fixed: the userData folder (and
// with it the whole library) is found by them, so they never change.

/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'org.shelfmark.desktop',
  productName: 'Shelfmark',
  copyright: 'Copyright © 2026 Shelfmark developers',
  directories: { output: 'release', buildResources: 'build' },
  // Everything is bundled by scripts/build.mjs: the app needs no node_modules at run time.
  files: ['dist/electron/*.cjs', 'dist/renderer/**/*', 'package.json', '!**/*.map'],
  asar: true,
  // Fuses are flipped in the Electron binary itself: no running as plain Node, no NODE_OPTIONS
  // or --inspect, the asar checked against the integrity hash embedded at build time (macOS and
  // Windows), and the app loaded only from that asar.
  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    loadBrowserProcessSpecificV8Snapshot: false,
    grantFileProtocolExtraPrivileges: false,
  },
  icon: 'build/icons/icon.png',
  fileAssociations: [
    { ext: 'bib', name: 'BibTeX bibliography', role: 'Viewer' },
    { ext: 'eml', name: 'E-mail digest', role: 'Viewer' },
  ],
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Office',
    icon: 'build/icons/icon.png',
    maintainer: 'Shelfmark developers <dev@shelfmark.invalid>',
  },
  mac: {
    target: ['dmg', 'zip'],
    category: 'public.app-category.productivity',
    hardenedRuntime: true,
  },
  win: { target: ['nsis'] },
  nsis: { oneClick: false, allowToChangeInstallationDirectory: true },
};
