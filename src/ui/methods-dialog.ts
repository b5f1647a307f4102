import { LoadError } from '../data/load.ts';
import type { MethodsFile } from '../data/schema.ts';
import { el, listen } from './dom.ts';
import { problemList } from './load-error.ts';
import { createMethodsPanel } from './methods-panel.ts';

export interface MethodsDialog {
  dialog: HTMLDialogElement;
  /** Opens the dialog; the first time (and after a failed load) it fetches the methods file. */
  open(): void;
  destroy(): void;
}

/**
 * Returns the "How this map was made" dialog. Its content (the methods note and the corrections log)
 * is not part of the first load: `load` fetches it when the dialog first opens, and a failure is
 * shown in the dialog with one line per problem, naming the file, and tried again on the next open.
 */
export function createMethodsDialog(load: () => Promise<MethodsFile>): MethodsDialog {
  const dialog = el('dialog', { class: 'methods-dialog', 'aria-label': 'How this map was made' });
  const close = el('button', { type: 'button', class: 'btn close', 'aria-label': 'Close methods' }, '✕');
  const body = el('div', { class: 'methods-body', 'aria-live': 'polite' });
  dialog.append(close, body);
  const offClose = listen(close, 'click', () => dialog.close());
  let state: 'idle' | 'loading' | 'shown' = 'idle';
  let destroyed = false;
  const fetchContent = async () => {
    state = 'loading';
    body.replaceChildren(el('p', { class: 'methods-loading' }, 'Loading the methods note…'));
    try {
      const content = await load();
      if (destroyed) return;
      body.replaceChildren(createMethodsPanel(content));
      state = 'shown';
    } catch (e) {
      if (destroyed) return;
      const problems = e instanceof LoadError ? e.problems : [`The methods note could not be shown: ${e instanceof Error ? e.message : String(e)}`];
      body.replaceChildren(
        el('div', { class: 'load-error methods-error', role: 'alert' }, el('h2', {}, 'The methods note could not be loaded'), problemList(problems), el('p', { class: 'next' }, 'Close and open Methods again to retry.')),
      );
      state = 'idle';
    }
  };
  return {
    dialog,
    open() {
      dialog.showModal();
      if (state === 'idle') void fetchContent();
    },
    destroy() {
      destroyed = true;
      offClose();
    },
  };
}
