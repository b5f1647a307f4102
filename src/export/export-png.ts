import type { AppContext } from '../contracts/app-context.ts';
import { captionContent } from './caption.ts';
import { withCaptionText, type CaptionText } from './caption-editor.ts';
import { canvasMeasure, captionPalette, drawCaption } from './caption-draw.ts';
import { layoutCaption, type CaptionLayout, type CaptionPart, type Frame } from './caption-layout.ts';
import { exploreFraming, frameWithCaption, mapTypeScale, screenshotFraming, type Bands } from './framing.ts';
import { shownMarks } from '../map/marks.ts';
import { keepSubjectVisible, withSubjectNote } from './subject-size.ts';
import { exportFileName } from './naming.ts';
import { sizeProblem, type ExportSize } from './presets.ts';
import { registerVideoApi } from './video-api.ts';

/** A rendered export. */
export interface ExportResult {
  blob: Blob;
  fileName: string;
  /** PNG size in px (frame size × scale). */
  width: number;
  height: number;
  /** Caption band heights in PNG px. */
  bands: Bands;
  /** The caption's layout unit: its body (legend) text is 17 × unit CSS px, the map's smallest label at least that. */
  unit: number;
  /** The caption's texts that did not fit and end with an ellipsis. */
  cut: CaptionPart[];
  /** Time taken, ms. */
  ms: number;
}

/** What `window.explainerExport` resolves to: the PNG as base64 and its name, for tools. */
export interface ExportedPng extends Omit<ExportResult, 'blob'> {
  base64: string;
}

declare global {
  interface Window {
    /** For tools (npm run shots): renders a PNG export of the current state and returns it as base64. */
    explainerExport?: (opts: ExportSize) => Promise<ExportedPng>;
  }
}

const SETTLE_MS = 60_000;
let queue: Promise<unknown> = Promise.resolve();

/**
 * Renders the current moment as a PNG of exactly (width × scale) × (height × scale) px: the map and
 * its layers at that size, with the caption burned in. The map is resized for the render and put
 * back after; exports run one at a time; playback pauses. `text` is the desk's own caption wording, if any. Rejects with the reason when the size is
 * not allowed or the map cannot render at that size.
 */
export function exportPng(ctx: AppContext, opts: ExportSize, text?: CaptionText): Promise<ExportResult> {
  const problem = sizeProblem(opts);
  if (problem) return Promise.reject(new Error(problem));
  return runExclusive(() => render(ctx, opts, text));
}

/** Runs an export after those already queued (PNG and video exports share the one map), and returns its result. */
export function runExclusive<T>(job: () => Promise<T>): Promise<T> {
  const run = queue.then(job);
  queue = run.catch(() => undefined);
  return run;
}

async function render(ctx: AppContext, { width, height, scale }: ExportSize, text?: CaptionText): Promise<ExportResult> {
  const started = performance.now();
  const { prep, store, mapView } = ctx;
  const { map } = mapView;
  ctx.actions.pause();
  const s = store.getState();
  const container = map.getContainer();
  const frame: Frame = { width, height };
  const from: Frame = { width: container.clientWidth, height: container.clientHeight };
  const measure = canvasMeasure(prep.theme.font);
  const firstLayout = layoutCaption(withCaptionText(captionContent(prep, s), text), frame, measure);
  const bands: Bands = { top: firstLayout.top, bottom: firstLayout.bottom };
  const typeScale = mapTypeScale(firstLayout.unit);
  const { framing, note } = keepSubjectVisible(prep, ctx.profile.captioned ? screenshotFraming(prep, s) : exploreFraming(map, prep, s, ctx.framed(), from, frame, bands), s.t, frame, bands, typeScale);
  const pxW = width * scale;
  const pxH = height * scale;
  const restore = enterExportSize(ctx, { width, height, scale });
  try {
    const { layout, bands: framedWith } = frameWithCaption(map, prep, framing, frame, bands, typeScale, shownMarks(prep, s.t, s.layers), (inFrame) =>
      layoutCaption(withCaptionText(withSubjectNote(captionContent(prep, s, inFrame), note), text), frame, measure),
    );
    ctx.setTypeScale(typeScale, framedWith);
    await settle(ctx, pxW, pxH);
    await placeNamesAfresh(ctx);

    const out = document.createElement('canvas');
    out.width = pxW;
    out.height = pxH;
    composeFrame(ctx, out, layout, scale);
    const blob = await new Promise<Blob>((ok, ko) => out.toBlob((b) => (b ? ok(b) : ko(new Error('PNG encoding failed'))), 'image/png'));
    out.width = out.height = 0;
    return {
      blob,
      fileName: exportFileName(prep.story.slug, s.t, width, height, scale),
      width: pxW,
      height: pxH,
      bands: { top: layout.top * scale, bottom: layout.bottom * scale },
      unit: layout.unit,
      cut: layout.cut,
      ms: Math.round(performance.now() - started),
    };
  } finally {
    restore();
  }
}

