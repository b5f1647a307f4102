import type { AppContext } from '../contracts/app-context.ts';
import type { KioskOrientation } from '../state/kiosk-settings.ts';
import { screenScaleFor } from '../app/screen-scale.ts';
import { el } from '../ui/dom.ts';
import { createChapterBar, storySpan } from './kiosk-chapters.ts';
import { createFrameLegend } from './kiosk-legend.ts';
import { createTouchControls } from './kiosk-touch.ts';
import { kioskType, mapTypeScaleFor, typeProperties } from './kiosk-type.ts';

/** A landscape kiosk screen under this many CSS px tall gets the short layout (`data-kiosk-short`: kiosk.css's denser masthead, bottom band and touch strip). */
export const KIOSK_SHORT_PX = 900;

/** The least room (CSS px) a camera stop keeps each side of the map for the names at its edges. */
const MIN_ROOM_PX = 16;

/** Returns the layout a kiosk screen gets: the setting, or (auto) from the screen's shape. */
export function kioskLayout(orientation: KioskOrientation, width: number, height: number): 'portrait' | 'landscape' {
  return orientation === 'auto' ? (height > width ? 'portrait' : 'landscape') : orientation;
}

/**
 * Lays the kiosk out for its room (mounted by kiosk.ts): portrait or landscape
 * (`data-kiosk-layout`), type sized for the viewing distance (kiosk.css reads `--kiosk-text-*`;
 * the map's labels grow by a type scale to the same minimum), the chapter progress in the timeline,
 * the legend of what is in frame under the card, and the touch controls over the map. Returns its
 * switch to the attract frame's overview and its teardown.
 */
