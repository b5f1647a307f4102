import { defineConfig } from 'vite';
import { noticesPlugin, precompressPlugin, securityHeadersPlugin } from './scripts/lib/build-plugins.ts';

export default defineConfig({
  base: './',
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
  },
  worker: { format: 'es' },
  plugins: [securityHeadersPlugin(), noticesPlugin(), precompressPlugin()],
});
