import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  FEATURES_OFF,
  GL_FLAGS,
  PLAYWRIGHT_FEATURES_OFF,
  PLAYWRIGHT_FEATURES_ON,
  chromiumLaunchOptions,
  chromiumPath,
  launchChromiumServer,
  mergeFeatureSwitches,
  softwareGl,
  startXvfb,
} from '../../scripts/lib/chromium.ts';

const all = () => true;
const none = () => false;

describe('softwareGl', () => {
  it('takes llvmpipe when Xvfb and Mesa are installed, SwiftShader when either is missing', () => {
    expect(softwareGl({}, all)).toBe('llvmpipe');
    expect(softwareGl({}, none)).toBe('swiftshader');
    expect(softwareGl({}, (p) => p === '/usr/bin/Xvfb')).toBe('swiftshader');
    expect(softwareGl({}, (p) => p.endsWith('swrast_dri.so'))).toBe('swiftshader');
  });

  it('follows EXPLAINER_GL when it names one, and ignores any other value', () => {
    expect(softwareGl({ EXPLAINER_GL: 'swiftshader' }, all)).toBe('swiftshader');
    expect(softwareGl({ EXPLAINER_GL: 'llvmpipe' }, none)).toBe('llvmpipe');
    expect(softwareGl({ EXPLAINER_GL: 'vulkan' }, none)).toBe('swiftshader');
  });
});

describe('chromiumLaunchOptions', () => {
  const glFlags = (args: string[]) => args.filter((a) => a.startsWith('--use-angle='));

  it('draws a headless llvmpipe run in a window on the private display, with its DISPLAY', () => {
    const o = chromiumLaunchOptions({ gl: 'llvmpipe' }, ':99');
    expect(o.headless).toBe(false);
    expect(glFlags(o.args)).toEqual(GL_FLAGS.llvmpipe);
    expect(o.env?.DISPLAY).toBe(':99');
  });

  it('stays headless on SwiftShader without a display, and keeps SwiftShader allowed as the fallback', () => {
    for (const o of [chromiumLaunchOptions({ gl: 'swiftshader' }, ':99'), chromiumLaunchOptions({ gl: 'llvmpipe' })]) {
      expect(o.headless).toBe(true);
      expect(glFlags(o.args)).toEqual(GL_FLAGS.swiftshader);
      expect(o.args).toContain('--enable-unsafe-swiftshader');
      expect('env' in o).toBe(false);
    }
  });

  it('leaves a run with a window (the kiosk on a screen) on its own display', () => {
    const o = chromiumLaunchOptions({ headless: false, gl: 'llvmpipe', args: ['--kiosk'] });
    expect(o.headless).toBe(false);
    expect(o.args.filter((a) => !a.startsWith('--disable-features=')).at(-1)).toBe('--kiosk');
    expect('env' in o).toBe(false);
  });
});

describe('mergeFeatureSwitches', () => {
  const features = (args: string[], kind: 'disable' | 'enable') => args.filter((a) => a.startsWith(`--${kind}-features=`));

  it('merges every --disable-features into one, last, naming playwright\'s list as well; other flags keep their order', () => {
    const out = mergeFeatureSwitches(['--a', '--disable-features=X,Y', '--b', '--disable-features=Y,Z']);
    expect(out.slice(0, 2)).toEqual(['--a', '--b']);
    expect(features(out, 'disable')).toHaveLength(1);
    expect(out.at(-1)!.slice('--disable-features='.length).split(',')).toEqual([...PLAYWRIGHT_FEATURES_OFF, 'X', 'Y', 'Z']);
    expect(features(out, 'enable')).toEqual([]);
  });

  it('merges --enable-features only when given one, keeping playwright\'s', () => {
    const out = mergeFeatureSwitches(['--enable-features=Q', '--disable-features=X']);
    expect(features(out, 'enable')).toEqual([`--enable-features=${[...PLAYWRIGHT_FEATURES_ON, 'Q'].join(',')}`]);
    expect(features(mergeFeatureSwitches(['--a']), 'disable')).toEqual([]);
  });

  it('gives every launch one --disable-features with the pop-up preloading off, a caller\'s own list merged in', () => {
    for (const o of [chromiumLaunchOptions({ gl: 'llvmpipe' }, ':99'), chromiumLaunchOptions({ headless: false, args: ['--kiosk', '--disable-features=X'] })]) {
      const off = features(o.args, 'disable');
      expect(off).toHaveLength(1);
      expect(off[0].split('=')[1].split(',')).toEqual(expect.arrayContaining([...PLAYWRIGHT_FEATURES_OFF, ...FEATURES_OFF]));
    }
    expect(chromiumLaunchOptions({ headless: false, args: ['--disable-features=X'] }).args.at(-1)).toMatch(/,X$/);
  });
});

