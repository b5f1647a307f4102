import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

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

/** Returns the Chromium executable path (CHROMIUM_PATH, else /usr/bin/chromium), or throws a one-line reason saying how to install it. */
export function chromiumPath() {
  const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(path))
    throw new Error(`Chromium not found at ${path}: install it with \`apt-get install -y chromium\` or set CHROMIUM_PATH to a Chromium/Chrome binary`);
  return path;
}

/** Launches Chromium through playwright-core with the flags above (plus --no-sandbox when root). */
export async function launchChromium({ headless = true, args = [] } = {}) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  return chromium.launch({
    executablePath: chromiumPath(),
    headless,
    args: [...CHROMIUM_FLAGS, ...(root ? ['--no-sandbox'] : []), ...args],
  });
}
