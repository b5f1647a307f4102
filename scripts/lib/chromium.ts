import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserServer } from 'playwright-core';

/** Flags every run here needs: software WebGL allowed, and no traffic of Chromium's own. */
export const CHROMIUM_FLAGS = [
  '--enable-unsafe-swiftshader',
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
 * Chromium features playwright-core switches off itself (`chromiumSwitches`, playwright-core 1.65).
 * Chromium keeps only the last value of a switch given twice, so a `--disable-features` of ours would
 * drop these unless it names them again (`chromiumLaunchOptions` merges every such switch into one, last).
 * `tests/scripts/chromium.test.ts` launches Chromium and fails if a later playwright-core adds one not here.
 */
export const PLAYWRIGHT_FEATURES_OFF = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
];

/**
 * Features every run here switches off as well. A run on the private display (and the kiosk) is a
 * browser window with Chromium's own bars, which preload the address bar's suggestion pop-up (a WebUI
 * page) in a renderer process of their own: about 1.2 s of CPU for each new window, on a page load's
 * critical path on a 2-core machine, for a pop-up that nobody opens (README "Tests").
 */
export const FEATURES_OFF = ['PreloadTopChromeWebUI', 'WebUIOmniboxPopup', 'WebUIOmniboxFullPopup', 'WebUIOmniboxAimPopup'];

/** And the features it switches on (the same source), which an `--enable-features` of ours would drop. */
export const PLAYWRIGHT_FEATURES_ON = ['CDPScreenshotNewSurface', 'SkipListAccountsWithoutGaiaCookies'];

/**
 * Returns `args` with its `--disable-features` switches merged into one, put last and naming
 * playwright's own list too, and likewise its `--enable-features` switches if it has any: Chromium
 * keeps only the last value of a switch given twice, and playwright's own come before these. Other
 * flags keep their order.
 */
export function mergeFeatureSwitches(args: readonly string[]): string[] {
  const lists = { disable: new Set(PLAYWRIGHT_FEATURES_OFF), enable: new Set(PLAYWRIGHT_FEATURES_ON) };
  const given = { disable: false, enable: false };
  const rest: string[] = [];
  for (const a of args) {
    const m = /^--(disable|enable)-features=(.*)$/.exec(a);
    if (!m) {
      rest.push(a);
      continue;
    }
    const kind = m[1] as 'disable' | 'enable';
    given[kind] = true;
    for (const name of m[2].split(',')) if (name) lists[kind].add(name);
  }
  return [...rest, ...(['disable', 'enable'] as const).filter((k) => given[k]).map((k) => `--${k}-features=${[...lists[k]].join(',')}`)];
}

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

/**
 * How a run without a screen draws WebGL, both in software:
 * - `llvmpipe`: Mesa's llvmpipe through ANGLE's OpenGL back end, in a Chromium window on a private
 *   Xvfb display. Its frames of this app took about a third of SwiftShader's here (README "Tests").
 * - `swiftshader`: Chromium's own software Vulkan, headless; needs nothing else installed.
 */
export type SoftwareGl = 'llvmpipe' | 'swiftshader';

/**
 * Returns the software GL for runs without a screen: `EXPLAINER_GL` when it names one, else llvmpipe
 * when Xvfb and Mesa's software driver are installed, else SwiftShader.
 */
export function softwareGl(env: NodeJS.ProcessEnv = process.env, has: (path: string) => boolean = existsSync): SoftwareGl {
  if (env.EXPLAINER_GL === 'llvmpipe' || env.EXPLAINER_GL === 'swiftshader') return env.EXPLAINER_GL;
  const mesa = ['/usr/lib/x86_64-linux-gnu/dri/swrast_dri.so', '/usr/lib/aarch64-linux-gnu/dri/swrast_dri.so', '/usr/lib/dri/swrast_dri.so', '/usr/lib64/dri/swrast_dri.so'].some(has);
  return has('/usr/bin/Xvfb') && mesa ? 'llvmpipe' : 'swiftshader';
}

/** The flags of each software GL. */
export const GL_FLAGS: Record<SoftwareGl, string[]> = {
  llvmpipe: ['--use-angle=gl'],
  swiftshader: ['--use-angle=swiftshader'],
};

/** A private X display and the Xvfb serving it. */
interface Display {
  name: string;
  stop(): void;
}

