import '@fontsource/noto-sans/400.css';
import '@fontsource/noto-sans/700.css';
import './styles.css';
import { createApp, type App } from './app.ts';
import { loadAll } from './data/load.ts';
import { setReady } from './readiness.ts';

declare global {
  interface Window {
    /** Handles for tools and tests: the store and the map. */
    explainer?: App;
  }
}

const root = document.getElementById('app')!;
const status = document.getElementById('status')!;

/** Shows a failure in place of the app, naming what failed; the page never goes blank silently. */
function fail(message: string): void {
  setReady(false, 'error');
  document.documentElement.dataset.error = 'true';
  const box = document.createElement('div');
  box.className = 'load-error';
  box.setAttribute('role', 'alert');
  const h = document.createElement('h1');
  h.textContent = 'The map could not be loaded';
  const p = document.createElement('p');
  p.textContent = message;
  box.append(h, p);
  root.replaceChildren(box);
}

async function boot(): Promise<void> {
  setReady(false, 'loading');
  const font = 'Noto Sans';
  try {
    const data = loadAll(import.meta.env.BASE_URL, (file, done, total) => {
      status.textContent = `Loading map data… ${done} of ${total} (${file})`;
    });
    await Promise.all([
      document.fonts.load(`400 16px "${font}"`, 'Çırağan Zaporizhzhia'),
      document.fonts.load(`700 16px "${font}"`, 'Çırağan'),
    ]);
    const { prep, basemap, detail } = await data;
    window.explainer = createApp(root, prep, basemap, detail, font);
  } catch (e) {
    fail(e instanceof Error ? e.message : String(e));
  }
}

window.addEventListener('error', (e) => {
  if (!window.explainer) fail(e.message);
});
void boot();
