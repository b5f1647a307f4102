import { BufferTarget, CanvasSource, canEncodeVideo, Mp4OutputFormat, Output, QUALITY_HIGH, WebMOutputFormat } from 'mediabunny';
import { LngLat } from 'maplibre-gl';
import type { AppContext } from '../contracts/app-context.ts';
import { storyBounds } from '../map/bounds.ts';
import { eventFrame } from '../map/event-camera.ts';
import { TRACK_SECONDS } from '../state/player.ts';
import { captionContent } from './caption.ts';
import { canvasMeasure } from './caption-draw.ts';
import { layoutCaption, type CaptionLayout, type Frame } from './caption-layout.ts';
import { composeFrame, enterExportSize, placeNamesAfresh, runExclusive, settle } from './export-png.ts';

export { toBase64 } from './export-png.ts';
import { applyFraming, eventPadding, framePadding, frameWithCaption, layoutInFrame, mapTypeScale, type Bands, type Framing } from './framing.ts';
import { keepMarksWhole, shownMarks, type FramedMark } from '../map/marks.ts';
import { videoFileName } from './naming.ts';
import { videoSizeProblem } from './presets.ts';
import { easeInOut, flyCamera, type CameraView } from './video-camera.ts';
import { eventSpan, frameState, planVideo, type VideoPlan } from './video-timeline.ts';

/** How a video is encoded: H.264 in MP4 where the browser offers an encoder, else VP9 in WebM. */
export interface VideoFormat {
  codec: 'avc' | 'vp9';
  container: 'mp4' | 'webm';
  mime: string;
  /** "H.264 MP4" or "VP9 WebM". */
  label: string;
}

/** What a video export renders. */
export interface VideoOptions {
  /** The span, epoch ms UTC. */
  from: number;
  to: number;
  /** Frame size, px (even numbers). */
  width: number;
  height: number;
  fps: number;
  /** File-name label for the span (an event id), else the span's times are used. */
  label?: string;
  signal?: AbortSignal;
  /** Called after each frame is handed to the encoder. */
  onProgress?(p: VideoProgress): void;
  /** Called with the output canvas each time a new picture is drawn (for a preview). */
  onPicture?(canvas: HTMLCanvasElement, frame: number): void;
}

/** Progress of a video export. */
export interface VideoProgress {
  frame: number;
  frames: number;
  elapsedMs: number;
  /** Estimated ms left (from the pace so far), or null before the first frame. */
  leftMs: number | null;
}

/** A finished video. */
export interface VideoResult extends VideoFormat {
  blob: Blob;
  fileName: string;
  width: number;
  height: number;
  fps: number;
  frames: number;
  /** Length, seconds (frames / fps). */
  seconds: number;
  /** Frames actually drawn (the others repeat the picture before them: a held, landed camera). */
  drawn: number;
  ms: number;
}

/** Returns the format this browser can encode at this size: H.264 MP4 first, VP9 WebM otherwise; throws if neither. */
export async function pickFormat(width: number, height: number): Promise<VideoFormat> {
  if (await canEncodeVideo('avc', { width, height, bitrate: QUALITY_HIGH })) return { codec: 'avc', container: 'mp4', mime: 'video/mp4', label: 'H.264 MP4' };
  if (await canEncodeVideo('vp9', { width, height, bitrate: QUALITY_HIGH })) return { codec: 'vp9', container: 'webm', mime: 'video/webm', label: 'VP9 WebM' };
  throw new Error(`this browser cannot encode H.264 or VP9 video at ${width}×${height} (WebCodecs)`);
}

/**
 * Returns the clip's plan for a span at the video pace: the player's track pace, each event held for
 * its dwell in seconds of video. When the camera follows the story (the default) it frames each
 * event as the page does (`eventFrame`); with `follow=0` it shows the whole story throughout.
 */
export function planFor(ctx: AppContext, from: number, to: number, fps: number): VideoPlan {
  const { prep } = ctx;
  const follow = ctx.store.getState().follow;
  const frameKey = (i: number): string | null => {
    const f = follow ? eventFrame(prep, i) : null;
    return f ? `${f.box.join(',')}|${f.maxZoom}` : null;
  };
  return planVideo({ scale: ctx.scale, events: prep.events, trackSeconds: TRACK_SECONDS, dwell: (e) => e.dwell ?? prep.story.defaultDwell, frameKey }, from, to, fps);
}

/**
 * Renders a span of the story as a video, frame by frame (not a screen capture): the slider moves
 * at the player's pace and holds on each event for its dwell, the camera flies to each event's
 * frame (as PNG exports frame it, map type scaled to the caption alike), and the caption is burned into every frame. The map is at the video's size during the
 * render and put back after, with the time it showed; exports run one at a time. Rejects with an
 * AbortError when `signal` aborts.
 */
