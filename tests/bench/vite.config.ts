import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { precompressPlugin } from '../../scripts/lib/build-plugins.ts';

/** Builds the benchmark floor page into dist-bench/, with the app's public/ data and precompressed copies. */
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
  // The same brotli/gzip copies as the app's build, so both are served alike.
  plugins: [precompressPlugin()],
});
