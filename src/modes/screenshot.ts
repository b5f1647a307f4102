import { captionContent, creditLine, sourceLine, type CaptionContent } from '../export/caption.ts';
import { canvasMeasure, captionPalette, drawCaption } from '../export/caption-draw.ts';
import { layoutCaption, type Frame } from '../export/caption-layout.ts';
import { registerExportApi } from '../export/export-png.ts';
import { frameWithCaption, layoutInFrame, mapTypeScale, screenshotFraming } from '../export/framing.ts';
import { shownMarks } from '../map/marks.ts';
import { keepSubjectVisible, withSubjectNote } from '../export/subject-size.ts';
import { el, fill } from '../ui/dom.ts';
import type { AppContext, ModeHandle } from '../contracts/app-context.ts';
import './screenshot.css';

/** Returns the caption as text for screen readers and tools (the drawn caption is an image). */
function captionText(c: CaptionContent): (HTMLElement | null)[] {
  return [
    el('h2', { class: 'shot-title' }, c.title),
    el('p', { class: 'shot-moment' }, c.moment),
    c.event ? el('p', { class: 'shot-event' }, c.event) : null,
    c.legend.length ? el('ul', { class: 'shot-legend' }, ...c.legend.map((e) => el('li', {}, e.label))) : null,
    c.sources.length || c.elsewhere.length ? el('p', { class: 'shot-sources' }, sourceLine(c)) : null,
    el('p', { class: 'shot-credit' }, creditLine(c)),
  ];
}

/**
 * Starts screenshot mode: a clean frame for publication. Controls are hidden (screenshot.css); the
 * map is framed between a burned-in caption's bands (title, moment, event, legend, sources,
 * credit), drawn with the same layout and code as the PNG export; `window.explainerExport` is registered.
 */
export function startScreenshot(ctx: AppContext): ModeHandle {
  const { prep, store } = ctx;
  const { map } = ctx.mapView;
  const container = map.getContainer();
  const stage = container.parentElement ?? ctx.root;
  const canvas = el('canvas', { class: 'shot-caption', 'aria-hidden': 'true' });
  const text = el('section', { class: 'shot-caption-text', 'aria-label': 'Caption' });
  stage.append(canvas, text);
  const measure = canvasMeasure(prep.theme.font);
  const palette = captionPalette(prep.theme);
  const frameOf = (): Frame => ({ width: container.clientWidth, height: container.clientHeight });

  /** The caption's note when the frame was moved to the event to keep its places visible. */
  let subjectNote: string | null = null;
  /** The caption's bands the map was last framed with. */
  let bands = { top: 0, bottom: 0 };
  const frameMap = () => {
    const frame = frameOf();
    if (!frame.width || !frame.height) return;
    const s = store.getState();
    const first = layoutCaption(captionContent(prep, s), frame, measure);
    const k = mapTypeScale(first.unit);
    const visible = keepSubjectVisible(prep, screenshotFraming(prep, s), s.t, frame, { top: first.top, bottom: first.bottom }, k);
    subjectNote = visible.note;
    ({ bands } = frameWithCaption(map, prep, visible.framing, frame, { top: first.top, bottom: first.bottom }, k, shownMarks(prep, s.t, s.layers), (inFrame) =>
      layoutCaption(withSubjectNote(captionContent(prep, s, inFrame), subjectNote), frame, measure),
    ));
    ctx.setTypeScale(k, bands);
    ctx.redraw();
  };
  const draw = () => {
    const frame = frameOf();
    if (!frame.width || !frame.height) return;
    const { content, ...layout } = layoutInFrame(map, frame, bands, (inFrame) => {
      const c = withSubjectNote(captionContent(prep, store.getState(), inFrame), subjectNote);
      return { ...layoutCaption(c, frame, measure), content: c };
    });
    canvas.dataset.unit = String(layout.unit);
    // the map area lies between the caption's bands (CSS px), for tools that check what it holds
    canvas.dataset.bands = `${layout.top} ${layout.bottom}`;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(frame.width * ratio);
    canvas.height = Math.round(frame.height * ratio);
    canvas.style.width = `${frame.width}px`;
    canvas.style.height = `${frame.height}px`;
    const g = canvas.getContext('2d');
    if (!g) return;
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    drawCaption(g, layout, palette, prep.theme.font);
    fill(text, ...captionText(content));
  };

  let last = frameOf();
  const resized = new ResizeObserver(() => {
    const now = frameOf();
    if (now.width === last.width && now.height === last.height) return;
    if (ctx.exporting.active) return;
    last = now;
    frameMap();
    draw();
  });
  resized.observe(stage);
  const onMoveEnd = () => {
    if (!ctx.exporting.active) draw();
  };
  map.on('moveend', onMoveEnd);
  const unsubscribe = store.subscribe((s, p) => {
    if (s.t !== p.t && s.follow) frameMap();
    if (s.t !== p.t || s.layers !== p.layers) draw();
  });
  const unregister = registerExportApi(ctx);
  frameMap();
  draw();

  return {
    destroy() {
      unregister();
      unsubscribe();
      map.off('moveend', onMoveEnd);
      resized.disconnect();
      canvas.remove();
      text.remove();
    },
  };
}
