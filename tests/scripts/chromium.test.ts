import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GL_FLAGS, chromiumLaunchOptions, softwareGl, startXvfb } from '../../scripts/lib/chromium.ts';

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
    expect(o.args.at(-1)).toBe('--kiosk');
    expect('env' in o).toBe(false);
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
