// Registers the kiosk's offline worker (dist/kiosk-sw.js, written by the build: scripts/lib/kiosk-sw.ts)
// so that a kiosk keeps running and reloads with its server gone. Kiosk mode only: the worker serves
// kiosk pages from its precache and passes every other page's requests to the network untouched.
import { reloadFor, UPDATE_CHECK_MS } from './kiosk-watchdog.ts';

/** The worker's file, next to index.html. */
export const WORKER_FILE = 'kiosk-sw.js';

/**
 * Registers the worker (scope: the app's directory) and keeps it current: asks the server for a new
 * build every hour (and at each load); when a new build's worker takes over a page it already
 * controlled, the page reloads ('update') so the running app and its cache are the same build.
 * Registers once `after` resolves (the first complete frame: the precache's downloads do not compete
 * with the first draw). Returns the stop. Does nothing where service workers are unavailable (http
 * on another host than localhost, or a browser without them) but say so on the console.
 */
export function startKioskOffline(after: Promise<void> = Promise.resolve()): () => void {
  if (!('serviceWorker' in navigator)) {
    console.info('Kiosk: no offline copy (service workers need https or localhost); the kiosk needs its server.');
    return () => undefined;
  }
  const sw = navigator.serviceWorker;
  let done = false;
  let hadController = !!sw.controller;
  let timer = 0;
  const onControllerChange = () => {
    if (done) return;
    if (hadController) reloadFor('update', 'a new build of the app took over');
    hadController = true;
  };
  sw.addEventListener('controllerchange', onControllerChange);
  after
    .then(() => (done ? null : sw.register(new URL(WORKER_FILE, document.baseURI), { scope: './' })))
    .then(
      (reg) => {
        if (reg && !done) timer = window.setInterval(() => void reg.update().catch(() => undefined), UPDATE_CHECK_MS);
      },
      (e: unknown) => console.warn(`Kiosk: the offline copy could not be set up (${e instanceof Error ? e.message : String(e)}); the kiosk needs its server.`),
    );
  return () => {
    done = true;
    clearInterval(timer);
    sw.removeEventListener('controllerchange', onControllerChange);
  };
}
