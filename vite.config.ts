import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is served from app://shelfmark/ (or a test origin): relative asset URLs.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  // The search index runs in a module worker served from 'self' (CSP script-src covers it).
  worker: { format: 'es' },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    target: 'chrome130',
  },
});