export function exportVideo(ctx: AppContext, o: VideoOptions): Promise<VideoResult> {
  const problem = videoSizeProblem(o);
  if (problem) return Promise.reject(new Error(`video ${problem}`));
  return runExclusive(() => render(ctx, o));
}

async function render(ctx: AppContext, o: VideoOptions): Promise<VideoResult> {
  const started = performance.now();
  const { prep, store, mapView } = ctx;
  const { map } = mapView;
  const plan = planFor(ctx, o.from, o.to, o.fps);
  const format = await pickFormat(o.width, o.height);
  const saved = { t: store.getState().t };
  ctx.actions.pause();
  const frame: Frame = { width: o.width, height: o.height };
  const measure = canvasMeasure(prep.theme.font);
  const out = document.createElement('canvas');
  out.width = o.width;
  out.height = o.height;
  const target = new BufferTarget();
  const output = new Output({ format: format.container === 'mp4' ? new Mp4OutputFormat({ fastStart: 'in-memory' }) : new WebMOutputFormat(), target });
  const source = new CanvasSource(out, { codec: format.codec, bitrate: QUALITY_HIGH, keyFrameInterval: 2 });
  output.addVideoTrack(source, { frameRate: o.fps });
  const restore = enterExportSize(ctx, { width: o.width, height: o.height, scale: 1 }, { moving: true });
  let drawn = 0;
  try {
    await output.start();
    let last = '';
    let lastScale = '';
    /** The bands a flight starts and lands between, worked out at its first frame: framing them moves the map, which a flight does once, not at every frame. */
    const flights = new Map<string, [Bands, Bands]>();
    for (let i = 0; i < plan.frames; i++) {
      if (o.signal?.aborted) throw new DOMException('The video export was cancelled', 'AbortError');
      const st = frameState(plan, i, ctx.scale);
      const key = `${st.t}|${st.camera.from}|${st.camera.to}|${st.camera.k}`;
      if (key !== last) {
        if (store.getState().t !== st.t) store.getState().set({ t: st.t });
        const s = store.getState();
        const first = layoutCaption(captionContent(prep, s), frame, measure);
        const typeScale = mapTypeScale(first.unit);
        const lay = (inFrame: Parameters<typeof captionContent>[2]) => layoutCaption(captionContent(prep, s, inFrame), frame, measure);
        // the bands a landed camera on event e is framed between, as a PNG of this moment frames it (`frameWithCaption`)
        const restOf = (e: number) => frameWithCaption(map, prep, restingFraming(ctx, e), frame, { top: first.top, bottom: first.bottom }, typeScale, marksOf(ctx, e), lay);
        // the bands the map is framed between, and those its names keep clear of: the landed frame's (during a
        // flight, the destination's, so that the names are not laid out again at every frame of it)
        let bands: Bands;
        let clear: Bands;
        let layout: CaptionLayout | null = null;
        if (st.camera.k >= 1) {
          ({ layout, bands } = restOf(st.camera.to));
          clear = bands;
        } else {
          // a flight starts and lands where the two frames rest, between their own bands, and eases from one's bands to the other's
          const flight = `${st.camera.from}>${st.camera.to}`;
          let ends = flights.get(flight);
          if (!ends) flights.set(flight, (ends = [restOf(st.camera.from).bands, restOf(st.camera.to).bands]));
          const [a, b] = ends;
          const e = easeInOut(st.camera.k);
          bands = { top: a.top + (b.top - a.top) * e, bottom: a.bottom + (b.bottom - a.bottom) * e };
          clear = b;
          const area = { width: o.width, height: Math.max(1, o.height - b.top - b.bottom) };
          const view = flyCamera(cameraOf(ctx, st.camera.from, frame, a, typeScale), cameraOf(ctx, st.camera.to, frame, b, typeScale), st.camera.k, area.width, area.height);
          applyFraming(map, prep, { kind: 'camera', center: view.center, zoom: view.zoom }, frame, bands);
        }
        // a landed frame's names are laid out afresh where it rests (as its still's are), once: a flight keeps
        // the names it had, and laying them out again whenever the map crossed a zoom step left the rest
        // with names laid out at a frame of the flight
        const scaleKey = `${typeScale}|${clear.top}|${clear.bottom}|${st.camera.k >= 1 ? `rest ${st.camera.to}` : 'flight'}`;
        ctx.setTypeScale(typeScale, clear);
        await settle(ctx, o.width, o.height, drawn === 0 || scaleKey !== lastScale);
        // the first frame's names as a still of that moment has them; later frames keep theirs, so names do not jump
        if (drawn === 0) await placeNamesAfresh(ctx);
        lastScale = scaleKey;
        composeFrame(ctx, out, layout ?? layoutInFrame(map, frame, bands, lay), 1);
        drawn++;
        last = key;
        o.onPicture?.(out, i);
      }
      await source.add(i / o.fps, 1 / o.fps);
      const elapsedMs = performance.now() - started;
      o.onProgress?.({ frame: i + 1, frames: plan.frames, elapsedMs, leftMs: (elapsedMs / (i + 1)) * (plan.frames - i - 1) });
    }
    source.close();
    await output.finalize();
  } catch (e) {
    await output.cancel().catch(() => undefined);
    throw e;
  } finally {
    out.width = out.height = 0;
    store.getState().set({ t: saved.t });
    restore();
  }
  const blob = new Blob([target.buffer ?? new ArrayBuffer(0)], { type: format.mime });
  return {
    ...format,
    blob,
    fileName: videoFileName(prep.story.slug, o.label ?? null, o.from, o.to, o.width, o.height, format.container),
    width: o.width,
    height: o.height,
    fps: o.fps,
    frames: plan.frames,
    seconds: plan.seconds,
    drawn,
    ms: Math.round(performance.now() - started),
  };
}

