import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newContext, openApp, state, useHarness, waitReady } from './harness.ts';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const h = useHarness();

/** Returns axe-core's serious and critical violations on the page, as "rule: target" lines. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.targets.join(', ')}`);
}

describe('accessibility in Chromium', () => {
  it('has no serious or critical axe-core violations in explore mode', async () => {
    const { page } = await openApp(h, '?t=2025-06-02T12:00Z&place=olenya');
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('has no serious or critical axe-core violations in kiosk mode (touring and with a visitor)', async () => {
    const { page } = await openApp(h, '?mode=kiosk&idle=30', { width: 1920, height: 1080 });
    expect(await axeViolations(page)).toEqual([]);
    await page.mouse.click(400, 400);
    await page.waitForFunction(() => !window.explainer!.store.getState().playing);
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('has no serious or critical axe-core violations in screenshot mode', async () => {
    const { page } = await openApp(h, '?mode=screenshot&event=operation-spiderweb', { width: 1200, height: 675 });
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('reaches everything from the keyboard: a place’s details from the card and back, no unnamed tab stop over the map, the export sizes, the list’s top', async () => {
    const { page } = await openApp(h, '?event=operation-spiderweb', { width: 1280, height: 800 }, { reducedMotion: true });
    // the card lists the event's places as buttons: Enter opens the details, Escape gives the focus back
    const olenya = page.locator('.event-card button[data-place="olenya"]');
    await olenya.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.explainer!.store.getState().place === 'olenya');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('place-panel');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => window.explainer!.store.getState().place === null);
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.place)).toBe('olenya');
    // another place opened from the card while one is open: the focus goes back to the last one's button
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.explainer!.store.getState().place === 'olenya');
    await page.locator('.event-card button[data-place="belaya"]').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.explainer!.store.getState().place === 'belaya');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => window.explainer!.store.getState().place === null);
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.place)).toBe('belaya');
    // every tab stop in the map has a name (deck.gl's own canvas made itself one, with none)
    const unnamed = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.map *')].filter((e) => e.tabIndex >= 0 && !e.getAttribute('aria-label') && !e.textContent?.trim()).map((e) => e.outerHTML.slice(0, 80)),
    );
    expect(unnamed).toEqual([]);
    // tabbing past the custom size's fields to the scale keeps the chosen preset; typing a size chooses Custom
    await page.getByRole('button', { name: 'Export PNG' }).click();
    const radios = page.locator('.export-dialog input[name="export-size"]');
    await radios.nth(1).check();
    await page.locator('.export-dialog input[aria-label="Custom width in pixels"]').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await radios.nth(1).isChecked()).toBe(true);
    await page.locator('.export-dialog input[aria-label="Custom height in pixels"]').fill('1000');
    expect(await radios.last().isChecked()).toBe(true);
    await page.keyboard.press('Escape');
    // Home after End: the story's start, and the list back at its top
    await page.locator('.event-card h2').click();
    await page.keyboard.press('End');
    await page.waitForFunction(() => document.querySelector('.event-list ol')!.scrollTop > 0);
    await page.keyboard.press('Home');
    await page.waitForFunction(() => document.querySelector('.event-list ol')!.scrollTop === 0);
    await page.context().close();
  });

  it('scrubs by touch on a phone', async () => {
    const context = await newContext(h, { viewport: { width: 390, height: 800 }, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    await page.goto(h.url);
    await waitReady(page);
    const box = (await page.locator('.track').boundingBox())!;
    await page.touchscreen.tap(box.x + box.width * 0.6, box.y + box.height / 2);
    const t = (await state(page)).t;
    expect(t).toBeGreaterThan(Date.parse('2025-05-31T00:00Z'));
    expect(await page.locator('.event-list li.current').count()).toBe(1);
    await context.close();
  });
});