/**
 * Starts Xvfb on a free display (it writes the number it took to a pipe, `-displayfd`) with a screen
 * larger than any page size used here; the process is stopped by `stop()` or when this one exits.
 */
export function startXvfb(): Promise<Display> {
  return new Promise((resolve, reject) => {
    const x: ChildProcess = spawn('/usr/bin/Xvfb', ['-displayfd', '3', '-screen', '0', '4096x4096x24', '-nolisten', 'tcp', '-noreset'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
    let err = '';
    let out = '';
    x.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const stop = () => {
      process.off('exit', stop);
      if (x.exitCode === null && x.signalCode === null) x.kill();
    };
    process.on('exit', stop);
    x.once('error', (e) => {
      stop();
      reject(new Error(`Xvfb did not start: ${e.message}`));
    });
    x.once('exit', (code) => reject(new Error(`Xvfb exited (code ${code}) before it took a display: ${err.trim().split('\n').at(-1) ?? ''}`)));
    (x.stdio[3] as NodeJS.ReadableStream).on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve({ name: `:${out.trim()}`, stop });
    });
  });
}

export interface LaunchOptions {
  /** Without a window (the default); on llvmpipe this is a window on a private Xvfb display. */
  headless?: boolean;
  /** Chromium flags on top of the usual ones. */
  args?: string[];
  /** The software GL of a run without a screen (`softwareGl()` by default); a run with a window keeps Chromium's choice of GL but for SwiftShader as fallback. */
  gl?: SoftwareGl;
}

/** Returns playwright's launch options for Chromium: its path, the flags above (plus --no-sandbox when root) and any `args`. */
export function chromiumLaunchOptions({ headless = true, args = [], gl = softwareGl() }: LaunchOptions = {}, display?: string) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  // a window of its own on the private display: Chromium's headless mode has no OpenGL surface
  const onXvfb = headless && gl === 'llvmpipe' && display !== undefined;
  return {
    executablePath: chromiumPath(),
    headless: onXvfb ? false : headless,
    args: mergeFeatureSwitches([...CHROMIUM_FLAGS, `--disable-features=${FEATURES_OFF.join(',')}`, ...GL_FLAGS[onXvfb ? 'llvmpipe' : 'swiftshader'], ...(root ? ['--no-sandbox'] : []), ...args]),
    ...(onXvfb ? { env: { ...process.env, DISPLAY: display } } : {}),
  };
}

/** Returns the options with their software GL settled (`softwareGl()` unless given), and the private display a headless llvmpipe run needs (none otherwise). */
async function settle(options: LaunchOptions): Promise<{ o: LaunchOptions; display?: Display }> {
  const o = { ...options, gl: options.gl ?? softwareGl() };
  return { o, display: (o.headless ?? true) && o.gl === 'llvmpipe' ? await startXvfb() : undefined };
}

/** Launches Chromium through playwright-core with `chromiumLaunchOptions`; a private display ends with the browser. */
export async function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  const { o, display } = await settle(options);
  try {
    const browser = await chromium.launch(chromiumLaunchOptions(o, display?.name));
    if (display) browser.on('disconnected', display.stop);
    return browser;
  } catch (e) {
    display?.stop();
    throw e;
  }
}

/** Launches Chromium as a server that other processes connect to (`chromium.connect(wsEndpoint)`), with `chromiumLaunchOptions`: the e2e suite's browsers; a private display ends with the browser. */
export async function launchChromiumServer(options: LaunchOptions = {}): Promise<BrowserServer> {
  const { o, display } = await settle(options);
  try {
    const server = await chromium.launchServer(chromiumLaunchOptions(o, display?.name));
    if (display) server.process().once('exit', display.stop);
    return server;
  } catch (e) {
    display?.stop();
    throw e;
  }
}

/** Returns the WebGL 2 renderer a blank page of `browser` reports (for a run's log: which software GL drew it). */
export async function webglRenderer(browser: Browser): Promise<string> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    return await page.evaluate(() => {
      const gl = document.createElement('canvas').getContext('webgl2');
      const info = gl?.getExtension('WEBGL_debug_renderer_info');
      return gl ? String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER)) : 'no WebGL 2';
    });
  } finally {
    await context.close();
  }
}
