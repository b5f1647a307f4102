import type { AppContext } from '../contracts/app-context.ts';
import { el, listen } from '../ui/dom.ts';
import type { ExportSize } from './presets.ts';
import { registerVideoApi } from './video-api.ts';

/** A dialog loaded on first use: shown by `open`, removed by `destroy`. */
interface LazyDialog {
  dialog: HTMLDialogElement;
  open(): void;
  destroy(): void;
}

/**
 * Returns the explorer's export controls: "Export PNG" and "Export video", two buttons whose dialogs
 * (`export-panel.ts`, `video-panel.ts`) load on the first click, so the page's first load does not
 * carry them. A dialog that cannot load says so next to the buttons. Also registers
 * `window.explainerExport` and the video API for tools, loading the export code when called.
 * `destroy` removes them all.
 */
export function createExportControl(ctx: AppContext): { root: HTMLElement; destroy(): void } {
  const offs: (() => void)[] = [];
  const openPng = el('button', { type: 'button', class: 'btn text', 'aria-haspopup': 'dialog' }, 'Export PNG');
  const openVideo = el('button', { type: 'button', class: 'btn text', 'aria-haspopup': 'dialog' }, 'Export video');
  const problem = el('span', { class: 'export-load-error', role: 'alert' });
  const root = el('span', { class: 'export-control' }, openPng, openVideo, problem);

  let revoke = 0;
  const download = (blob: Blob, name: string) => {
    const url = URL.createObjectURL(blob);
    const a = el('a', { href: url, download: name, class: 'export-link' });
    document.body.append(a);
    a.click();
    a.remove();
    revoke = window.setTimeout(() => URL.revokeObjectURL(url), 30_000);
  };

  /** Returns a click handler that loads a dialog once, then opens it; a failed load is shown and retried on the next click. */
  const lazy = (name: string, load: () => Promise<LazyDialog>) => {
    let dialog: Promise<LazyDialog> | null = null;
    offs.push(() => void dialog?.then((d) => d.destroy(), () => undefined));
    return async () => {
      dialog ??= load().then((d) => {
        root.append(d.dialog);
        return d;
      });
      try {
        const d = await dialog;
        problem.textContent = '';
        d.open();
      } catch (e) {
        dialog = null;
        problem.textContent = `The ${name} could not load: ${e instanceof Error ? e.message : String(e)}. Try again.`;
      }
    };
  };
  const showPng = lazy('PNG export', () => import('./export-panel.ts').then(({ createPngDialog }) => createPngDialog(ctx, download)));
  const showVideo = lazy('video export', () => import('./video-panel.ts').then(({ createVideoDialog }) => createVideoDialog(ctx, download)));

  const api = async (opts: ExportSize) => (await import('./export-png.ts')).exportForTools(ctx, opts);
  window.explainerExport = api;
  offs.push(
    listen(openPng, 'click', () => void showPng()),
    listen(openVideo, 'click', () => void showVideo()),
    registerVideoApi(ctx),
    () => {
      if (window.explainerExport === api) delete window.explainerExport;
    },
    () => clearTimeout(revoke),
  );
  return { root, destroy: () => offs.forEach((f) => f()) };
}