export function mountKioskLayout(ctx: AppContext): { setOverview(on: boolean): void; destroy(): void } {
  const html = document.documentElement;
  const { kiosk } = ctx.config;
  const side = ctx.root.querySelector<HTMLElement>('.side');
  const stage = ctx.root.querySelector<HTMLElement>('.stage');
  const timeline = ctx.root.querySelector<HTMLElement>('.timeline');
  const { map } = ctx.mapView;

  const chapters = createChapterBar(ctx.prep, ctx.store, (i) => ctx.actions.goToEvent(ctx.prep.events[i].id));
  const legend = createFrameLegend(ctx.prep, ctx.store, ctx.mapView);
  const touch = createTouchControls(ctx.prep, ctx.store, ctx.actions, chapters.chapters);
  // On the attract frame the bottom bar names the days the story covers where the moment stands on the tour.
  const span = el('p', { class: 'kiosk-story-span' }, storySpan(ctx.prep.events.map((e) => e.t0), ctx.prep.story.displayZone.offsetMinutes));
  timeline?.querySelector('.readout')?.before(span);
  timeline?.append(chapters.root);
  // On a landscape screen the map's credits (the basemap's sources and licences, the story's `credit`)
  // are the bottom bar's last line, the screen's width, instead of three lines over the map's foot;
  // kiosk.css hides maplibre's copy there. On an upright screen they stay on the map, which is as wide.
  const credit = el('p', { class: 'kiosk-credit' }, ctx.prep.story.credit);

  stage?.append(touch.root);
  // over the map's foot when a visitor has woken the kiosk: names keep clear of it, the map stays put
  const offTouchCover = ctx.addQuietCover(touch.root);
  // A visitor's place panel ends above the strip (kiosk.css reads `--kiosk-touch-h`), which is one row
  // or, with a long title in its chips, taller: a fixed allowance left the panel's foot under it.
  const touchWatch = new ResizeObserver(() => stage?.style.setProperty('--kiosk-touch-h', `${touch.root.offsetHeight}px`));
  touchWatch.observe(touch.root);

  let typeScale = 1;
  /**
   * Room (CSS px) each camera stop keeps each side for the type scale's wider labels (the map's padding),
   * at least MIN_ROOM_PX: at 1280 × 720 the type scale is about 1, and a base at the frame's west edge
   * had its name cut by the map's edge.
   */
  let room = MIN_ROOM_PX;
  let overview = false;
  /** Height (CSS px) of the credits lying across the map's foot (an upright screen's), as last given to the map's labels and edge marks. */
  let credits = 0;
  /**
   * Sets the map's padding: the type scale's room, and on the attract frame at least a fifth of the
   * map's width each side (a tenth on an upright screen), since the story's outermost places are named
   * there (no label cut at the edge). An upright map is narrower than the story's places are wide, so
   * the frame of every place is as wide as the map allows: a fifth each side left them a strip half its width.
   * Returns whether the credits strip's height changed, so that the labels must be placed again (`apply`).
   */
  const pad = (): boolean => {
    const share = html.dataset.kioskLayout === 'portrait' ? 0.1 : 0.2;
    const r = overview ? Math.max(room, Math.round(share * map.getContainer().clientWidth)) : room;
    // the credits lie across the map's foot on an upright screen: no place is framed under them, and
    // no label or basemap name is placed under them (a name half under the strip read as cut)
    const under = ctx.root.querySelector<HTMLElement>('.maplibregl-ctrl-bottom-right')?.offsetHeight ?? 0;
    map.setPadding({ top: 0, bottom: under, left: r, right: r });
    if (under === credits) return false;
    credits = under;
    return true;
  };
  // The kiosk mounts as the map is made, before its first 'load' (which the layer controller draws on).
  let loaded = map.loaded();
  /** Gives the map's labels the type scale and the credits strip, and draws them again (once loaded). */
  const apply = () => {
    if (!loaded) return;
    ctx.setTypeScale(typeScale, { top: 0, bottom: credits });
    ctx.redraw();
  };
  map.once('load', () => {
    loaded = true;
    pad();
    apply();
  });
  const fit = () => {
    const w = window.innerWidth;
    const h = window.innerHeight;
    const layout = kioskLayout(kiosk.orientation, w, h);
    html.dataset.kioskLayout = layout;
    html.toggleAttribute('data-kiosk-short', layout === 'landscape' && h < KIOSK_SHORT_PX);
    const type = kioskType(kiosk, w, h);
    for (const [k, v] of Object.entries(typeProperties(type))) html.style.setProperty(k, v);
    // The key: in the bottom bar beside the chapters on a wide screen (the card keeps the column's
    // height for its text), under the card on an upright one. Either way as tall as its longest list.
    const home = layout === 'landscape' ? timeline : side;
    if (home && legend.root.parentElement !== home) home.append(legend.root);
    timeline?.append(credit);
    legend.reserve();
    const moved = pad();
    const k = mapTypeScaleFor(type.min, ctx.profile.markScale, screenScaleFor(ctx.profile.scalesWithScreen));
    if (k !== typeScale) {
      typeScale = k;
      // The type scale makes the current event's labels wider: every camera stop keeps that much more room
      // each side (the map's padding, added to each fit's own), so a label beside a place at the frame's
      // west or east edge is not cut by it. Symmetric, so the centre stays put.
      room = Math.max(MIN_ROOM_PX, Math.round(120 * screenScaleFor(ctx.profile.scalesWithScreen) * (k - 1)));
      pad();
      apply();
    } else if (moved) apply();
  };
  fit();
  window.addEventListener('resize', fit);
  // measured again once the theme's font is in (the first measure may use a fallback's widths)
  let ended = false;
  void document.fonts.ready.then(() => {
    if (!ended) legend.reserve();
  });
  return {
    /** Shows the bottom bar as the attract frame's overview (the story's days, its chapters unfilled) or as the tour's progress. */
    setOverview(on: boolean) {
      overview = on;
      if (pad()) apply();
      chapters.setOverview(on);
    },
    destroy() {
      ended = true;
      window.removeEventListener('resize', fit);
      span.remove();
      credit.remove();
      chapters.destroy();
      legend.destroy();
      offTouchCover();
      touchWatch.disconnect();
      stage?.style.removeProperty('--kiosk-touch-h');
      touch.destroy();
      delete html.dataset.kioskLayout;
      html.removeAttribute('data-kiosk-short');
      for (const k of Object.keys(typeProperties(kioskType(kiosk, 1, 1)))) html.style.removeProperty(k);
    },
  };
}
