import { defineConfig } from 'vite';
import { noticesPlugin, precompressPlugin, securityHeadersPlugin } from './scripts/lib/build-plugins.ts';
import { trimMaplibreCss } from './scripts/lib/trim-maplibre-css.ts';

export default defineConfig({
  base: './',
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
  },
  // maplibre-gl.css less the controls the app never adds (scripts/lib/trim-maplibre-css.ts).
  css: { postcss: { plugins: [trimMaplibreCss()] } },
  worker: { format: 'es' },
  plugins: [securityHeadersPlugin(), noticesPlugin(), precompressPlugin()],
});
