import type { Page } from 'playwright-core';
import { segmentInBox } from '../../src/export/caption.ts';
import { greatCirclePoints } from '../../src/map/first-view.ts';

// The distance arcs as drawn, for the label tests (apart from the harness: `caption.ts` brings deck.gl's layers into the test process).

/** Returns the distance arcs drawn now to the given places, by place, each as a polyline of screen points (CSS px). */
export async function arcsNow(page: Page, ids: string[]): Promise<{ id: string; line: [number, number][] }[]> {
  const ends = await page.evaluate((want) => {
    const layer = window.explainer!.deckLayers().find((l) => l.id === 'distance-arcs');
    if (!layer?.props.visible) return [];
    const data = (layer.props.data ?? []) as { id: string; props: { borderPoint?: [number, number] }; feature: { geometry: { coordinates: [number, number] } } }[];
    return data.filter((p) => want.includes(p.id) && p.props.borderPoint).map((p) => ({ id: p.id, from: p.props.borderPoint!, to: p.feature.geometry.coordinates }));
  }, ids);
  return Promise.all(
    ends.map(async ({ id, from, to }) => ({
      id,
      line: await page.evaluate(
        (pts) =>
          pts.map((q) => {
            const p = window.explainer!.mapView.map.project(q as [number, number]);
            return [p.x, p.y] as [number, number];
          }),
        greatCirclePoints(from, to, 96),
      ),
    })),
  );
}

/** Returns whether the segment runs into the box shrunk by `inset` px on its left and right and `insetY` px at its top and foot (its padding: a line along its edge is clear). */
export const segmentCrosses = ([x0, y0, x1, y1]: [number, number, number, number], [l, t, r, b]: [number, number, number, number], inset: number, insetY = inset) =>
  l + inset < r - inset && t + insetY < b - insetY && segmentInBox(x0, y0, x1, y1, [l + inset, t + insetY, r - inset, b - insetY]);

/**
 * Returns the names of the given places that their own distance arc, drawn now, runs through, one line
 * each: a name struck through by its arc reads badly. A line through the box's padding misses the text:
 * a name's box is padded by at least a fifth of its type size left and right and a tenth above and below
 * (3 px and 1.5 px of a 15 px name, `sizeOf` in src/map/label-plan.ts).
 */
export async function namesOnOwnArcs(page: Page, ids: string[]): Promise<string[]> {
  const labels = await page.evaluate(() => window.explainer!.labelBoxes());
  const out: string[] = [];
  const arcs = await arcsNow(page, ids);
  // a check with no arc to look at would pass whatever the names did
  if (!arcs.length) out.push(`no distance arc is drawn to any of ${ids.join(', ')}`);
  for (const { id, line } of arcs)
    for (const l of labels.filter((x) => x.id === id && x.kind !== 'distances'))
      if (throughText(line, l)) out.push(`${id}'s distance arc runs through "${l.text.replace(/\n/g, ' ')}"`);
  return out;
}

/** Returns whether a polyline runs through a label's text (its box less its padding: see `namesOnOwnArcs`). */
const throughText = (line: [number, number][], l: { box: [number, number, number, number]; size: number }) =>
  line.some((q, k) => k > 0 && segmentCrosses([...line[k - 1], ...q], l.box, Math.max(1, l.size / 5), Math.max(1, l.size / 10)));

/**
 * Returns how many distance arcs are drawn now, and the names of the given places (an event's) that
 * another place's arc runs through, one line each ("olenya's distance arc runs through "Moscow"").
 */
export async function namesOnOtherArcs(page: Page, ids: string[]): Promise<{ drawn: number; through: string[] }> {
  const labels = await page.evaluate(() => window.explainer!.labelBoxes());
  const drawn = await page.evaluate(() => {
    const layer = window.explainer!.deckLayers().find((l) => l.id === 'distance-arcs');
    return layer?.props.visible ? ((layer.props.data ?? []) as { id: string }[]).map((p) => p.id) : [];
  });
  const through: string[] = [];
  const arcs = await arcsNow(page, drawn);
  for (const { id, line } of arcs)
    for (const l of labels.filter((x) => ids.includes(x.id) && x.id !== id && x.kind !== 'distances'))
      if (throughText(line, l)) through.push(`${id}'s distance arc runs through "${l.text.replace(/\n/g, ' ')}"`);
  return { drawn: arcs.length, through };
}
