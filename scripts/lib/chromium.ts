import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserServer } from 'playwright-core';

/** Flags every headless run here needs: software WebGL, and no traffic of Chromium's own. */
export const CHROMIUM_FLAGS = [
  '--enable-unsafe-swiftshader',
  '--use-angle=swiftshader',
  '--ignore-gpu-blocklist',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--no-first-run',
  '--disable-quic',
  '--hide-scrollbars',
];

/**
 * An init script for every page a script drives. tsx compiles the scripts with esbuild's keepNames,
 * which wraps named inner functions in `__name(fn, "name")`; a function handed to `page.evaluate`
 * carries those calls into the page, where `__name` must exist.
 */
export const KEEP_NAMES_SHIM = 'globalThis.__name ??= (fn) => fn;';

/** Returns the Chromium executable path (CHROMIUM_PATH, else /usr/bin/chromium), or throws a one-line reason saying how to install it. */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(path))
    throw new Error(`Chromium not found at ${path}: install it with \`apt-get install -y chromium\` or set CHROMIUM_PATH to a Chromium/Chrome binary`);
  return path;
}

/** Returns playwright's launch options for Chromium: its path, the flags above (plus --no-sandbox when root) and any `args`. */
export function chromiumLaunchOptions({ headless = true, args = [] as string[] } = {}) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  return { executablePath: chromiumPath(), headless, args: [...CHROMIUM_FLAGS, ...(root ? ['--no-sandbox'] : []), ...args] };
}

/** Launches Chromium through playwright-core with `chromiumLaunchOptions`. */
export async function launchChromium(options: { headless?: boolean; args?: string[] } = {}): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions(options));
}

/** Launches Chromium as a server that other processes connect to (`chromium.connect(wsEndpoint)`), with `chromiumLaunchOptions`: the e2e suite's one browser. */
export async function launchChromiumServer(options: { headless?: boolean; args?: string[] } = {}): Promise<BrowserServer> {
  return chromium.launchServer(chromiumLaunchOptions(options));
}
