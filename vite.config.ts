import { defineConfig } from 'vite';
import { noticesPlugin, precompressPlugin, securityHeadersPlugin } from './scripts/lib/build-plugins.ts';
import { storyHtmlPlugin } from './scripts/lib/story-html.ts';
import { kioskWorkerPlugin } from './scripts/lib/kiosk-sw.ts';
import { trimMaplibreCss } from './scripts/lib/trim-maplibre-css.ts';
import { expandCustomMedia } from './src/theme/layout.ts';

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
  plugins: [
    // The CSS names the layout's thresholds (`@media (--phone)`); src/theme/layout.ts gives their values.
    { name: 'layout-media', enforce: 'pre', transform: (code, id) => (/\.css($|\?)/.test(id) && code.includes('(--') ? expandCustomMedia(code, id) : null) },
    // index.html's title, description and og: tags from the built story (public/data/story.json).
    storyHtmlPlugin(),
    securityHeadersPlugin(),
    noticesPlugin(),
    // the kiosk's offline worker (precache of every built file), written before the compressed copies
    kioskWorkerPlugin(),
    precompressPlugin(),
  ],
});
