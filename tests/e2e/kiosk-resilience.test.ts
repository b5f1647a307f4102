import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { startServer } from '../../scripts/serve.ts';
import type { ReloadRecord } from '../../src/modes/kiosk-watchdog.ts';
import { canvasColourCount, loseContexts, newContext, openApp, useHarness, waitReady, WAIT } from './harness.ts';

const h = useHarness();
const ROOT = resolve(import.meta.dirname, '../..');

/** Returns the page's watchdog reload record (sessionStorage survives the reload). */
function reloads(page: Page): Promise<ReloadRecord | null> {
  return page.evaluate(() => JSON.parse(sessionStorage.getItem('kiosk-watchdog') ?? 'null'));
}

/**
 * Returns the index of the current event (-1 before the first), from the story's event starts (read
 * through the page's own fetch, so from the worker's copy when the server is gone), and whether the tour plays.
 */
function tourState(page: Page) {
  return page.evaluate(async () => {
    const story = (await (await fetch('data/story.json')).json()) as { events: { start: string }[] };
    const s = window.explainer!.store.getState();
    return { i: story.events.filter((e) => Date.parse(e.start) <= s.t).length - 1, playing: s.playing, touring: document.documentElement.dataset.kioskState === 'touring' };
  });
}

describe('the kiosk survives its server (offline worker)', () => {
  it('keeps touring after the server is stopped and the page reloaded; explore pages still go to the network', async () => {
    const { server, url } = await startServer({ root: join(ROOT, 'dist'), port: 0, log: () => undefined });
    const stop = (s: Server) => new Promise<void>((ok) => (s.closeAllConnections(), s.close(() => ok())));
    try {
      const context = await newContext(h, { viewport: { width: 1280, height: 720 } });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${url}?mode=kiosk`);
      await waitReady(page);
      // the worker precaches the build and takes over the page
      await page.waitForFunction(() => !!navigator.serviceWorker.controller);
      const cached = await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('kiosk-precache-')));
      expect(cached).toHaveLength(1);

      // an explore page in the same browser, with the server up: its page comes from the server, not the kiosk's copy
      const explore = await context.newPage();
      const doc = await explore.goto(`${url}?t=2025-06-02T12:00Z`);
      expect(doc?.fromServiceWorker()).toBe(false);
      await waitReady(explore);

      await stop(server);
      // explore with the server gone fails as it would without the worker (no stale copy)
      await expect(explore.goto(`${url}?t=2025-06-02T12:00Z`)).rejects.toThrow(/ERR_CONNECTION_REFUSED|net::/);
      await explore.close();

      await page.reload();
      await waitReady(page);
      const before = await tourState(page);
      expect(before.playing && before.touring).toBe(true);
      // speed the tour up so that the next event comes within seconds
      await page.evaluate(() => window.explainer!.store.getState().set({ speed: 32 }));
      await expect.poll(async () => (await tourState(page)).i).not.toBe(before.i);
      await waitReady(page);
      expect(await canvasColourCount(page)).toBeGreaterThan(30);
      expect(errors).toEqual([]);
      await context.close();
    } finally {
      if (server.listening) await stop(server);
    }
  });
});

describe('the kiosk survives itself (watchdog)', () => {
  it("reloads a page whose frame loop stalls longer than the limit, with reason 'stall', keeping the kiosk's settings", async () => {
    const { page } = await openApp(h, '?mode=kiosk&watchdog=5&orientation=portrait', { width: 960, height: 540 });
    const lines: string[] = [];
    page.on('console', (m) => m.text().startsWith('Kiosk watchdog:') && lines.push(m.text()));
    expect(await reloads(page)).toBeNull();
    const reloaded = page.waitForEvent('load', { timeout: WAIT });
    // no animation frame runs any more: the frame loop has stalled (timers still run)
    await page.evaluate(() => {
      window.requestAnimationFrame = () => 0;
    });
    await reloaded;
    await waitReady(page);
    const r = await reloads(page);
    expect(r?.count).toBe(1);
    expect(r?.last[0].reason).toBe('stall');
    expect(r?.last[0].detail).toMatch(/^no frame for \d+\.\d s \(limit 5 s\)$/);
    expect(lines.some((l) => /reloading the page \(stall: /.test(l))).toBe(true);
    // the URL the page rewrote as it toured still holds its settings, so the reloaded page has them
    const q = new URL(page.url()).searchParams;
    expect([q.get('mode'), q.get('watchdog'), q.get('orientation')]).toEqual(['kiosk', '5', 'portrait']);
    expect(await page.evaluate(() => document.documentElement.dataset.kioskLayout)).toBe('portrait');
    await page.context().close();
  });

  it("reloads a page whose WebGL context stays lost, with reason 'context'", async () => {
    const { page } = await openApp(h, '?mode=kiosk&watchdog=5', { width: 960, height: 540 });
    const reloaded = page.waitForEvent('load', { timeout: WAIT });
    // lost for good: never restored
    await loseContexts(page);
    await reloaded;
    await waitReady(page);
    const r = await reloads(page);
    expect(r?.count).toBe(1);
    expect(r?.last[0].reason).toBe('context');
    expect(await canvasColourCount(page)).toBeGreaterThan(30);
    await page.context().close();
  });
});

describe('the kiosk launcher (npm run kiosk)', () => {
  it('starts Chromium again after its process is killed, and logs both launches and the page loading', async () => {
    const log = join(tmpdir(), `kiosk-launcher-${process.pid}.log`);
    rmSync(log, { force: true });
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/kiosk.ts', '--headless', '--log', log], { cwd: ROOT, env: { ...process.env, PORT: '0' }, stdio: 'ignore' });
    const read = () => (existsSync(log) ? readFileSync(log, 'utf8') : '');
    const count = (re: RegExp) => read().split('\n').filter((l) => re.test(l)).length;
    try {
      await expect.poll(() => count(/ page ready /), { timeout: WAIT }).toBe(1);
      const pid = Number(/browser started \(launch 1, pid (\d+)\)/.exec(read())?.[1]);
      expect(pid).toBeGreaterThan(0);
      process.kill(pid, 'SIGKILL');
      await expect.poll(() => count(/browser ended \(killed by SIGKILL\) after [\d.]+ s; starting it again in 1 s$/), { timeout: WAIT }).toBe(1);
      await expect.poll(() => count(/browser started \(launch 2, pid \d+\)/), { timeout: WAIT }).toBe(1);
      await expect.poll(() => count(/ page ready /), { timeout: WAIT }).toBe(2);
      // every line: an ISO time in UTC, then the event
      for (const line of read().trim().split('\n')) expect(line).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \S/);
    } finally {
      const exited = new Promise((ok) => child.once('exit', ok));
      child.kill('SIGTERM');
      await exited;
      rmSync(log, { force: true });
    }
    expect(child.exitCode).toBe(0);
  });
});
