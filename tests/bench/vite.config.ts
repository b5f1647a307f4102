import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/** Builds the benchmark floor page into dist-bench/, with the app's public/ data. */
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  publicDir: resolve(import.meta.dirname, '../../public'),
  build: {
    outDir: resolve(import.meta.dirname, '../../dist-bench'),
    emptyOutDir: true,
    rollupOptions: { input: resolve(import.meta.dirname, 'floor.html') },
    chunkSizeWarningLimit: 2000,
  },
  worker: { format: 'es' },
});
