import { currentEventIndex } from '../data/prepare.ts';
import type { AppContext } from '../contracts/app-context.ts';
import { isoMinute } from '../time/format.ts';
import { parseUtcInstant } from '../time/instant.ts';
import { el, listen } from '../ui/dom.ts';
import { videoFileName } from './naming.ts';
import { exportVideo, pickFormat, planFor, type VideoFormat, type VideoProgress } from './video-export.ts';
import { eventSpan } from './video-timeline.ts';
import './export.css';
import './video.css';

/** Frame sizes offered for video: the formats social and broadcast take. */
export const VIDEO_PRESETS = [
  { id: 'story', label: 'Vertical 9:16', width: 1080, height: 1920 },
  { id: 'portrait', label: 'Portrait 4:5', width: 1080, height: 1350 },
  { id: 'square', label: 'Square', width: 1080, height: 1080 },
  { id: 'hd', label: 'Landscape 16:9', width: 1920, height: 1080 },
] as const;

/** Frames per second of a video exported from the page. */
export const VIDEO_FPS = 30;

/** Returns "1:05" for a number of seconds. */
function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** Returns epoch ms of a from/to field's "2025-06-02 12:10" (UTC; a T, a Z or " UTC" accepted), or NaN for a time that does not exist. */
const utcValue = (input: HTMLInputElement) => parseUtcInstant(input.value.trim().replace(/\s*(Z|UTC)$/i, '').replace(/^(\S+)[ T]/, '$1T') + 'Z') ?? NaN;
/** Returns how a from/to field shows a moment: ISO order, in UTC, never the browser's locale format. */
const fieldValue = (t: number) => isoMinute(t).slice(0, 16).replace('T', ' ');

/**
 * Returns the "Export video" dialog: the span (the whole story, the current event, or from–to in
 * UTC), the size, a live preview, a progress bar with the time left, and Cancel. Renders with
 * `exportVideo` and hands the file to `download`. Under reduced motion the preview shows the first
 * frame only; the file is the same either way. `destroy` removes its listeners and the dialog.
 */
