import '@fontsource/noto-sans/400.css';
import '@fontsource/noto-sans/700.css';
import './styles.css';
import { prewarm } from 'maplibre-gl';
import { createApp, type App } from './app.ts';
import { LoadError, loadAll } from './data/load.ts';
import { setReady } from './app/readiness.ts';
import type { ModeStart } from './contracts/app-context.ts';
import { MODE_PROFILES } from './modes/profiles.ts';
import { parseMode, type Mode } from './state/config.ts';
import { LATIN_SAMPLE, applyTheme } from './theme/apply-theme.ts';
import { parseLoadTimeout } from './state/url-state.ts';
import { showLoadError } from './ui/load-error.ts';

declare global {
  interface Window {
    /** Handles for tools and tests: the store, the page's config (mode, embed, idle) and the map. */
    explainer?: App;
  }
}

/** A kiosk that cannot load tries again after these pauses (s), then reloads the page. */
const KIOSK_RETRY_S = [5, 15, 45];

const root = document.getElementById('app')!;
const status = document.getElementById('status')!;
/** The mode the URL asks for, read as `parseUrl` reads it. */
const mode = parseMode(new URLSearchParams(window.location.search).get('mode')) ?? 'explore';
const profile = MODE_PROFILES[mode];

/** Loads each mode's own code (with its CSS) only in that mode, so that the explorer's first load does not carry it. */
const MODE_CODE: Record<Mode, (() => Promise<ModeStart>) | null> = {
  explore: null,
  kiosk: () => import('./modes/kiosk.ts').then((m) => m.startKiosk),
  screenshot: () => import('./modes/screenshot.ts').then((m) => m.startScreenshot),
};

/** Returns the code of the page's mode, or null for a mode without its own (the explorer). */
function loadMode(): Promise<ModeStart | null> {
  return MODE_CODE[mode]?.() ?? Promise.resolve(null);
}
let attempt = 0;

/** Shows a failure in place of the app, naming what failed; a mode that retries (kiosk) tries again, then reloads. */
function fail(problems: string[]): void {
  setReady(false, 'error');
  document.documentElement.dataset.error = 'true';
  if (!profile.retriesLoad) {
    showLoadError(root, problems, 'Reload the page to try again. If this keeps happening, the data files on the server need to be built again (npm run build).');
    return;
  }
  const wait = KIOSK_RETRY_S[attempt++];
  showLoadError(root, problems, wait === undefined ? 'Reloading the page…' : `Trying again in ${wait} s.`);
  if (wait === undefined) window.location.reload();
  else window.setTimeout(() => void boot(), wait * 1000);
}

/**
 * Starts loading the theme's font (regular and bold) as soon as theme.json arrives, while the bigger
 * files still download: applyTheme then waits for loads already under way instead of starting them
 * after all the data. An unknown or missing font name loads nothing (applyTheme's check reports it).
 */
function preloadFont(font: unknown): void {
  if (typeof font !== 'string' || !font) return;
  for (const weight of [400, 700]) void document.fonts.load(`${weight} 16px "${font}"`, LATIN_SAMPLE).catch(() => undefined);
}

async function boot(): Promise<void> {
  // maplibre's workers (their script fetched and compiled) start now, while the data downloads, not
  // when the map is made after it (the worker URL is set when ./map/map-view.ts is imported).
  prewarm();
  setReady(false, 'loading');
  delete document.documentElement.dataset.error;
  status.textContent = 'Loading map…';
  root.replaceChildren(status);
  try {
    // One await for the data, the theme's font and the mode's code: a failure of one while another
    // loads is handled here, never left as an unhandled rejection.
    const [{ prep, basemap, detail }, startMode] = await Promise.all([
      loadAll(import.meta.env.BASE_URL, {
        timeoutMs: parseLoadTimeout(window.location.search),
        onProgress: (file, done, total) => {
          status.textContent = `Loading map data… ${done} of ${total} (${file})`;
        },
        onArrived: (file, value) => {
          if (file === 'theme.json') preloadFont((value as { font?: unknown }).font);
        },
      }).then(async (data) => (await applyTheme(data.prep.theme), data)),
      loadMode().catch((e: unknown) => {
        throw new LoadError([`The ${mode} mode's code could not be loaded: ${e instanceof Error ? e.message : String(e)}`]);
      }),
    ]);
    window.explainer = createApp(root, prep, basemap, detail, prep.theme.font, startMode);
  } catch (e) {
    fail(e instanceof LoadError ? e.problems : [`The map could not be drawn: ${e instanceof Error ? e.message : String(e)}`]);
  }
}

window.addEventListener('error', (e) => {
  if (!window.explainer) fail([e.message]);
});
void boot();
