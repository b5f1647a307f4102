import type { AppContext } from '../contracts/app-context.ts';
import { el, listen } from '../ui/dom.ts';
import { createCaptionEditor, cutParts } from './caption-editor.ts';
import { exportPng } from './export-png.ts';
import { exportFileName } from './naming.ts';
import { MAX_PIXELS, MIN_SIDE, PRESETS, SCALES, sizeProblem, type ExportSize } from './presets.ts';
import './export.css';

const CUSTOM = 'custom';

/** Returns "1.2 MB" style text for a byte count. */
function bytesText(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1e3))} kB`;
}

/**
 * Returns the "Export PNG" dialog: the size presets, a custom size, the scale and the caption
 * editor; it renders the current moment and hands the PNG to `download`. Loaded on the first click
 * of the button (`export-control.ts`). `open` resets the caption and shows the dialog; `destroy`
 * removes its listeners and the dialog.
 */
export function createPngDialog(ctx: AppContext, download: (blob: Blob, name: string) => void): { dialog: HTMLDialogElement; open(): void; destroy(): void } {
  const offs: (() => void)[] = [];
  const sizeRadios = [...PRESETS.map((p) => ({ id: p.id, label: p.label, width: p.width, height: p.height })), { id: CUSTOM, label: 'Custom', width: 0, height: 0 }].map(
    (p, i) => ({ ...p, input: el('input', { type: 'radio', name: 'export-size', value: p.id, checked: i === 0 }) }),
  );
  const num = (label: string, value: number) =>
    el('input', { type: 'number', class: 'export-num', min: MIN_SIDE, max: MAX_PIXELS, step: 1, value, 'aria-label': label, inputmode: 'numeric' });
  const customW = num('Custom width in pixels', 1600);
  const customH = num('Custom height in pixels', 900);
  const scaleRadios = SCALES.map((k, i) => ({ k, input: el('input', { type: 'radio', name: 'export-scale', value: k, checked: i === 0 }) }));
  const editor = createCaptionEditor(ctx);
  const output = el('p', { class: 'export-output' });
  const status = el('p', { class: 'export-status', role: 'status' });
  const go = el('button', { type: 'button', class: 'btn text primary' }, 'Export');
  const cancel = el('button', { type: 'button', class: 'btn text' }, 'Close');
  const dialog = el(
    'dialog',
    { class: 'export-dialog', 'aria-labelledby': 'export-dialog-title' },
    el('h2', { id: 'export-dialog-title' }, 'Export PNG'),
    el('p', { class: 'export-hint' }, 'The map at this moment, with a caption: title, time, legend, sources and credit.'),
    el(
      'fieldset',
      { class: 'export-sizes' },
      el('legend', {}, 'Size'),
      ...sizeRadios.map((r) =>
        el(
          'label',
          { class: 'export-choice' },
          r.input,
          r.id === CUSTOM
            ? el('span', { class: 'export-custom' }, el('span', { class: 'export-label' }, r.label), customW, el('span', { 'aria-hidden': 'true' }, '×'), customH)
            : el('span', {}, el('strong', {}, `${r.width} × ${r.height}`), ' ', el('span', { class: 'export-label' }, r.label)),
        ),
      ),
    ),
    el('fieldset', { class: 'export-scales' }, el('legend', {}, 'Scale'), ...scaleRadios.map((r) => el('label', { class: 'export-scale' }, r.input, el('span', {}, `${r.k}×`)))),
    editor.root,
    // in the footer, which stays in view while the dialog scrolls: the size and file name, why a size
    // cannot be exported, and what the last export did had sat below the fold at 1280 × 800
    el('div', { class: 'export-actions' }, output, status, el('div', { class: 'export-buttons' }, cancel, go)),
  );

  const selected = (): ExportSize => {
    const r = sizeRadios.find((x) => x.input.checked) ?? sizeRadios[0];
    const scale = scaleRadios.find((x) => x.input.checked)?.k ?? 1;
    if (r.id === CUSTOM) return { width: Number(customW.value), height: Number(customH.value), scale };
    return { width: r.width, height: r.height, scale };
  };
  let busy = false;
  const update = () => {
    const o = selected();
    const problem = sizeProblem(o);
    output.textContent = problem
      ? `Cannot export: ${problem}.`
      : `${o.width * o.scale} × ${o.height * o.scale} px · ${exportFileName(ctx.prep.story.slug, ctx.store.getState().t, o.width, o.height, o.scale)}`;
    output.classList.toggle('invalid', !!problem);
    go.disabled = busy || !!problem;
    if (!problem) editor.render({ width: o.width, height: o.height });
    else editor.clearCut();
  };
  const setBusy = (b: boolean) => {
    busy = b;
    for (const x of [...sizeRadios.map((r) => r.input), ...scaleRadios.map((r) => r.input), customW, customH, cancel, ...editor.root.querySelectorAll('input')]) x.disabled = b;
    update();
  };
  const edited = () => {
    if (!busy) status.textContent = '';
    update();
  };
  const run = async () => {
    const o = selected();
    if (sizeProblem(o)) return;
    // the button is disabled while it renders: the focus comes back to it (it had fallen to the page)
    const refocus = document.activeElement === go;
    setBusy(true);
    status.textContent = `Rendering ${o.width * o.scale} × ${o.height * o.scale} px…`;
    try {
      const r = await exportPng(ctx, o, editor.text());
      download(r.blob, r.fileName);
      const cut = cutParts(r.cut);
      status.textContent = `Saved ${r.fileName} (${bytesText(r.blob.size)}, ${(r.ms / 1000).toFixed(1)} s).${cut ? ` In it ${cut} ended with “…” to fit.` : ''}`;
    } catch (e) {
      status.textContent = `Export failed: ${e instanceof Error ? e.message : String(e)}`;
    } finally {
      setBusy(false);
      if (refocus && dialog.open) go.focus();
    }
  };

  offs.push(
    listen(cancel, 'click', () => dialog.close()),
    listen(go, 'click', () => void run()),
    listen(dialog, 'cancel', (e) => {
      if (busy) e.preventDefault();
    }),
    listen(dialog, 'change', edited),
    listen(dialog, 'input', edited),
    // typing a size chooses Custom; tabbing through the fields to Scale and Caption keeps the preset
    ...[customW, customH].map((input) =>
      listen(input, 'input', () => {
        sizeRadios[sizeRadios.length - 1].input.checked = true;
        update();
      }),
    ),
    editor.destroy,
    () => dialog.remove(),
  );
  return {
    dialog,
    open() {
      status.textContent = '';
      editor.reset();
      update();
      dialog.showModal();
    },
    destroy: () => offs.forEach((f) => f()),
  };
}
