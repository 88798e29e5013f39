// Lint, including the runtime boundaries of ARCHITECTURE.md: shared/ is pure, renderer/
// never reaches Node or Electron, electron/ never reaches renderer/.
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'assert',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'http2',
  'https',
  'module',
  'net',
  'os',
  'path',
  'perf_hooks',
  'process',
  'readline',
  'stream',
  'string_decoder',
  'timers',
  'tls',
  'tty',
  'url',
  'util',
  'v8',
  'vm',
  'worker_threads',
  'zlib',
];
const nodePatterns = [{ group: ['node:*'], message: 'Node built-ins are not available in this runtime.' }];
const builtinPaths = nodeBuiltins.map((name) => ({
  name,
  message: 'Node built-ins are not available in this runtime.',
}));
const electronPath = { name: 'electron', message: 'Only electron/ may import Electron.' };

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'build/stub-electron/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronPath, ...builtinPaths],
          patterns: [
            ...nodePatterns,
            {
              group: ['**/electron/**', '**/renderer/**'],
              message: 'shared/ imports nothing from electron/ or renderer/.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [electronPath, ...builtinPaths],
          patterns: [
            ...nodePatterns,
            { group: ['**/electron/**'], message: 'renderer/ may import shared/, never electron/.' },
          ],
        },
      ],
    },
  },
  {
    // Tests run in Node (fixtures are files); the code under test stays pure.
    files: ['**/*.test.{ts,tsx}', 'renderer/test/**'],
    rules: { 'no-restricted-imports': 'off', 'no-restricted-globals': 'off' },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/renderer/**'], message: 'electron/ never imports renderer/.' }] },
      ],
    },
  },
);