export function createVideoDialog(ctx: AppContext, download: (blob: Blob, name: string) => void): { dialog: HTMLDialogElement; open(): void; destroy(): void } {
  const { prep, store } = ctx;
  const offs: (() => void)[] = [];
  const spanRadio = (value: string, checked = false) => el('input', { type: 'radio', name: 'video-span', value, checked });
  const spans = { story: spanRadio('story', true), event: spanRadio('event'), custom: spanRadio('custom') };
  const spanText = { story: el('span', { class: 'export-label' }), event: el('span', { class: 'export-label' }) };
  const when = (label: string) =>
    el('input', { type: 'text', class: 'export-when', size: 16, placeholder: 'YYYY-MM-DD HH:MM', spellcheck: 'false', autocomplete: 'off', 'aria-label': label });
  const fromInput = when('From, UTC');
  const toInput = when('To, UTC');
  const sizes = VIDEO_PRESETS.map((p, i) => ({ ...p, input: el('input', { type: 'radio', name: 'video-size', value: p.id, checked: i === 0 }) }));
  const output = el('p', { class: 'export-output' });
  const preview = el('canvas', { class: 'video-preview', width: 1, height: 1, 'aria-hidden': 'true' });
  const bar = el('progress', { class: 'video-progress', max: 1, value: 0, 'aria-label': 'Video export progress' });
  const left = el('p', { class: 'video-left' });
  const status = el('p', { class: 'export-status', role: 'status' });
  const go = el('button', { type: 'button', class: 'btn text primary' }, 'Export');
  const stop = el('button', { type: 'button', class: 'btn text', hidden: true }, 'Cancel');
  const close = el('button', { type: 'button', class: 'btn text' }, 'Close');
  const choice = (input: HTMLInputElement, ...label: (Node | string)[]) => el('label', { class: 'export-choice' }, input, el('span', {}, ...label));
  const dialog = el(
    'dialog',
    { class: 'export-dialog video-dialog', 'aria-labelledby': 'video-dialog-title' },
    el('h2', { id: 'video-dialog-title' }, 'Export video'),
    el(
      'p',
      { class: 'export-hint' },
      `The story as it plays, ${VIDEO_FPS} frames a second: the slider holds on each event for its dwell, the camera flies between events, the caption updates. H.264 MP4 where this browser can encode it, else VP9 WebM.`,
    ),
    el(
      'fieldset',
      { class: 'export-sizes' },
      el('legend', {}, 'Span'),
      choice(spans.story, el('strong', {}, 'Whole story'), ' ', spanText.story),
      choice(spans.event, el('strong', {}, 'This event'), ' ', spanText.event),
      el('label', { class: 'export-choice' }, spans.custom, el('span', { class: 'export-custom' }, el('strong', {}, 'From'), fromInput, el('span', {}, 'to'), toInput, el('span', { class: 'export-label' }, 'UTC'))),
    ),
    el(
      'fieldset',
      { class: 'export-sizes' },
      el('legend', {}, 'Size'),
      ...sizes.map((r) => choice(r.input, el('strong', {}, `${r.width} × ${r.height}`), ' ', el('span', { class: 'export-label' }, r.label))),
    ),
    el('div', { class: 'video-run' }, preview, el('div', { class: 'video-meter' }, bar, left, status)),
    // the span's length and frames, or why it cannot be written, in the footer that stays in view
    el('div', { class: 'export-actions' }, output, el('div', { class: 'export-buttons' }, close, stop, go)),
  );

  const currentEvent = () => currentEventIndex(prep.events, store.getState().t);
  const selected = () => {
    const size = sizes.find((r) => r.input.checked) ?? sizes[0];
    const ev = currentEvent();
    let span: { from: number; to: number; label?: string } | null = null;
    let problem: string | null = null;
    if (spans.story.checked) span = { from: prep.start, to: prep.end, label: 'story' };
    else if (spans.event.checked) span = ev >= 0 ? { ...eventSpan(prep.events, ev, prep.end), label: prep.events[ev].id } : null;
    else {
      const from = utcValue(fromInput);
      const to = utcValue(toInput);
      if (!Number.isFinite(from) || !Number.isFinite(to)) problem = 'give both times as YYYY-MM-DD HH:MM, in UTC';
      else if (from < prep.start || to > prep.end) problem = `the span must lie within the story, ${isoMinute(prep.start)} to ${isoMinute(prep.end)}`;
      else if (to <= from) problem = '"to" must come after "from"';
      else span = { from, to };
    }
    if (!span && !problem) problem = 'no event at this moment';
    return { size, span, problem };
  };
  let busy = false;
  const formats = new Map<string, VideoFormat | Error>();
  const update = () => {
    const ev = currentEvent();
    spanText.story.textContent = `(${clock(planFor(ctx, prep.start, prep.end, VIDEO_FPS).seconds)})`;
    spanText.event.textContent = ev >= 0 ? `“${prep.events[ev].title}” (${clock(planFor(ctx, eventSpan(prep.events, ev, prep.end).from, eventSpan(prep.events, ev, prep.end).to, VIDEO_FPS).seconds)})` : '(none at this moment)';
    spans.event.disabled = busy || ev < 0;
    const { size, span, problem } = selected();
    if (span) {
      const plan = planFor(ctx, span.from, span.to, VIDEO_FPS);
      const format = formats.get(size.id);
      if (!format) void pickFormat(size.width, size.height).then((f) => formats.set(size.id, f), (e: unknown) => formats.set(size.id, e instanceof Error ? e : new Error(String(e)))).then(update);
      const kind = format instanceof Error ? `cannot encode: ${format.message}` : format ? format.label : 'checking the encoder…';
      const name = videoFileName(prep.story.slug, span.label ?? null, span.from, span.to, size.width, size.height, format && !(format instanceof Error) ? format.container : '…');
      output.textContent = `${plan.seconds.toFixed(1)} s · ${plan.frames} frames · ${kind} · ${name}`;
    } else output.textContent = `Cannot export: ${problem}.`;
    output.classList.toggle('invalid', !span);
    go.disabled = busy || !span;
  };
  const setBusy = (b: boolean) => {
    busy = b;
    for (const x of [...Object.values(spans), ...sizes.map((r) => r.input), fromInput, toInput, close]) x.disabled = b;
    go.hidden = b;
    stop.hidden = !b;
    update();
  };
  let abort: AbortController | null = null;
  const showPicture = (canvas: HTMLCanvasElement) => {
    const k = 160 / Math.max(canvas.width, canvas.height);
    preview.width = Math.round(canvas.width * k);
    preview.height = Math.round(canvas.height * k);
    preview.getContext('2d')?.drawImage(canvas, 0, 0, preview.width, preview.height);
  };
  const run = async () => {
    const { size, span } = selected();
    if (!span) return;
    abort = new AbortController();
    setBusy(true);
    stop.focus();
    bar.value = 0;
    left.textContent = '';
    status.textContent = `Rendering ${size.width} × ${size.height}…`;
    // The frame count is not a live region (a screen reader would read every frame); the status says when it starts and ends.
    const shown = (p: VideoProgress) => {
      bar.max = p.frames;
      bar.value = p.frame;
      left.textContent = `Frame ${p.frame} of ${p.frames}${p.leftMs === null ? '' : ` · about ${clock(p.leftMs / 1000)} left`}`;
    };
    try {
      const r = await exportVideo(ctx, {
        ...span,
        width: size.width,
        height: size.height,
        fps: VIDEO_FPS,
        signal: abort.signal,
        onProgress: shown,
        onPicture: (canvas, i) => {
          if (i === 0 || !ctx.reducedMotion) showPicture(canvas);
        },
      });
      download(r.blob, r.fileName);
      status.textContent = `Saved ${r.fileName} (${r.label}, ${r.seconds.toFixed(1)} s, ${(r.blob.size / 1e6).toFixed(1)} MB, rendered in ${clock(r.ms / 1000)}).`;
    } catch (e) {
      left.textContent = '';
      status.textContent =
        e instanceof DOMException && e.name === 'AbortError' ? 'Cancelled: nothing was saved; the map is back as it was.' : `Export failed: ${e instanceof Error ? e.message : String(e)}`;
    } finally {
      abort = null;
      setBusy(false);
      go.focus();
    }
  };
  const edited = () => {
    if (!busy) status.textContent = '';
    update();
  };
  offs.push(
    listen(go, 'click', () => void run()),
    listen(stop, 'click', () => abort?.abort()),
    listen(close, 'click', () => dialog.close()),
    listen(dialog, 'cancel', (e) => {
      if (busy) e.preventDefault();
    }),
    listen(dialog, 'change', edited),
    listen(dialog, 'input', edited),
    ...[fromInput, toInput].map((input) =>
      listen(input, 'focus', () => {
        spans.custom.checked = true;
        update();
      }),
    ),
    () => abort?.abort(),
  );
  return {
    dialog,
    open() {
      if (!busy) {
        status.textContent = '';
        if (!fromInput.value) fromInput.value = fieldValue(store.getState().t);
        if (!toInput.value) toInput.value = fieldValue(prep.end);
      }
      update();
      dialog.showModal();
    },
    destroy() {
      offs.forEach((f) => f());
      dialog.remove();
    },
  };
}
