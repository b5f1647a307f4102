import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { downloadBytes, openApp, state, useHarness, useSharedApp } from './harness.ts';

const SPIDERWEB = '?mode=screenshot&event=operation-spiderweb';
/** The theme's "struck" red (#b3261e), drawn by deck.gl for the airbases hit on 1 June. */
const STRUCK = [0xb3, 0x26, 0x1e];

const h = useHarness();

/** Returns [width, height] read from a PNG's IHDR chunk (bytes 16–23). */
function ihdrSize(png: Buffer): [number, number] {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

interface ExportCheck {
  /** The PNG's first 33 bytes: signature and IHDR chunk (the image itself is probed in the page, not sent over). */
  png: Buffer;
  fileName: string;
  bands: { top: number; bottom: number };
  /** Distinct colours on a coarse grid over the whole image. */
  colours: number;
  /** In each band: share of panel-white pixels and count of dark (text) pixels. */
  top: { panel: number; dark: number };
  bottom: { panel: number; dark: number };
  /** Pixels of the struck-airbase red between the bands (deck.gl layers). */
  struck: number;
}

/** Runs window.explainerExport in the page and probes the decoded PNG there (caption bands, map, layers). */
async function exportAndProbe(page: Page, width: number, height: number, scale: number): Promise<ExportCheck> {
  const r = await page.evaluate(
    async ({ o, struck }) => {
      const res = await window.explainerExport!(o);
      const bytes = Uint8Array.from(atob(res.base64), (c) => c.charCodeAt(0));
      const bmp = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const c = new OffscreenCanvas(bmp.width, bmp.height);
      const g = c.getContext('2d')!;
      g.drawImage(bmp, 0, 0);
      const { data } = g.getImageData(0, 0, bmp.width, bmp.height);
      const px = (x: number, y: number) => {
        const i = (y * bmp.width + x) * 4;
        return [data[i], data[i + 1], data[i + 2]];
      };
      const step = Math.max(1, Math.round(bmp.width / 400));
      const seen = new Set<number>();
      for (let y = 0; y < bmp.height; y += step) for (let x = 0; x < bmp.width; x += step) seen.add(px(x, y).reduce((a, v) => a * 256 + v, 0));
      const band = (y0: number, y1: number) => {
        let n = 0;
        let panel = 0;
        let dark = 0;
        for (let y = Math.round(y0); y < y1; y += 1)
          for (let x = 0; x < bmp.width; x += 2) {
            const [r, gg, b] = px(x, y);
            n++;
            if (r > 245 && gg > 245 && b > 245) panel++;
            if (0.2126 * r + 0.7152 * gg + 0.0722 * b < 90) dark++;
          }
        return { panel: panel / n, dark };
      };
      let red = 0;
      for (let y = Math.round(res.bands.top); y < bmp.height - res.bands.bottom; y += 1)
        for (let x = 0; x < bmp.width; x += 1) {
          const [r, gg, b] = px(x, y);
          if (Math.abs(r - struck[0]) < 14 && Math.abs(gg - struck[1]) < 14 && Math.abs(b - struck[2]) < 14) red++;
        }
      return {
        head: res.base64.slice(0, 44),
        fileName: res.fileName,
        bands: res.bands,
        colours: seen.size,
        top: band(res.bands.top * 0.15, res.bands.top * 0.9),
        bottom: band(bmp.height - res.bands.bottom * 0.9, bmp.height - res.bands.bottom * 0.1),
        struck: red,
      };
    },
    { o: { width, height, scale }, struck: STRUCK },
  );
  const { head, ...rest } = r;
  return { ...rest, png: Buffer.from(head, 'base64') };
}

describe('screenshot mode in Chromium', () => {
  // One page at Operation Spiderweb, 1200 × 675, shared by these tests (state put back before each).
  describe('at Operation Spiderweb, 1200 × 675', () => {
    const spiderweb = useSharedApp(h, SPIDERWEB, { width: 1200, height: 675 });

    it('shows no controls, and a caption with the title, the moment and the event', async () => {
      const { page, errors, external } = spiderweb;
      expect(await page.evaluate(() => document.documentElement.dataset.mode)).toBe('screenshot');
      expect(await page.locator('button:visible').count()).toBe(0);
      expect(await page.locator('input:visible, select:visible').count()).toBe(0);
      for (const sel of ['.timeline', '.masthead', '.side', '.legend-wrap', '.maplibregl-ctrl-attrib']) expect(await page.locator(sel).first().isVisible(), sel).toBe(false);

      const caption = (await page.locator('.shot-caption-text').textContent()) ?? '';
      expect(caption).toContain('Talks in the shadow of Spiderweb');
      // Spiderweb is a day-precision event: the sources give no time of day for it.
      expect(await page.locator('.shot-caption-text .shot-moment').textContent()).toBe('1 Jun 2025');
      expect(caption).toContain('Operation Spiderweb: Ukrainian drone strikes on Russian air bases');
      expect(caption).toContain('Air base in a region Russia named');
      // Outlets, not titles.
      expect(caption).toMatch(/Sources: [^“”]*AFP/);
      // The bases' positions come from reference articles outside the five: marked as reported elsewhere.
      expect(caption).toMatch(/Reported elsewhere: [^“”]*Wikipedia/);
      expect(caption).toContain('Natural Earth');

      // The drawn caption: a white top band with dark title text, over the map.
      const probe = await page.evaluate(() => {
        const c = document.querySelector<HTMLCanvasElement>('canvas.shot-caption')!;
        const { data, width } = c.getContext('2d')!.getImageData(0, 0, c.width, Math.round(c.height * 0.1));
        let dark = 0;
        for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 200 && data[i] < 80 && data[i + 1] < 80 && data[i + 2] < 80) dark++;
        return { dark, width };
      });
      expect(probe.width).toBe(1200);
      expect(probe.dark).toBeGreaterThan(500);
      expect(errors).toEqual([]);
      expect(external).toEqual([]);
    });

    it('exports each preset at 1× and 2× at exactly that size, with map, layers and caption in the image', async () => {
      const { page, errors } = spiderweb;
      const runs: [number, number, number][] = [
        [1920, 1080, 1],
        [1200, 675, 1],
        [1080, 1080, 1],
        [1080, 1350, 1],
        [1080, 1920, 1],
        [1920, 1080, 2],
        [1200, 675, 2],
        [1080, 1080, 2],
        [1080, 1350, 2],
        [1080, 1920, 2],
      ];
      for (const [w, hh, scale] of runs) {
        const label = `${w}x${hh}@${scale}x`;
        const r = await exportAndProbe(page, w, hh, scale);
        expect(ihdrSize(r.png), label).toEqual([w * scale, hh * scale]);
        expect(r.fileName, label).toMatch(new RegExp(`^[a-z0-9-]+_2025-06-01T0600Z_${w}x${hh}@${scale}x\\.png$`));
        expect(r.colours, label).toBeGreaterThan(60);
        expect(r.top.panel, label).toBeGreaterThan(0.6);
        expect(r.top.dark, label).toBeGreaterThan(200 * scale * scale);
        expect(r.bottom.panel, label).toBeGreaterThan(0.6);
        expect(r.bottom.dark, label).toBeGreaterThan(200 * scale * scale);
        expect(r.struck, label).toBeGreaterThan(20 * scale * scale);
        expect(r.bands.top + r.bands.bottom, label).toBeLessThan(hh * scale * 0.5);
      }
      // The page is put back as it was.
      expect(await page.evaluate(() => window.explainer!.mapView.canvases().map((c) => [c.width, c.height]))).toEqual([
        [1200, 675],
        [1200, 675],
      ]);
      expect(errors).toEqual([]);
    });

    it('refuses a size it cannot draw, naming the reason, and leaves the page as it was', async () => {
      const { page } = spiderweb;
      const msg = await page.evaluate(() => window.explainerExport!({ width: 100, height: 100, scale: 1 }).then(() => 'resolved', (e: Error) => e.message));
      expect(msg).toMatch(/at least 320×320/);
      const msg2 = await page.evaluate(() => window.explainerExport!({ width: 1080, height: 1080, scale: 4 }).then(() => 'resolved', (e: Error) => e.message));
      expect(msg2).toMatch(/scale must be/);
    });
  });

  it('draws the marks at the frame’s type scale from the explorer as in screenshot mode (the same moment, the same PNG)', async () => {
    // the explorer's Export PNG at 1080 × 1350 had drawn the air bases' diamonds at the page's size
    // (about 15 px against 24 px), while their rings and names grew with the frame's type
    const explorer = await openApp(h, '?event=operation-spiderweb', { width: 1280, height: 800 }, { reducedMotion: true });
    const fromPage = await exportAndProbe(explorer.page, 1080, 1350, 1);
    expect(explorer.errors).toEqual([]);
    await explorer.page.context().close();
    const shot = await openApp(h, SPIDERWEB, { width: 1080, height: 1350 });
    const fromShot = await exportAndProbe(shot.page, 1080, 1350, 1);
    await shot.page.context().close();
    expect(fromShot.struck).toBeGreaterThan(500);
    expect(fromPage.struck / fromShot.struck).toBeGreaterThan(0.9);
    expect(fromPage.struck / fromShot.struck).toBeLessThan(1.1);
  });

  it('exports a moment the same after another moment in one page (a batch of shots) as shot alone', async () => {
    // maplibre keeps a basemap name on the side it had in the frame before: once, the first round's
    // demands (16 May 14:00) shot after its opening two hours before had Chisinau and Odesa on other sides
    const size = { width: 1080, height: 1350 };
    const shoot = (page: Page, t?: number) =>
      page.evaluate(async (t) => {
        if (t !== undefined) window.explainer!.store.getState().set({ t, playing: false });
        return (await window.explainerExport!({ width: 1080, height: 1350, scale: 1 })).base64;
      }, t);
    // as `npm run shots -- --all-events` takes them: one page, the moment moved between shots
    const batch = await openApp(h, '?mode=screenshot&event=first-round-dolmabahce', size);
    await shoot(batch.page);
    const after = await shoot(batch.page, Date.parse('2025-05-16T14:00Z'));
    expect(batch.errors).toEqual([]);
    await batch.page.context().close();
    const alone = await openApp(h, '?mode=screenshot&event=first-round-demands', size);
    const own = await shoot(alone.page);
    // pixels whose colour differs by more than 40 of 255: a name on another side of its dot makes
    // hundreds; the same lines and letters drawn a fraction of a pixel apart (seen: at most 18) none
    const differing = await alone.page.evaluate(async (pngs) => {
      const pixels = await Promise.all(
        pngs.map(async (b64) => {
          const bmp = await createImageBitmap(new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], { type: 'image/png' }));
          const g = new OffscreenCanvas(bmp.width, bmp.height).getContext('2d')!;
          g.drawImage(bmp, 0, 0);
          return g.getImageData(0, 0, bmp.width, bmp.height).data;
        }),
      );
      let n = 0;
      for (let i = 0; i < pixels[0].length; i += 4) if (Math.max(...[0, 1, 2].map((k) => Math.abs(pixels[0][i + k] - pixels[1][i + k]))) > 40) n++;
      return n;
    }, [after, own]);
    expect(differing).toBe(0);
    expect(alone.errors).toEqual([]);
    await alone.page.context().close();
  });

  it('leaves out of the legend and the source line what the caption bands hide, and fits the map between the bands it ends with', async () => {
    // At "Where the two sides stood going in" (2 June 08:00) both venues lie under the bottom band; nothing
    // else in frame is a talks venue, and only the venues cite Wikipedia.
    const size = { width: 1080, height: 1350 };
    const { page, errors } = await openApp(h, '?mode=screenshot&event=positions-going-in', size);
    const read = () =>
      page.evaluate(async () => {
        const story = (await fetch('data/story.json').then((r) => r.json())) as { events: { id: string; places: string[] }[] };
        const places = (await fetch('data/places.json').then((r) => r.json())) as { features: { properties: { id: string }; geometry: { coordinates: unknown } }[] };
        const ids = new Set(story.events.find((e) => e.id === 'positions-going-in')!.places);
        const lats: number[] = [];
        const walk = (c: unknown): void => {
          if (typeof (c as number[])[0] === 'number') lats.push((c as number[])[1]);
          else (c as unknown[]).forEach(walk);
        };
        places.features.filter((f) => ids.has(f.properties.id)).forEach((f) => walk(f.geometry.coordinates));
        const { map } = window.explainer!.mapView;
        const c = document.querySelector<HTMLCanvasElement>('canvas.shot-caption')!;
        const [top, bottom] = c.dataset.bands!.split(' ').map(Number);
        const lon = map.getCenter().lng;
        return {
          regions: ids.size,
          // the five regions' northern and southern edges, and the Dolmabahçe Palace, on the map (CSS px)
          north: map.project([lon, Math.max(...lats)]).y,
          south: map.project([lon, Math.min(...lats)]).y,
          venue: map.project([29.0017, 41.0394]).y,
          top,
          foot: c.clientHeight - bottom,
          text: document.querySelector('.shot-caption-text')!.textContent ?? '',
        };
      });
    const going = await read();
    // what makes this a test: the venue is on the map's canvas, under the band, not off it
    expect(going.venue).toBeGreaterThan(going.foot);
    expect(going.venue).toBeLessThan(size.height);
    expect(going.text).toContain('Ukrainian regions claimed by Russia');
    expect(going.text).not.toContain('Talks venue');
    expect(going.text).not.toContain('Wikipedia');
    // The map is fitted between the bands the caption ends with, not those of its first layout (which
    // listed the venue's row too): the regions' box is inside the map area, as far from its top as from
    // its foot, as fitBounds centres it. Framed for the taller first bands, it sat 32 px high (64 px more room below it than above).
    expect(going.regions).toBe(5);
    expect(going.north).toBeGreaterThan(going.top);
    expect(going.south).toBeLessThan(going.foot);
    expect(Math.abs(going.north - going.top - (going.foot - going.south))).toBeLessThan(3);
    // the export lays its caption out and frames its map the same way: the same bands
    const exported = await page.evaluate(() => window.explainerExport!({ width: 1080, height: 1350, scale: 1 }).then((r) => r.bands));
    expect([exported.top, size.height - exported.bottom]).toEqual([going.top, going.foot]);
    // at the first round the Dolmabahçe Palace is the event's place, in frame: its legend row and its sources are back
    await page.evaluate(() => window.explainer!.store.getState().set({ t: Date.parse('2025-05-16T12:00Z'), playing: false }));
    await page.waitForFunction(() => document.querySelector('.shot-caption-text')!.textContent!.includes('Talks venue'));
    expect((await read()).text).toContain('TASS');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('marks in the source line an event resting on a report outside the articles', async () => {
    const { page } = await openApp(h, '?mode=screenshot&event=exchanges-begin', { width: 1200, height: 675 });
    const sources = (await page.locator('.shot-caption-text .shot-sources').textContent()) ?? '';
    expect(sources).toMatch(/Reported elsewhere: ([^;.]+; )*Ukrainska Pravda[;.]/);
    await page.context().close();
  });

  it('opens without a console warning: the frame’s type scale restyles the basemap once its style has loaded, not before', async () => {
    const { page, errors } = await openApp(h, '?mode=screenshot&event=operation-spiderweb', { width: 1080, height: 1350 }, {
      init: () => {
        const w = ((window as unknown as { __warnings: string[] }).__warnings = [] as string[]);
        const warn = console.warn.bind(console);
        console.warn = (...a: unknown[]) => {
          w.push(a.map(String).join(' '));
          warn(...a);
        };
      },
    });
    const warnings = await page.evaluate(() => (window as unknown as { __warnings: string[] }).__warnings);
    expect(warnings).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('shows a day-precision event as its date only, and one of several days as its days', async () => {
    const { page } = await openApp(h, '?mode=screenshot&event=fidan-in-moscow', { width: 1080, height: 1080 });
    // Fidan in Moscow, 26 and 27 May: no hour, and not its first day alone
    const moment = await page.locator('.shot-caption-text .shot-moment').textContent();
    expect(moment).toBe('26–27 May 2025');
    await page.context().close();
  });
});

describe('PNG export from the explorer', () => {
  it('downloads the PNG from the Export dialog and puts the map back', async () => {
    const { page, errors } = await openApp(h, '?t=2025-06-02T12:00Z');
    const before = await page.evaluate(() => {
      const { map } = window.explainer!.mapView;
      return { canvas: [map.getCanvas().width, map.getCanvas().height], center: map.getCenter().toArray(), zoom: map.getZoom() };
    });
    // Every fitBounds during the export: the export's own framing only, never the explorer's refit of
    // the story (its top padding is 40 px) when the map changes size for the export.
    await page.evaluate(() => {
      const { map } = window.explainer!.mapView;
      const w = window as unknown as { __fits: { top: number; exporting: boolean }[] };
      w.__fits = [];
      const fit = map.fitBounds.bind(map);
      map.fitBounds = ((b: Parameters<typeof fit>[0], o?: Parameters<typeof fit>[1]) => {
        const top = typeof o?.padding === 'object' ? (o.padding.top ?? 0) : Number(o?.padding ?? 0);
        w.__fits.push({ top, exporting: window.explainer!.exporting.active });
        return fit(b, o);
      }) as typeof map.fitBounds;
    });
    await page.getByRole('button', { name: 'Export PNG' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export PNG' });
    await dialog.waitFor({ state: 'visible' });
    // the dialog's settings scroll at this size (1280 × 760); its actions stay in view at its foot
    const actions = await dialog.evaluate((d) => {
      const b = d.querySelector('.export-actions .primary')!.getBoundingClientRect();
      const r = d.getBoundingClientRect();
      return { scrolls: d.scrollHeight > d.clientHeight, inView: b.top >= r.top && b.bottom <= Math.min(r.bottom, innerHeight) };
    });
    expect(actions).toEqual({ scrolls: true, inView: true });
    await dialog.getByLabel(/1200 × 675/).check();
    await expect.poll(() => dialog.locator('.export-output').textContent()).toMatch(/1200 × 675 px · [a-z0-9-]+_2025-06-02T1200Z_1200x675@1x\.png/);
    // from the keyboard: Enter on Export, and the focus back on it once the PNG is saved (it had fallen to the page)
    await dialog.getByRole('button', { name: 'Export', exact: true }).focus();
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toMatch(/^[a-z0-9-]+_2025-06-02T1200Z_1200x675@1x\.png$/);
    expect(ihdrSize(await downloadBytes(download))).toEqual([1200, 675]);
    await expect.poll(() => dialog.locator('.export-status').textContent()).toMatch(/^Saved /);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Export');
    // what the export did, and the size and file name, are in view without scrolling the dialog (they had sat below its fold)
    const seen = await dialog.evaluate((d) =>
      ['.export-output', '.export-status'].map((q) => {
        const b = d.querySelector(q)!.getBoundingClientRect();
        const r = d.getBoundingClientRect();
        return b.height > 0 && b.top >= r.top && b.bottom <= Math.min(r.bottom, innerHeight);
      }),
    );
    expect(seen).toEqual([true, true]);
    const fits = await page.evaluate(() => (window as unknown as { __fits: { top: number; exporting: boolean }[] }).__fits.filter((f) => f.exporting));
    expect(fits.length, 'the export framed the story').toBeGreaterThan(0);
    expect(fits.filter((f) => f.top === 40), 'explorer refits during the export').toEqual([]);

    const after = await page.evaluate(() => {
      const { map } = window.explainer!.mapView;
      return { canvas: [map.getCanvas().width, map.getCanvas().height], center: map.getCenter().toArray(), zoom: map.getZoom() };
    });
    expect(after.canvas).toEqual(before.canvas);
    expect(after.zoom).toBeCloseTo(before.zoom, 6);
    expect(after.center[0]).toBeCloseTo(before.center[0], 6);
    expect((await state(page)).view).toBeNull();
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('warns in the dialog when a desk’s headline is too long for the frame, and offers the graphic credit alone for editing', async () => {
    const { page } = await openApp(h, '?event=bodies-returned');
    await page.getByRole('button', { name: 'Export PNG' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export PNG' });
    await dialog.getByLabel(/1080 × 1350/).check();
    const cut = dialog.locator('.export-cut');
    expect(await cut.isVisible()).toBe(false);
    await dialog.getByLabel('Headline').fill('Ukraine says it received 6,057 bodies under the Istanbul agreements between 11 and 16 June, slightly more than the 6,000 each side was to hand over');
    await expect.poll(() => cut.textContent()).toMatch(/^At 1080 × 1350 the headline may be too long and end with “…”/);
    await dialog.getByLabel('Headline').fill('Bodies returned');
    await expect.poll(() => cut.isVisible()).toBe(false);
    // the credit field holds the graphic credit only: the basemap's licences are printed after what the
    // desk types (`withCaptionText`, tests/export/caption-layout.test.ts)
    const credit = dialog.getByLabel('Credit');
    const story = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../data/story.json'), 'utf8')) as { graphicCredit: string };
    expect(await credit.inputValue()).toBe(story.graphicCredit);
    expect(await dialog.locator('.export-caption').textContent()).toContain('the map’s data credits and licences are always printed after it');
    await page.keyboard.press('Escape');
    await page.context().close();
  });

  it('says why a custom size cannot be exported and disables the button', async () => {
    const { page } = await openApp(h, '?t=2025-06-02T12:00Z');
    await page.getByRole('button', { name: 'Export PNG' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export PNG' });
    await dialog.getByLabel('Custom width in pixels').fill('5000');
    await dialog.getByLabel('3×').check();
    expect(await dialog.locator('.export-output').textContent()).toMatch(/Cannot export: .*15000×2700 px; each side must be at most 8192 px/);
    expect(await dialog.getByRole('button', { name: 'Export', exact: true }).isDisabled()).toBe(true);
    // the reason is in view beside the disabled button, not below the dialog's fold
    expect(await dialog.evaluate((d) => d.querySelector('.export-output')!.getBoundingClientRect().bottom <= Math.min(d.getBoundingClientRect().bottom, innerHeight))).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await page.context().close();
  });
});
