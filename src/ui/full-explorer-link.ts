import type { Store } from '../state/store.ts';
import { explorerQuery } from '../state/url-state.ts';
import { el } from './dom.ts';

/**
 * Returns the embed's "Open the full explorer" link, kept pointing at the full explorer showing what
 * the embed shows (only the state: no mode, embed flag or other parameter of the embedding URL), and
 * the function that stops updating it.
 */
export function createFullExplorerLink(store: Store, ctx: Parameters<typeof explorerQuery>[1]): { root: HTMLAnchorElement; destroy(): void } {
  const root = el('a', { class: 'btn text full-link', target: '_blank', rel: 'noopener' }, 'Open the full explorer ↗');
  const sync = () => {
    root.href = `${window.location.pathname}${explorerQuery(store.getState(), ctx)}`;
  };
  sync();
  return { root, destroy: store.subscribe(sync) };
}
