import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAULTY_VARIANTS, writeVariant } from '../fixtures/faulty-data/variants.ts';
import { FALLBACK_LOOK } from '../../src/ui/load-error.ts';
import { frames, newContext, useHarness, waitReady } from './harness.ts';

const DIST_DATA = resolve(import.meta.dirname, '../../dist/data');
/** Where screenshots of the message go, to be looked at (not compared). */
const SHOTS = process.env.SHOTS_DIR;

/** Records, from before the app runs, whether `data-ready` ever became "true" and any CSP violation. */
const WATCH = `
  window.__everReady = false;
  window.__csp = [];
  new MutationObserver(() => {
    if (document.documentElement && document.documentElement.dataset.ready === 'true') window.__everReady = true;
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'] });
  document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective));
`;

const h = useHarness();
let tmp = '';
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'faulty-data-'));
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Opens the app with its data requests answered from `dataDir` (404 where a file is absent); returns the page and its console errors. */
async function openWithData(dataDir: string, query = '', size = { width: 1280, height: 800 }) {
  const context = await newContext(h, { viewport: size });
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.name}: ${e.message}`));
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await page.addInitScript(WATCH);
  await page.route('**/data/*.json', (route) => {
    const file = join(dataDir, new URL(route.request().url()).pathname.split('/').pop()!);
    return existsSync(file)
      ? route.fulfill({ status: 200, contentType: 'application/json', body: readFileSync(file) })
      : route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' });
  });
  await page.goto(h.url + query);
  return { page, errors, requests };
}

/** Returns the visible alert's text once it shows. */
async function alertText(page: Page): Promise<string> {
  const alert = page.locator('.load-error[role="alert"]');
  await alert.waitFor({ state: 'visible' });
  return (await alert.textContent()) ?? '';
}

/** The theme the build wrote (its colours with their defaults). */
const THEME = JSON.parse(readFileSync(join(DIST_DATA, 'theme.json'), 'utf8')) as { colors: Record<string, string> };
/** Returns `#rrggbb` as getComputedStyle writes it. */
const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;

/** Console errors that are not the browser's own line for a 404 the variant asked for. */
const realErrors = (errors: string[]) => errors.filter((e) => !/^Failed to load resource: the server responded with a status of 404/.test(e));

describe('faulty data in Chromium', () => {
  it.each(FAULTY_VARIANTS.map((v, i) => [v.id, v, i] as const))('%s: a message names the file and field, no raw error, never ready', async (_, variant, i) => {
    const dir = join(tmp, `v${i}`);
    const expected = writeVariant(DIST_DATA, dir, variant);
    const { page, errors } = await openWithData(dir);
    const text = await alertText(page);
    expect(text).toContain('The map could not be loaded');
    expect(text).toContain(expected);
    // the check has had its say; give a wrong render twenty frames to claim readiness anyway
    await frames(page, 20);
    const after = await page.evaluate(() => ({
      ready: document.documentElement.dataset.ready,
      everReady: (window as unknown as { __everReady: boolean }).__everReady,
      csp: (window as unknown as { __csp: string[] }).__csp,
      app: !!window.explainer,
    }));
    expect(after).toEqual({ ready: 'false', everReady: false, csp: [], app: false });
    expect(realErrors(errors).filter((e) => /TypeError|Uncaught|pageerror/.test(e))).toEqual([]);
    // the notice has the theme's look, or the built-in one when the theme's colours cannot be read
    const themeBroken = variant.id === 'theme is an HTML page';
    await page.waitForFunction(() => !!document.documentElement.dataset.look);
    const look = await page.evaluate(() => ({ look: document.documentElement.dataset.look, edge: getComputedStyle(document.querySelector('.load-error')!).borderLeftColor }));
    expect(look).toEqual({ look: themeBroken ? 'fallback' : 'theme', edge: rgb(themeBroken ? FALLBACK_LOOK['--alert'] : THEME.colors.alert) });
    if (SHOTS && (variant.id === 'every event start "garbage"' || variant.id === 'basemap missing')) {
      await page.screenshot({ path: join(SHOTS, `data-fault-${i}-1280x800.png`) });
      await page.setViewportSize({ width: 360, height: 740 });
      await page.screenshot({ path: join(SHOTS, `data-fault-${i}-360x740.png`), fullPage: true });
    }
    await page.context().close();
  });

  it('a data request that never answers shows a message naming the file within its time-out', async () => {
    const context = await newContext(h, { viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    await page.route('**/data/story.json', () => {});
    await page.goto(`${h.url}?loadtimeout=2`);
    expect(await alertText(page)).toContain('data/story.json: did not arrive within 2 s');
    expect(await page.evaluate(() => document.documentElement.dataset.ready)).toBe('false');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a bad loadtimeout falls back to the default and the app loads, without loading the data check', async () => {
    const { page, errors, requests } = await openWithData(DIST_DATA, '?loadtimeout=abc');
    await waitReady(page);
    expect(errors).toEqual([]);
    expect(requests.filter((p) => p.includes('/assets/validate-'))).toEqual([]);
    await page.context().close();
  });

  it('files that differ from the build but are sound (re-indented, manifest missing) are checked and shown, under the CSP', async () => {
    const dir = join(tmp, 'reindented');
    writeVariant(DIST_DATA, dir, {
      id: 'reindented',
      apply: (d) => {
        d.raw['story.json'] = JSON.stringify(d.json['story.json'], null, 2);
        d.missing.add('manifest.json');
        return '';
      },
    });
    const { page, errors, requests } = await openWithData(dir);
    await waitReady(page);
    expect(requests.some((p) => /\/assets\/validate-[\w-]+\.js$/.test(p))).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
    expect(realErrors(errors)).toEqual([]);
    expect(await page.locator('.event-list li').count()).toBeGreaterThan(10);
    await page.context().close();
  });

  it('a kiosk that cannot load tries again and then shows the tour', async () => {
    const context = await newContext(h, { viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    let calls = 0;
    await page.route('**/data/story.json', (route) => (++calls === 1 ? route.fulfill({ status: 503, body: 'busy' }) : route.continue()));
    await page.goto(`${h.url}?mode=kiosk`);
    const text = await alertText(page);
    expect(text).toContain('data/story.json: HTTP 503');
    expect(text).toContain('Trying again in 5 s');
    await waitReady(page);
    expect(calls).toBe(2);
    expect(await page.evaluate(() => window.explainer!.config.mode)).toBe('kiosk');
    await context.close();
  });
});
