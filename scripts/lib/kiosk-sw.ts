// The kiosk's offline worker: written into dist/ by the build (the Vite plugin below) with the list of
// every file of the build and a version made from their contents, so that a new build is a new worker
// that replaces the cache. Hand-written (about 3 kB, no dependency): see the README, "Running unattended".
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';

/** The worker's file name in dist/ (src/modes/kiosk-offline.ts registers it). */
export const WORKER_FILE = 'kiosk-sw.js';

/** Files of dist/ the worker does not precache: compressed copies (the server picks them), the hosts' header file and itself. */
const SKIP = (rel: string) => /\.(br|gz)$/.test(rel) || rel === '_headers' || rel === WORKER_FILE || rel.split('/').some((s) => s.startsWith('.'));

/** Returns every file under `dir` (paths relative to it, with /), sorted. */
async function walk(dir: string, root = dir): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(path, root)));
    else out.push(relative(root, path).split(sep).join('/'));
  }
  return out.sort();
}

/** Returns the files a built `dist` directory's worker precaches, and the build's version (a hash of their names and contents). */
export async function precacheManifest(dist: string): Promise<{ files: string[]; version: string }> {
  const files = (await walk(dist)).filter((f) => !SKIP(f));
  if (!files.includes('index.html')) throw new Error(`kiosk-sw: ${dist} has no index.html`);
  const hash = createHash('sha256');
  for (const f of files) hash.update(`${f}\0`).update(await readFile(join(dist, f))).update('\0');
  return { files, version: hash.digest('hex').slice(0, 16) };
}

/**
 * The worker, as it runs in the browser. Kiosk pages (`mode=kiosk` in the page's URL) are served
 * from the precache: the page itself (any query), the app's files and the data. Every other page
 * (explore, embed, screenshot) goes to the network as it would without a worker; the content-hashed
 * files under assets/ are served from the precache to anyone, since their bytes never change.
 * A worker (maplibre's) counts as a kiosk's when a kiosk page is open.
 */
const WORKER_BODY = String.raw`
const CACHE = PREFIX + VERSION;
const SCOPE = self.registration.scope;
const INDEX = new URL('index.html', SCOPE).href;
const PRECACHED = new Set(FILES.map((f) => new URL(f, SCOPE).href));
const ASSETS = new URL('assets/', SCOPE).href;
/** Ids of kiosk window clients seen (lost when the worker stops; then asked again). */
const kioskIds = new Set();

const isKioskUrl = (url) => {
  try {
    return new URL(url).searchParams.get('mode') === 'kiosk';
  } catch {
    return false;
  }
};

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      // all or nothing: one failed file fails the install, and the previous build's worker stays
      .then((cache) => cache.addAll([...PRECACHED].map((url) => new Request(url, { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

/** The precached answer for a URL, else the network's. */
async function fromCache(key, request) {
  const hit = await caches.match(key, { cacheName: CACHE });
  return hit ?? fetch(request);
}

/** Whether a request's client is a kiosk page, or a worker while a kiosk page is open. */
async function fromKiosk(clientId) {
  if (kioskIds.has(clientId)) return true;
  const client = clientId ? await self.clients.get(clientId) : null;
  if (client && client.type === 'window') {
    if (isKioskUrl(client.url)) kioskIds.add(client.id);
    return kioskIds.has(client.id);
  }
  const windows = await self.clients.matchAll({ type: 'window' });
  return windows.some((w) => isKioskUrl(w.url));
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  const key = url.origin + url.pathname;
  if (request.mode === 'navigate') {
    if ((key !== SCOPE && key !== INDEX) || !isKioskUrl(request.url)) return;
    if (event.resultingClientId) kioskIds.add(event.resultingClientId);
    event.respondWith(fromCache(INDEX, request));
    return;
  }
  if (!PRECACHED.has(key)) return;
  if (key.startsWith(ASSETS)) {
    event.respondWith(fromCache(key, request));
    return;
  }
  event.respondWith(fromKiosk(event.clientId).then((kiosk) => (kiosk ? fromCache(key, request) : fetch(request))));
});
`;

/** Returns the worker's source for a build's version and files (paths relative to the app's directory). */
export function workerSource(version: string, files: string[]): string {
  return [
    `// The kiosk's offline worker (written by the build: scripts/lib/kiosk-sw.ts). Build ${version}.`,
    `const VERSION = ${JSON.stringify(version)};`,
    `const PREFIX = 'kiosk-precache-';`,
    `const FILES = ${JSON.stringify(files)};`,
    WORKER_BODY.trimStart(),
  ].join('\n');
}

/** Writes dist/kiosk-sw.js for the files now in `dist`; returns the version and the number of files. */
export async function writeWorker(dist: string): Promise<{ version: string; files: number }> {
  const { files, version } = await precacheManifest(dist);
  await writeFile(join(dist, WORKER_FILE), workerSource(version, files));
  return { version, files: files.length };
}

/** The Vite plugin: writes the worker once the bundle and public/ are in dist/, before the compressed copies are made. */
export function kioskWorkerPlugin(): Plugin {
  let outDir = '';
  // whether the bundle was written: a build that failed before (a licence outside the list, say) still
  // closes, and its own error, not "no index.html" from here, is the one to report
  let written = false;
  return {
    name: 'kiosk-worker',
    apply: 'build',
    configResolved(config: ResolvedConfig) {
      outDir = resolve(config.root, config.build.outDir);
    },
    buildStart() {
      written = false;
    },
    writeBundle() {
      written = true;
    },
    closeBundle: {
      order: 'pre',
      sequential: true,
      async handler(error?: Error) {
        if (!error && written) await writeWorker(outDir);
      },
    },
  };
}
