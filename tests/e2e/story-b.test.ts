// The second story (tests/fixtures/story-b, invented test data) built from its data alone and run in
// Chromium: it loads, names itself in the page and the tab, steps through its own events, captions
// its own screenshot, and its kiosk tours. Nothing in src/ knows this story: what passes here passes
// from data.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildData } from '../../scripts/build-data.ts';
import { startServer } from '../../scripts/serve.ts';
import { openApp, useHarness, type Harness } from './harness.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const STORY_B = join(ROOT, 'tests/fixtures/story-b');
const story = JSON.parse(readFileSync(join(STORY_B, 'data/story.json'), 'utf8')) as {
  title: string;
  description: string;
  slug: string;
  displayZone: { label: string };
  events: { id: string; start: string; title: string; precision: 'day' | 'hour' | 'minute' }[];
};

const shared = useHarness();
/** The shared browser, pointed at story B's own server. */
const h = {} as Harness;
let dir = '';
let server: Server | undefined;

beforeAll(async () => {
  // Story B's data into <tmp>/public/data, then the app built with that public folder into <tmp>/dist:
  // the same two steps as `npm run build`, from another story folder (the data build's caches are shared).
  dir = mkdtempSync(join(tmpdir(), 'story-b-'));
  buildData({ dataDir: join(STORY_B, 'data'), outDir: join(dir, 'public', 'data') });
  await build({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), publicDir: join(dir, 'public'), logLevel: 'warn', build: { outDir: join(dir, 'dist'), emptyOutDir: true } });
  const started = await startServer({ root: join(dir, 'dist'), log: () => {} });
  server = started.server;
  h.url = started.url;
  h.browser = shared.browser;
}, 600_000);

afterAll(async () => {
  if (server) await new Promise((ok) => server!.close(ok));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('story B (test data) from data alone', () => {
  it('loads, with its own title in the tab, the masthead and the head, and no error or outside request', async () => {
    const { page, errors, external } = await openApp(h);
    expect(await page.title()).toBe(`${story.title}: an interactive map`);
    expect(await page.locator('h1').first().textContent()).toContain(story.title);
    const head = await page.evaluate(() => ({
      description: document.querySelector('meta[name="description"]')?.getAttribute('content'),
      ogTitle: document.querySelector('meta[property="og:title"]')?.getAttribute('content'),
    }));
    expect(head).toEqual({ description: story.description, ogTitle: story.title });
    // Nothing of the main story is left in the built page.
    expect(await page.content()).not.toMatch(/Istanbul|Spiderweb|Ukrain/);
    expect(errors).toEqual([]);
    expect(external).toEqual([]);
  });

  it('steps through its own events from the keyboard, each shown in the card and the list at its own time in its own zone', async () => {
    const { page, errors } = await openApp(h);
    await page.evaluate(() => window.explainer!.store.getState().set({ t: Date.parse('2024-01-08T00:00Z'), playing: false }));
    for (const ev of story.events) {
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction((t) => window.explainer!.store.getState().t === t, Date.parse(ev.start));
      await expect.poll(() => page.locator('.event-card h2').textContent()).toBe(ev.title);
      expect(await page.locator('.event-list [aria-current]').textContent()).toContain(ev.title);
      // The slider names a timed moment in UTC and in the story's own zone (UTC+1 here), never the main story's; a day is only a date.
      const valueText = (await page.locator('[role="slider"]').first().getAttribute('aria-valuetext')) ?? '';
      expect(valueText).toContain(ev.title);
      if (ev.precision !== 'day') expect(valueText).toMatch(new RegExp(`UTC.*${story.displayZone.label.replace('+', '\\+')}`));
      expect(valueText).not.toContain('UTC+3');
    }
    expect(errors).toEqual([]);
  });

  it('captions its screenshot with its own title, event, zone, sources and file name', async () => {
    const ev = story.events.find((e) => e.id === 'dam-flow-disputed')!;
    const { page, errors } = await openApp(h, `?mode=screenshot&event=${ev.id}`, { width: 1200, height: 675 });
    const caption = (await page.locator('.shot-caption-text').textContent()) ?? '';
    expect(caption).toContain(story.title);
    expect(caption).toContain(ev.title);
    expect(caption).toContain(story.displayZone.label);
    expect(caption).toMatch(/Sources: [^.]*River commission \(test fixture\)/);
    expect(caption).toContain('Reported elsewhere');
    const shot = await page.evaluate(() => window.explainerExport!({ width: 1200, height: 675, scale: 1 }));
    expect(shot.fileName).toBe(`${story.slug}_2024-01-10T0930Z_1200x675@1x.png`);
    expect(Buffer.from(shot.base64, 'base64').subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(errors).toEqual([]);
  });

  it('shows its disputed figure side by side, each with who gives it', async () => {
    const { page } = await openApp(h, '?event=dam-flow-disputed');
    const card = (await page.locator('.event-card').textContent()) ?? '';
    expect(card).toContain('River commission');
    expect(card).toContain('Growers’ union');
    expect(card).toContain('2,100 cubic metres a second');
    expect(card).toContain('3,000 cubic metres a second');
  });

  it('tours in kiosk mode: its events advance without input', async () => {
    const { page, errors } = await openApp(h, '?mode=kiosk&idle=2', undefined, { until: 'none' });
    // the tour opens on its attract frame; a tool's store change there would hand the kiosk to a visitor
    await page.waitForFunction(
      () => !!window.explainer && document.documentElement.dataset.kioskState === 'touring' && document.documentElement.dataset.kioskStop === 'event',
      null,
      { timeout: 120_000 },
    );
    await page.evaluate(() => window.explainer!.store.getState().set({ speed: 8 }));
    const current = () => page.evaluate(() => Array.from(document.querySelectorAll('.timeline .tick')).findIndex((t) => t.classList.contains('current')));
    const first = await current();
    await page.waitForFunction(
      (i) => Array.from(document.querySelectorAll('.timeline .tick')).findIndex((t) => t.classList.contains('current')) >= i + 2,
      first,
    );
    const title = (await page.locator('.event-card h2').textContent()) ?? '';
    expect(story.events.map((e) => e.title)).toContain(title);
    expect(errors).toEqual([]);
  });
});
