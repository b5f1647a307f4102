import { loadMethods } from '../data/load.ts';
import type { PreparedStory } from '../data/prepare.ts';
import type { AppActions } from '../state/actions.ts';
import type { Store } from '../state/store.ts';
import { parseLoadTimeout, type SerializeContext } from '../state/url-state.ts';
import { el, listen } from '../ui/dom.ts';
import { createFullExplorerLink } from '../ui/full-explorer-link.ts';
import { createMethodsDialog } from '../ui/methods-dialog.ts';
import { createSourcesPanel } from '../ui/sources-panel.ts';

export interface MastheadOptions {
  prep: PreparedStory;
  store: Store;
  actions: AppActions;
  /** Fits the whole story (Fit story, Reset). */
  fitStory(): void;
  /** With it (an embed), the masthead links to the full explorer showing the same state. */
  explorerLink?: SerializeContext;
}

/**
 * Returns the masthead (title, subtitle and the actions: Fit story, Reset, Sources, Methods, Copy
 * link), the two dialogs it opens (to be placed in the page), `addAction` for a control the mode
 * adds (the export buttons, placed before the share status) and `destroy`.
 */
export function createMasthead(o: MastheadOptions) {
  const { prep, actions } = o;
  const offs: (() => void)[] = [];
  const sources = el('dialog', { class: 'sources-dialog', 'aria-label': 'Sources' });
  const closeSources = el('button', { type: 'button', class: 'btn close', 'aria-label': 'Close sources' }, '✕');
  sources.append(
    closeSources,
    createSourcesPanel(prep, (id) => {
      sources.close();
      actions.goToEvent(id);
    }),
  );
  offs.push(listen(closeSources, 'click', () => sources.close()));
  const methods = createMethodsDialog(() => loadMethods(import.meta.env.BASE_URL, parseLoadTimeout(window.location.search)));
  offs.push(methods.destroy);

  const btn = (label: string, onClick: () => void, extra: Record<string, string> = {}) => {
    const b = el('button', { type: 'button', class: 'btn text', ...extra }, label);
    offs.push(listen(b, 'click', onClick));
    return b;
  };
  const shareStatus = el('span', { class: 'share-status', role: 'status' });
  const copyLink = async () => {
    actions.commit();
    try {
      await navigator.clipboard.writeText(window.location.href);
      shareStatus.textContent = 'Link copied';
    } catch {
      shareStatus.textContent = 'Copy the address bar to share this view';
    }
  };
  const bar = el(
    'div',
    { class: 'actions' },
    btn('Fit story', () => {
      o.fitStory();
      actions.commit();
    }),
    btn('Reset', () => {
      actions.reset();
      o.fitStory();
    }),
    btn('Sources', () => sources.showModal(), { 'aria-haspopup': 'dialog' }),
    btn('Methods', () => methods.open(), { 'aria-haspopup': 'dialog', title: 'How this map was made, and corrections' }),
    btn('Copy link', () => void copyLink()),
    shareStatus,
  );
  if (o.explorerLink) {
    const full = createFullExplorerLink(o.store, o.explorerLink);
    offs.push(full.destroy);
    bar.prepend(full.root);
  }
  const root = el('header', { class: 'masthead' }, el('div', { class: 'titles' }, el('h1', {}, prep.story.title), el('p', { class: 'subtitle' }, prep.story.subtitle)), bar);
  return {
    root,
    dialogs: [sources, methods.dialog],
    addAction: (node: HTMLElement) => bar.insertBefore(node, shareStatus),
    destroy: () => offs.forEach((f) => f()),
  };
}
