import { describe, expect, it } from 'vitest';
import { cameraKey, canvasColourCount, labelsUnder, openApp, pickAt, pixelAt, project, setState, state, storyPlaces, useHarness, useSharedApp, waitReady } from './harness.ts';

const OLENYA: [number, number] = [33.47, 68.1517];
const BELAYA: [number, number] = [103.575, 52.915];
const T = (iso: string) => Date.parse(iso);

const h = useHarness();

describe('explore mode in Chromium', () => {
  it('loads with no console error, no request outside its origin, and says when it is ready', async () => {
    const { page, errors, external } = await openApp(h, '?t=2025-06-02T12:00Z');
    expect(await page.evaluate(() => document.documentElement.dataset.ready)).toBe('true');
    expect(errors).toEqual([]);
    expect(external).toEqual([]);
    expect(await page.locator('h1').first().textContent()).toMatch(/\S/);
    await page.context().close();
  });

  // One page at the story's whole view (follow=0), shared: each test starts from the state it opened with.
  describe('on one page at 2 June 12:00 UTC, the whole story in view', () => {
    const map = useSharedApp(h, '?t=2025-06-02T12:00Z&follow=0');

    it('draws a map that is not blank: land, ocean and the story’s features', async () => {
      const { page } = map;
      expect(await canvasColourCount(page)).toBeGreaterThan(30);
      const [r, g, b] = await pixelAt(page, OLENYA);
      // Olenya's diamond is the "struck" red (#b3261e), not land or sea.
      expect(r).toBeGreaterThan(140);
      expect(g).toBeLessThan(90);
      expect(b).toBeLessThan(90);
      expect(await pickAt(page, BELAYA)).toBe('belaya');
    });

    it('opens an airbase’s details with its claims and sources when clicked', async () => {
      const { page } = map;
      const nodes = () => page.evaluate(() => document.querySelectorAll('.place-panel *').length);
      const before = await nodes();
      const p = await project(page, OLENYA);
      await page.mouse.click(p.x, p.y);
      const panel = page.locator('.place-panel');
      await panel.waitFor({ state: 'visible' });
      const text = (await panel.textContent()) ?? '';
      expect(text).toContain('Olenya air base');
      expect(text).toContain('SBU');
      expect(text).toContain('Russia’s defence ministry');
      expect(text).toMatch(/1,\d{3} km from Ukraine/);
      expect((await state(page)).place).toBe('olenya');
      await page.keyboard.press('Escape');
      await panel.waitFor({ state: 'hidden' });
      // a closed panel keeps none of its content (an unattended kiosk opens places for days)
      expect(before).toBeGreaterThan(0);
      expect(await nodes()).toBe(before);
    });

    it('names a place on hover', async () => {
      const { page } = map;
      const p = await project(page, BELAYA);
      await page.mouse.move(p.x, p.y);
      const tip = page.locator('.map-tooltip');
      await tip.waitFor({ state: 'visible' });
      expect(await tip.textContent()).toContain('Belaya air base');
    });

    it('toggling a layer in the legend hides it from the map', async () => {
      const { page } = map;
      expect(await pickAt(page, OLENYA)).toBe('olenya');
      await page.locator('input[data-layer="struck"]').uncheck();
      await waitReady(page);
      expect(await pickAt(page, OLENYA)).toBeNull();
      expect((await state(page)).layers).not.toContain('struck');
    });
  });

  it('shows no struck airbase before 1 June and shows them after the strike', async () => {
    // follow=0: the whole story stays in view while time moves, so every base can be picked
    const { page } = await openApp(h, '?t=2025-05-31T00:00Z&follow=0');
    expect(await pickAt(page, OLENYA)).toBeNull();
    expect(await pickAt(page, BELAYA)).toBeNull();
    await setState(page, { t: T('2025-06-01T12:00Z') });
    await expect.poll(() => pickAt(page, OLENYA)).toBe('olenya');
    expect(await pickAt(page, BELAYA)).toBe('belaya');
    await page.context().close();
  });

  it('prints no area for the schematic build-up and “buffer zone” shapes', async () => {
    for (const [id, name] of [
      ['sumy-buffer-zone', '“buffer zone”: Russia’s declared aim (schematic)'],
      ['sumy-massing-area', 'Russian troops near Sumy (per Ukraine, schematic)'],
    ]) {
      const { page, errors } = await openApp(h, `?t=2025-06-02T12:00Z&place=${id}`, undefined, { until: 'app' });
      const panel = page.locator('.place-panel');
      await panel.waitFor({ state: 'visible' });
      const text = (await panel.textContent()) ?? '';
      expect(text).toContain(name);
      expect(text).not.toMatch(/km²|Area:/);
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });

  it('keeps the names clear of an open place panel, and the map where it was', async () => {
    // 1 June at 1280 × 800: Olenya's panel lies over Belaya's and Ukrainka's marks and names (session
    // 35: at 27 May the panel for Sumy cut the "buffer zone" name at its edge; since session 45, a source
    // longer, it lies over Sumy itself, and the map moves to show it: the test below)
    const { page, errors } = await openApp(h, '?event=operation-spiderweb', { width: 1280, height: 800 }, { reducedMotion: true });
    const before = await cameraKey(page);
    await setState(page, { place: 'olenya' });
    await page.locator('.place-panel').waitFor({ state: 'visible' });
    await expect.poll(() => labelsUnder(page, '.place-panel'), { timeout: 15_000 }).toEqual([]);
    expect(await cameraKey(page)).toBe(before);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('shows a place its panel opens over beside the panel, gives the frame back when it closes, and a link to it opens the same view', async () => {
    // 16 May at 1280 × 800: Donetsk Oblast lies where the panel opens, at the map's right
    const query = '?event=first-round-demands';
    const { page, errors } = await openApp(h, query, { width: 1280, height: 800 }, { reducedMotion: true });
    const before = await cameraKey(page);
    const { anchors } = await storyPlaces(page);
    const clearOfPanel = async () => {
      const p = await project(page, anchors['claimed-donetsk']);
      const r = await page.locator('.place-panel').boundingBox();
      const m = await page.locator('.map').boundingBox();
      return { left: r!.x - p.x, inMap: p.x > m!.x && p.y > m!.y && p.y < m!.y + m!.height };
    };
    const was = await project(page, anchors['claimed-donetsk']);
    await page.locator('.event-card button[data-place="claimed-donetsk"]').click();
    await page.locator('.place-panel').waitFor({ state: 'visible' });
    // where the event framed it, the panel lies over it
    expect(was.x).toBeGreaterThan((await page.locator('.place-panel').boundingBox())!.x);
    await page.waitForFunction((b) => {
      const m = window.explainer!.mapView.map;
      return !m.isMoving() && [m.getZoom(), m.getCenter().lng, m.getCenter().lat].map((v) => v.toFixed(4)).join(' ') !== b;
    }, before);
    await waitReady(page);
    const shown = await clearOfPanel();
    expect(shown.left).toBeGreaterThanOrEqual(60);
    expect(shown.inMap).toBe(true);
    await expect.poll(async () => (await labelsUnder(page, '.place-panel')).filter((l) => l.startsWith('"Donetsk')), { timeout: 15_000 }).toEqual([]);
    // and no name of the event's is cut at the panel's, the legend's or the map's edge (one whose side
    // would be is left out): Kherson's had its first letters under the legend once the map moved
    const cut = await page.evaluate(() => {
      const m = document.querySelector('.map')!.getBoundingClientRect();
      const covers = ['.place-panel', 'details.legend', '.maplibregl-ctrl-bottom-right'].map((s) => {
        const r = document.querySelector(s)!.getBoundingClientRect();
        return [r.left - m.left, r.top - m.top, r.right - m.left, r.bottom - m.top];
      });
      const overlap = (a: number[], b: number[]) => Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0])) * Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
      return window
        .explainer!.labelBoxes()
        .filter(({ box }) => {
          const area = (box[2] - box[0]) * (box[3] - box[1]);
          const hidden = covers.reduce((sum, c) => sum + overlap(box, c), 0) + area - overlap(box, [0, 0, m.width, m.height]);
          return hidden > 1 && hidden < area - 1;
        })
        .map((l) => l.text);
    });
    expect(cut).toEqual([]);
    // the panel borrows the frame: the link names the place, not a view, and opens the same map
    const revealed = await cameraKey(page);
    expect(await page.evaluate(() => location.search)).toMatch(/place=claimed-donetsk/);
    expect(await page.evaluate(() => location.search)).not.toMatch(/view=/);
    const again = await openApp(h, await page.evaluate(() => location.search), { width: 1280, height: 800 }, { reducedMotion: true });
    expect(await cameraKey(again.page)).toBe(revealed);
    expect(again.errors).toEqual([]);
    await again.page.context().close();
    // closed, the map goes back to the event's frame
    await page.locator('.place-panel .close').click();
    await page.waitForFunction(() => window.explainer!.store.getState().place === null);
    await expect.poll(() => cameraKey(page), { timeout: 15_000 }).toBe(before);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('closes a place’s panel when a step (or Fit story) frames the map without the place, keeps it for a frame that shows the place, and Back opens it again', async () => {
    // 1 June at 1280 × 800: Belaya's panel open at Operation Spiderweb; the next event (Zelensky's terms)
    // frames Kyiv and Moscow, and a panel left open there lay over Moscow's ring
    const { page, errors } = await openApp(h, '?event=operation-spiderweb', { width: 1280, height: 800 }, { reducedMotion: true });
    const { anchors } = await storyPlaces(page);
    await page.locator('.event-card button[data-place="belaya"]').focus();
    await page.keyboard.press('Enter');
    await page.locator('.place-panel').waitFor({ state: 'visible' });
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('place-panel');
    // → from inside the panel steps the story on
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => state(page).then((s) => s.place), { timeout: 10_000 }).toBeNull();
    expect((await state(page)).t).toBe(T('2025-06-01T12:00Z'));
    expect(await page.locator('.place-panel').isHidden()).toBe(true);
    await waitReady(page);
    // the map is the event's own frame (as a link to it opens), with Moscow clear of any panel
    const terms = await openApp(h, '?event=zelensky-sets-out-position', { width: 1280, height: 800 }, { reducedMotion: true });
    expect(await cameraKey(page)).toBe(await cameraKey(terms.page));
    await terms.page.context().close();
    // the step makes one history entry, without the place; the focus, whose panel closed, is on the new event's title
    await page.waitForFunction(() => location.search.includes('event=zelensky-sets-out-position'));
    expect(await page.evaluate(() => location.search)).not.toMatch(/place=/);
    expect(await page.evaluate(() => [document.activeElement?.tagName, document.activeElement?.textContent])).toEqual(['H2', await page.locator('.event-card h2').textContent()]);
    // Moscow's panel, open at this event: the next one (the Lavrov–Rubio call) frames Moscow too, and the panel stays, beside it
    await page.locator('.event-card button[data-place="moscow"]').click();
    await page.locator('.place-panel').waitFor({ state: 'visible' });
    await page.getByRole('button', { name: 'Next event' }).click();
    await page.waitForFunction((t) => window.explainer!.store.getState().t === t, T('2025-06-01T18:00Z'));
    await waitReady(page);
    expect((await state(page)).place).toBe('moscow');
    await expect
      .poll(async () => {
        const p = await project(page, anchors.moscow);
        return (await page.locator('.place-panel').boundingBox())!.x - p.x;
      }, { timeout: 10_000 })
      .toBeGreaterThanOrEqual(60);
    // Back: Zelensky's terms with Moscow open, then without it, then Spiderweb with Belaya's panel open again
    await page.goBack();
    await page.waitForFunction((t) => window.explainer!.store.getState().t === t, T('2025-06-01T12:00Z'));
    expect((await state(page)).place).toBe('moscow');
    await page.goBack();
    await page.waitForFunction(() => window.explainer!.store.getState().place === null);
    await page.goBack();
    await page.waitForFunction((t) => window.explainer!.store.getState().t === t, T('2025-06-01T06:00Z'));
    expect((await state(page)).place).toBe('belaya');
    await page.locator('.place-panel').waitFor({ state: 'visible' });
    // Fit story: the story's frame at 1280 × 800 holds Belaya, and its panel stays
    await page.getByRole('button', { name: 'Fit story' }).click();
    await waitReady(page);
    expect((await state(page)).place).toBe('belaya');
    expect(errors).toEqual([]);
    await page.context().close();
    // on a phone the story's frame ends at the Urals: Fit story closes Ukrainka's panel
    const phone = await openApp(h, '?event=operation-spiderweb&place=ukrainka', { width: 390, height: 844 }, { reducedMotion: true });
    await phone.page.getByRole('button', { name: 'Fit story' }).click();
    await expect.poll(() => state(phone.page).then((s) => s.place), { timeout: 10_000 }).toBeNull();
    expect(phone.errors).toEqual([]);
    await phone.page.context().close();
  });

  // The sources dialog and the place panel on one page (each test starts from the page's opening state)
  describe('on one page at the story’s start', () => {
    const sources = useSharedApp(h);

    it('lists every source with what cites it in the sources panel', async () => {
      const { page } = sources;
      const count = await page.evaluate(async () => (await (await fetch('data/story.json')).json()).sources.length);
      await page.getByRole('button', { name: 'Sources' }).click();
      const dialog = page.locator('dialog.sources-dialog');
      await dialog.waitFor({ state: 'visible' });
      expect(await dialog.locator('li[id^="source-"]').count()).toBe(count);
      const afp = dialog.locator('#source-afp-second-summit');
      expect(await afp.textContent()).toContain('Cited by');
      await afp.locator('button').first().click();
      await dialog.waitFor({ state: 'hidden' });
      expect((await state(page)).t).toBeGreaterThan(Date.parse('2025-05-15T00:00Z'));
    });

    it('lists the story’s articles first, then other reports marked as not among them, each with its own address', async () => {
      const { page } = sources;
      await page.getByRole('button', { name: 'Sources' }).click();
      const dialog = page.locator('dialog.sources-dialog');
      await dialog.waitFor({ state: 'visible' });
      expect(await dialog.locator('h3').allTextContents()).toEqual(['The story’s five articles', 'Other reports (not among the five articles)']);
      const kinds = await dialog.locator('li[id^="source-"]').evaluateAll((els) => els.map((e) => e.className));
      expect(kinds.indexOf('elsewhere')).toBeGreaterThan(kinds.lastIndexOf('article'));
      for (const href of await dialog.locator('li.elsewhere .url a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href)))
        expect(new URL(href).pathname, href).not.toBe('/');
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
    });

    it('renders non-ASCII names in the panel and list', async () => {
      const { page } = sources;
      await setState(page, { t: T('2025-06-02T12:00Z'), place: 'ciragan-palace' });
      expect(await page.locator('.place-panel h2').textContent()).toBe('Çırağan Palace');
    });
  });

  it('opens “How this map was made” from the masthead, with the corrections log under it', async () => {
    const { page, errors } = await openApp(h, '', undefined, { until: 'app' });
    const requested: string[] = [];
    page.on('request', (r) => requested.push(new URL(r.url()).pathname));
    // the first load carries neither the note nor the log: the dialog fetches them when first opened
    const firstLoad = await page.evaluate(async () => Object.keys(await (await fetch('data/story.json')).json()));
    expect(firstLoad).not.toContain('methods');
    expect(firstLoad).not.toContain('corrections');
    expect(requested.filter((p) => p.endsWith('/methods.json'))).toEqual([]);
    await page.getByRole('button', { name: 'Methods' }).click();
    const dialog = page.locator('dialog.methods-dialog');
    await dialog.waitFor({ state: 'visible' });
    await dialog.locator('.corrections li').first().waitFor();
    const built = await page.evaluate(async () => (await (await fetch('data/methods.json')).json()) as { methods: { sections: { heading: string }[] }; corrections: unknown[] });
    expect(await dialog.locator('h2').textContent()).toBe('How this map was made');
    expect(await dialog.locator('h3').allTextContents()).toEqual([...built.methods.sections.map((s) => s.heading), 'Corrections']);
    expect(await dialog.locator('.corrections li').count()).toBe(built.corrections.length);
    expect(built.corrections.length).toBeGreaterThan(0);
    expect(await dialog.textContent()).toContain('The build-up area’s size and position are our choice, not reported');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    // opened again, it shows what it loaded without fetching it again
    const fetched = requested.filter((p) => p.endsWith('/methods.json')).length;
    await page.getByRole('button', { name: 'Methods' }).click();
    await dialog.waitFor({ state: 'visible' });
    expect(await dialog.locator('.corrections li').count()).toBe(built.corrections.length);
    expect(requested.filter((p) => p.endsWith('/methods.json')).length).toBe(fetched);
    // scrolled to the last correction, its ✕ is still in view, inside the dialog's top edge
    const closeInView = await dialog.evaluate((d) => {
      d.scrollTop = d.scrollHeight;
      const c = d.querySelector('.close')!.getBoundingClientRect();
      const b = d.getBoundingClientRect();
      return d.scrollTop > 200 && c.top >= b.top && c.bottom <= b.top + 80;
    });
    expect(closeInView).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  // One page for the three faults: a failed load leaves the dialog to try again when it is next opened
  describe('on one page, the Methods dialog', () => {
    const app = useSharedApp(h);

    it.each([
      ['a methods file with a wrong field', { status: 200, body: '{"methods":{"title":"How this map was made","sections":[]},"corrections":[]}' }, 'data/methods.json: methods.sections'],
      ['a missing methods file', { status: 404, body: 'Not found' }, 'data/methods.json: HTTP 404'],
      ['a methods file that is not JSON', { status: 200, body: '{"methods": [oops' }, 'data/methods.json: is not valid JSON'],
    ])('says what is wrong, naming the file, when it gets %s; the map stays', async (_, reply, message) => {
      const { page } = app;
      await page.unroute('**/data/methods.json');
      await page.route('**/data/methods.json', (r) => r.fulfill({ status: reply.status, contentType: 'application/json', body: reply.body }));
      await page.getByRole('button', { name: 'Methods' }).click();
      const alert = page.locator('dialog.methods-dialog [role="alert"]');
      await alert.waitFor({ state: 'visible' });
      expect((await alert.textContent()) ?? '').toContain(message);
      expect(await page.evaluate(() => document.documentElement.dataset.ready)).toBe('true');
      await page.keyboard.press('Escape');
      await page.locator('dialog.methods-dialog').waitFor({ state: 'hidden' });
    });
  });

  it('falls back to defaults for bad URL parameters without an error or a blank page', async () => {
    const { page, errors } = await openApp(h, '?t=yesterday&event=nope&place=<script>alert(1)</script>&view=99/500/x&layers=evil&mode=admin&idle=-3');
    const s = await state(page);
    expect(s.t).toBe(T('2025-05-15T00:00Z'));
    expect(s.place).toBeNull();
    expect(s.view).toBeNull();
    expect(s.mode).toBe('explore');
    expect(s.layers.length).toBeGreaterThan(5);
    expect(errors).toEqual([]);
    expect(await page.locator('script:not([src])').count()).toBe(0);
    expect(await canvasColourCount(page)).toBeGreaterThan(10);
    await page.context().close();
  });

});
