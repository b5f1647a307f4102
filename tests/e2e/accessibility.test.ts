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