/** Returns the framing of a landed camera on event `i`: its event frame, as a PNG export of that moment applies it, or the whole story. */
function restingFraming(ctx: AppContext, i: number): Framing {
  const f = i >= 0 ? eventFrame(ctx.prep, i) : null;
  return f ? { kind: 'event', ...f } : { kind: 'story' };
}

/**
 * Returns the camera that frames event `i` as a PNG export frames it (`applyFraming` of its
 * `eventFrame`, coming closer in proportion to the type scale `k`), or, for -1 or an event with
 * nothing to frame, the whole story; fitted into the map area between the bands, as a centre that
 * `applyFraming`'s camera framing shifts into that area.
 */
function cameraOf(ctx: AppContext, i: number, frame: Frame, bands: Bands, k: number): CameraView {
  const { map } = ctx.mapView;
  const f = i >= 0 ? eventFrame(ctx.prep, i) : null;
  const pad = f ? eventPadding(frame, bands, k) : framePadding(frame, bands);
  const mid = (pad.top + pad.bottom) / 2;
  const padding = { ...pad, top: mid, bottom: mid };
  const fit = f
    ? map.cameraForBounds(
        [
          [f.box[0], f.box[1]],
          [f.box[2], f.box[3]],
        ],
        { padding, maxZoom: f.maxZoom + Math.log2(k) },
      )
    : map.cameraForBounds(storyBounds(ctx.prep), { padding });
  if (!fit?.center || fit.zoom === undefined) return { center: [...ctx.prep.story.camera.center] as [number, number], zoom: ctx.prep.story.camera.zoom };
  const c = LngLat.convert(fit.center);
  const camera: CameraView = { center: [c.lng, c.lat], zoom: fit.zoom };
  // as `applyFraming` keeps the marks of an event frame whole, so that a flight lands where the frame rests
  return f ? keepMarksWhole(camera, marksOf(ctx, i), frame.width, Math.max(1, frame.height - bands.top - bands.bottom), k) : camera;
}

/** Returns the marks shown at event `i`'s start with the reader's layers on (`shownMarks`); none for -1. */
function marksOf(ctx: AppContext, i: number): FramedMark[] {
  const e = ctx.prep.events[i];
  return e ? shownMarks(ctx.prep, e.t0, ctx.store.getState().layers) : [];
}

/**
 * Returns the span a tool asked for, epoch ms UTC, with its file-name label: an event's (see
 * `eventSpan`), ISO UTC `from`/`to` (each defaulting to the story's start and end), or the whole
 * story. Throws a one-line reason for an unknown event, a malformed time or a span outside the story.
 */
export function resolveSpan(ctx: AppContext, req: { event?: string; from?: string; to?: string }): { from: number; to: number; label?: string } {
  const { prep } = ctx;
  if (req.event) {
    const i = prep.events.findIndex((e) => e.id === req.event);
    if (i < 0) throw new Error(`unknown event "${req.event}"`);
    return { ...eventSpan(prep.events, i, prep.end), label: req.event };
  }
  const time = (v: string | undefined, fallback: number, name: string) => {
    if (v === undefined) return fallback;
    const t = /Z$/.test(v) ? Date.parse(v) : NaN;
    if (!Number.isFinite(t)) throw new Error(`${name} must be an ISO 8601 UTC time (got "${v}")`);
    if (t < prep.start || t > prep.end) throw new Error(`${name} ${v} is outside the story`);
    return t;
  };
  const from = time(req.from, prep.start, 'from');
  const to = time(req.to, prep.end, 'to');
  if (!(to > from)) throw new Error('the span is empty: to must come after from');
  return { from, to, label: req.from === undefined && req.to === undefined ? 'story' : undefined };
}