/** Returns the command line of process `pid`, one argument an entry (Chromium's child processes rewrite theirs as one string: split it on spaces). */
const commandLineOf = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/).filter(Boolean);

/** Returns the processes descended from `root`, from /proc's parent ids. */
function descendants(root: number): number[] {
  const parent = new Map<number, number>();
  for (const d of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      parent.set(Number(d), Number(readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1].split(' ')[1]));
    } catch {
      // the process ended while the list was read
    }
  }
  const out: number[] = [];
  for (const pid of parent.keys()) for (let p = parent.get(pid); p; p = parent.get(p)) if (p === root) out.push(pid);
  return out;
}

/** Whether Chromium is installed (`chromiumPath` throws its install hint otherwise). */
const hasChromium = (() => {
  try {
    return !!chromiumPath();
  } catch {
    return false;
  }
})();

// CI installs Chromium (.ci/run); on a machine without it, or without /proc, this is reported as skipped
describe.runIf(hasChromium && existsSync('/proc/self/cmdline'))('a launched Chromium', () => {
  it('keeps every feature playwright switches off or on, and starts no renderer for its bars\' pop-up pages', async () => {
    const server = await launchChromiumServer();
    try {
      const pid = server.process().pid!;
      const cmd = commandLineOf(pid);
      for (const kind of ['disable', 'enable'] as const) {
        // Chromium applies the last switch: it must name every feature of the ones before it (playwright's)
        const lists = cmd.filter((a) => a.startsWith(`--${kind}-features=`)).map((a) => a.split('=')[1].split(','));
        expect(lists.length, `--${kind}-features switches`).toBeGreaterThan(0);
        expect(lists.at(-1)).toEqual(expect.arrayContaining(lists.flat()));
      }
      const browser = await chromium.connect(server.wsEndpoint());
      const page = await (await browser.newContext()).newPage();
      await page.goto('about:blank');
      // the pop-up's renderer, when preloaded, has started by the time a page is up (seen: within a second)
      await page.waitForTimeout(1500);
      const renderers = descendants(pid).map(commandLineOf).filter((c) => c.includes('--type=renderer'));
      expect(renderers.length).toBeGreaterThan(0);
      expect(renderers.filter((c) => c.includes('--top-chrome-webui'))).toEqual([]);
      await browser.close();
    } finally {
      await server.close();
    }
  });
});

// CI installs Xvfb (.ci/run); on a machine without it this is reported as skipped
describe.runIf(existsSync('/usr/bin/Xvfb'))('startXvfb', () => {
  it('serves a display of its own, and stops it', async () => {
    const a = await startXvfb();
    const b = await startXvfb();
    try {
      expect(a.name).toMatch(/^:\d+$/);
      expect(b.name).not.toBe(a.name);
      const socket = `/tmp/.X11-unix/X${a.name.slice(1)}`;
      expect(existsSync(socket)).toBe(true);
      a.stop();
      await expect.poll(() => existsSync(socket), { timeout: 10_000 }).toBe(false);
    } finally {
      a.stop();
      b.stop();
    }
  });
});
