import type { AppContext } from '../contracts/app-context.ts';
import { el, listen } from '../ui/dom.ts';
import { captionContent, type CaptionContent } from './caption.ts';
import { canvasMeasure, captionPalette, drawCaption } from './caption-draw.ts';
import { layoutCaption, type CaptionPart, type Frame } from './caption-layout.ts';

/**
 * A desk's own wording for an export's caption: the headline, the dek (the event line) and the graphic
 * credit, which goes before the data credit (the basemap's licences: always printed). Empty means the story's.
 */
export interface CaptionText {
  title?: string;
  event?: string;
  credit?: string;
}

/** Returns the caption with the desk's wording put in where it gives any (trimmed, non-empty); a graphic credit keeps the data credit after it. */
export function withCaptionText(c: CaptionContent, text: CaptionText | undefined): CaptionContent {
  if (!text) return c;
  const pick = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);
  return { ...c, title: pick(text.title) ?? c.title, event: pick(text.event) ?? c.event, graphicCredit: pick(text.credit) ?? c.graphicCredit };
}

const PART_NAMES: Record<CaptionPart, string> = { headline: 'headline', dek: 'dek', credit: 'credit line' };

/** Names the caption's texts that were cut ("the headline and the dek"), or null for none. */
export function cutParts(cut: readonly CaptionPart[]): string | null {
  return cut.length ? `the ${cut.map((p) => PART_NAMES[p]).join(' and the ')}` : null;
}

/** Width (CSS px) of the dialog's preview. */
const PREVIEW_W = 300;

/**
 * Returns the Export dialog's caption fields (headline, dek, credit: prefilled with the story's
 * wording, never written to the URL) and a preview of the frame: the map as it is now, cropped to the
 * export's shape, under the caption laid out for the export's size. `render(frame)` redraws it.
 */
export function createCaptionEditor(ctx: AppContext) {
  const { prep, store } = ctx;
  const field = (label: string, cls: string) => {
    const input = el('input', { type: 'text', class: `export-text ${cls}`, spellcheck: 'true' });
    return { input, root: el('label', { class: 'export-field' }, el('span', {}, label), input) };
  };
  const title = field('Headline', 'export-title');
  const event = field('Dek', 'export-dek');
  const credit = field('Credit', 'export-credit');
  const creditNote = el('p', { class: 'export-hint' }, 'The graphic credit; the map’s data credits and licences are always printed after it.');
  // a text too long for the frame ends with "…" in the PNG: said here, beside the preview
  const cutNote = el('p', { class: 'export-cut', 'aria-live': 'polite' });
  const canvas = el('canvas', { class: 'export-preview', role: 'img', 'aria-label': 'Preview of the exported image' });
  const note = el('p', { class: 'export-hint' }, 'Preview: the map as it is now; the export frames the event for its own size.');
  const root = el('fieldset', { class: 'export-caption' }, el('legend', {}, 'Caption'), title.root, event.root, credit.root, creditNote, cutNote, canvas, note);
  const measure = canvasMeasure(prep.theme.font);
  const palette = captionPalette(prep.theme);
  let frame: Frame = { width: 1200, height: 675 };

  /** Returns the wording the desk has typed (only fields that differ from the story's). */
  const text = (): CaptionText => {
    const base = captionContent(prep, store.getState());
    const own = (v: string, story: string | null) => (v.trim() && v.trim() !== story ? v : undefined);
    return { title: own(title.input.value, base.title), event: own(event.input.value, base.event), credit: own(credit.input.value, prep.story.graphicCredit ?? '') };
  };
  /** Fills the fields with the story's wording for the current moment. */
  const reset = () => {
    const c = captionContent(prep, store.getState());
    title.input.value = c.title;
    event.input.value = c.event ?? '';
    credit.input.value = prep.story.graphicCredit ?? '';
  };
  const render = (next: Frame = frame) => {
    frame = next;
    const k = PREVIEW_W / frame.width;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(PREVIEW_W * ratio);
    canvas.height = Math.round(frame.height * k * ratio);
    canvas.style.width = `${PREVIEW_W}px`;
    canvas.style.height = `${Math.round(frame.height * k)}px`;
    const g = canvas.getContext('2d');
    if (!g) return;
    const layout = layoutCaption(withCaptionText(captionContent(prep, store.getState()), text()), frame, measure);
    // the preview's caption names every place shown, the export's those in its own frame: "may"
    const parts = cutParts(layout.cut);
    const many = layout.cut.length > 1;
    cutNote.textContent = parts ? `At ${frame.width} × ${frame.height} ${parts} may be too long and end with “…”: shorten ${many ? 'them' : 'it'} to print ${many ? 'them' : 'it'} whole.` : '';
    g.setTransform(ratio * k, 0, 0, ratio * k, 0, 0);
    g.fillStyle = palette.panel;
    g.fillRect(0, 0, frame.width, frame.height);
    const [base, ...rest] = ctx.mapView.canvases();
    if (base) {
      // the map's middle, cropped to the export's map area between the caption bands
      const mapH = Math.max(1, frame.height - layout.top - layout.bottom);
      const s = Math.max(frame.width / base.width, mapH / base.height);
      const sw = frame.width / s;
      const sh = mapH / s;
      const sx = (base.width - sw) / 2;
      const sy = (base.height - sh) / 2;
      for (const c of [base, ...rest]) g.drawImage(c, (sx * c.width) / base.width, (sy * c.height) / base.height, (sw * c.width) / base.width, (sh * c.height) / base.height, 0, layout.top, frame.width, mapH);
    }
    drawCaption(g, layout, palette, prep.theme.font);
  };
  const offs = [title.input, event.input, credit.input].map((i) => listen(i, 'input', () => render()));
  /** Says nothing of cut texts (no size to lay the caption out for). */
  const clearCut = () => {
    cutNote.textContent = '';
  };
  return { root, text, reset, render, clearCut, destroy: () => offs.forEach((f) => f()) };
}