/**
 * Sets the map to an export's frame: its container at width × height CSS px at pixel ratio `scale`,
 * the export flag set (`ctx.exporting`, `moving` for a video, whose camera moves between its frames).
 * Returns the function that puts the map, its size and its camera back. Throws (after putting it back)
 * when maplibre cannot draw at that size.
 */
export function enterExportSize(ctx: AppContext, { width, height, scale }: ExportSize, { moving = false } = {}): () => void {
  const { map, overlay } = ctx.mapView;
  const container = map.getContainer();
  const saved = { css: container.style.cssText, center: map.getCenter(), zoom: map.getZoom(), bearing: map.getBearing(), pitch: map.getPitch() };
  const restore = () => {
    container.style.cssText = saved.css;
    map.setPixelRatio(null as unknown as number);
    overlay.setProps({ useDevicePixels: true });
    map.jumpTo({ center: saved.center, zoom: saved.zoom, bearing: saved.bearing, pitch: saved.pitch });
    ctx.exporting.set(false);
    if (!ctx.profile.captioned) ctx.setTypeScale(1);
    ctx.redraw();
  };
  ctx.exporting.set(true, moving);
  Object.assign(container.style, { left: '0', top: '0', right: 'auto', bottom: 'auto', width: `${width}px`, height: `${height}px` });
  map.setPixelRatio(scale);
  overlay.setProps({ useDevicePixels: scale });
  const base = map.getCanvas();
  if (base.width !== width * scale || base.height !== height * scale) {
    restore();
    throw new Error(`the map can draw at most ${base.width}×${base.height} px for this frame (maplibre maxCanvasSize), not ${width * scale}×${height * scale}`);
  }
  return restore;
}

/** Paints a frame into `out` (sized frame × scale px): the caption panel colour, both map canvases, then the laid-out caption. */
export function composeFrame(ctx: AppContext, out: HTMLCanvasElement | OffscreenCanvas, layout: CaptionLayout, scale: number): void {
  const g = out.getContext('2d') as CanvasRenderingContext2D | null;
  if (!g) throw new Error('2D canvas unavailable for the export');
  const palette = captionPalette(ctx.prep.theme);
  g.setTransform(1, 0, 0, 1, 0, 0);
  g.fillStyle = palette.panel;
  g.fillRect(0, 0, out.width, out.height);
  for (const c of ctx.mapView.canvases()) g.drawImage(c, 0, 0, out.width, out.height);
  g.scale(scale, scale);
  drawCaption(g, layout, palette, ctx.prep.theme.font);
}

/**
 * Resolves once a complete frame is drawn with both canvases at the export's pixel size; rejects
 * after a minute. The layers are rebuilt first unless `rebuild` is false (a video's later frames,
 * whose time and camera changes already ask for what they need).
 */
export async function settle(ctx: AppContext, pxW: number, pxH: number, rebuild = true): Promise<void> {
  const deadline = performance.now() + SETTLE_MS;
  for (let pass = 0; ; pass++) {
    if (rebuild || pass > 0) ctx.redraw();
    await within(ctx.whenReady(), deadline - performance.now(), 'the map did not finish drawing within a minute');
    const canvases = ctx.mapView.canvases();
    if (canvases.length === 2 && canvases.every((c) => c.width === pxW && c.height === pxH)) return;
    if (performance.now() > deadline) throw new Error(`the layers canvas did not reach ${pxW}×${pxH} px`);
    await new Promise((r) => requestAnimationFrame(r));
  }
}

/** Resolves as `p` does, or rejects with `message` when `ms` pass first. */
async function within<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer = 0;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, ko) => {
        timer = window.setTimeout(() => ko(new Error(message)), Math.max(0, ms));
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Places the basemap's names once more, afresh, now that every tile of a settled frame is in, and
 * resolves when that frame is drawn. maplibre keeps a name on the side it had in the frame before while
 * that side is free, so an export's names would otherwise depend on what the page drew before it (the
 * reader's view, or the previous shot of a batch) and on the order the frame's tiles came in.
 */
export async function placeNamesAfresh(ctx: AppContext): Promise<void> {
  // one basemap frame: with `fadeDuration: 0` a frame places every name in full before it draws
  const drawn = ctx.mapView.map.once('render');
  ctx.mapView.forgetPlacement();
  await within(drawn, SETTLE_MS, 'the map did not place its names within a minute');
}

/** Returns base64 text of a blob. */
export async function toBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** Renders a PNG export of the current state for tools: `window.explainerExport`'s answer. */
export async function exportForTools(ctx: AppContext, opts: ExportSize): Promise<ExportedPng> {
  const { blob, ...rest } = await exportPng(ctx, opts);
  return { ...rest, base64: await toBase64(blob) };
}

/** Registers `window.explainerExport` (and the video API, `registerVideoApi`) for tools and returns the function that removes it. */
export function registerExportApi(ctx: AppContext): () => void {
  const fn = (opts: ExportSize) => exportForTools(ctx, opts);
  window.explainerExport = fn;
  const offVideo = registerVideoApi(ctx);
  return () => {
    offVideo();
    if (window.explainerExport === fn) delete window.explainerExport;
  };
}
