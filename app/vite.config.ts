import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The web app: built from app/ into dist/app and served by the Rapport server at /app. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/app/',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../dist/app', import.meta.url)),
    emptyOutDir: true,
    // ECharts (core, line, bar, canvas) is one lazily loaded chunk of about 540 kB before gzip.
    chunkSizeWarningLimit: 600,
  },
});
