import type { Theme } from '../data/schema.ts';
import type { AppActions } from '../state/actions.ts';
import type { Store } from '../state/store.ts';
import { swatchBackground, type LegendSymbol } from '../theme/symbols.ts';
import { PHONE_MAX_PX } from '../theme/layout.ts';
import { el, listen } from './dom.ts';

/** Returns the swatch element of a legend entry: the category's shape or pattern in its colour, from the symbol table. */
export function swatch(symbol: LegendSymbol, color: string): HTMLElement {
  const s = el('span', { class: `swatch sym-${symbol}`, 'aria-hidden': 'true', style: `--c:${color}` });
  const background = swatchBackground(symbol);
  if (background) s.style.background = background;
  return s;
}

/**
 * Returns whether the legend starts open: not in an embed (it would cover the article's small map),
 * not on a phone-width viewport (`PHONE_MAX_PX`), and not where the mode shows its own key (the
 * kiosk's legend of what is in frame). The camera closes it too where the map is narrower than
 * `LEGEND_BESIDE_STORY_PX` (src/app/camera.ts).
 */
export function legendStartsOpen(config: { embed: boolean }, profile: { ownLegend: boolean }, viewportWidth: number): boolean {
  return !config.embed && !profile.ownLegend && viewportWidth > PHONE_MAX_PX;
}

export interface LegendOptions {
  /** Whether it starts open (`legendStartsOpen`); a compact legend is always open. */
  open?: boolean;
  /** A key without toggles (a heading instead of a disclosure). */
  compact?: boolean;
}

/** Returns the legend, generated from the theme's categories and the extra layers, with a visibility toggle for each. */
export function createLegend(theme: Theme, store: Store, actions: Pick<AppActions, 'toggleLayer'>, { open = false, compact = false }: LegendOptions = {}) {
  const rows = [
    ...theme.categories.map((c) => ({ id: c.id, label: c.label, description: c.description, sw: swatch(c.symbol, c.color) })),
    ...(['distances', 'labels'] as const).map((id) => {
      const l = theme.layers[id];
      return { id, label: l.label, description: l.description, sw: swatch(id === 'distances' ? 'line' : 'text', theme.colors.arc) };
    }),
  ];
  const boxes = rows.map((r) => el('input', { type: 'checkbox', 'data-layer': r.id, disabled: compact }));
  const root = el(
    compact ? 'section' : 'details',
    { class: 'legend', 'aria-label': 'Legend and layers', open: !compact && open },
    compact ? el('h2', {}, 'Key') : el('summary', {}, 'Legend and layers'),
    el(
      'ul',
      {},
      ...rows.map((r, i) =>
        el('li', {}, el('label', { title: r.description }, compact ? null : boxes[i], r.sw, el('span', {}, r.label))),
      ),
    ),
  );
  const offs = boxes.map((b, i) => listen(b, 'change', () => actions.toggleLayer(rows[i].id)));
  const render = (layers: string[]) => boxes.forEach((b, i) => (b.checked = layers.includes(rows[i].id)));
  offs.push(store.subscribe((s) => s.layers, render, { fireImmediately: true }));
  const details = root instanceof HTMLDetailsElement ? root : null;
  return {
    root,
    /** Returns the legend's box on screen (CSS px) and whether it is open (a compact legend is always open). */
    box: () => ({ rect: root.getBoundingClientRect(), open: details ? details.open : true }),
    /** Closes the legend (it stays a button a click opens). */
    close() {
      if (details) details.open = false;
    },
    destroy: () => offs.forEach((f) => f()),
  };
}
