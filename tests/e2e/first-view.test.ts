import { describe, expect, it } from 'vitest';
import { newContext, pickAt, useHarness, waitReady } from './harness.ts';

const h = useHarness();

/** Records, when `data-ready` first turns "true", whether each layer last handed to deck.gl was visible. */
const RECORD_AT_READY = `
  new MutationObserver(() => {
    if (document.documentElement.dataset.ready !== 'true' || window.__atReady) return;
    const layers = window.explainer?.deckLayers();
    window.__atReady = layers ? Object.fromEntries(layers.map((l) => [l.id, l.props.visible])) : {};
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'] });`;

async function open(query: string) {
  const context = await newContext(h, { viewport: { width: 1280, height: 760 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(RECORD_AT_READY);
  await page.goto(h.url + query);
  await waitReady(page);
  const atReady = (await page.evaluate('window.__atReady')) as Record<string, boolean>;
  const visibleNow = () =>
    page.evaluate(() => Object.fromEntries(window.explainer!.deckLayers().map((l) => [l.id, l.props.visible])));
  return { page, errors, atReady, visibleNow };
}

describe('first view', () => {
  it('draws the first frame at the talks without the areas and arcs it cannot show, then shows them for good before the map can move there', async () => {
    const { page, errors, atReady, visibleNow } = await open('?t=2025-06-02T12:00Z');
    expect(atReady).toMatchObject({ areas: false, 'distance-arcs': false, points: true, 'talks-on': true, labels: true });
    await expect.poll(async () => (await visibleNow())['distance-arcs']).toBe(true);
    expect((await visibleNow()).areas).toBe(true);
    await page.getByRole('button', { name: 'Fit story' }).click();
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(ok)));
    await waitReady(page);
    // an occupied region, far off the first view, is drawn (and picked) on the whole story
    expect(await pickAt(page, [37.8, 48.0])).toBe('claimed-donetsk');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('hides nothing in a first view that shows the whole story', async () => {
    const { page, errors, atReady } = await open('?t=2025-06-02T12:00Z&follow=0');
    expect(atReady).toMatchObject({ areas: true, 'distance-arcs': true, points: true });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
