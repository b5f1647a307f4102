/** What `window.__soakContexts()` returns: WebGL contexts created, still alive (not garbage-collected), live (not lost) and live on the page. */
export interface ContextCounts {
  created: number;
  alive: number;
  live: number;
  onPage: number;
}

declare global {
  interface Window {
    /** Added by `countContexts`. */
    __soakContexts?: () => ContextCounts;
  }
}

type GetContext = (this: HTMLCanvasElement, type: string, ...rest: unknown[]) => RenderingContext | null;

/**
 * Counts every WebGL context the page creates (held weakly, so counting keeps none alive); pass it
 * to `page.addInitScript` so it runs before the app. `window.__soakContexts()` then returns how many
 * were created, are still alive (not garbage-collected), live (not lost) and live on the page.
 */
export function countContexts(): void {
  const getContext = HTMLCanvasElement.prototype.getContext as GetContext;
  const refs: WeakRef<WebGLRenderingContext | WebGL2RenderingContext>[] = [];
  const seen = new WeakSet<object>();
  const counting: GetContext = function (type, ...rest) {
    const ctx = getContext.call(this, type, ...rest);
    if (ctx && /webgl/.test(type) && !seen.has(ctx)) {
      seen.add(ctx);
      refs.push(new WeakRef(ctx as WebGLRenderingContext));
    }
    return ctx;
  };
  HTMLCanvasElement.prototype.getContext = counting as typeof HTMLCanvasElement.prototype.getContext;
  window.__soakContexts = () => {
    const c = { created: refs.length, alive: 0, live: 0, onPage: 0 };
    for (const r of refs) {
      const gl = r.deref();
      if (!gl) continue;
      c.alive++;
      if (!gl.isContextLost()) c.live++;
      if (!gl.isContextLost() && (gl.canvas as HTMLCanvasElement).isConnected) c.onPage++;
    }
    return c;
  };
}
