/**
 * Counts every WebGL context the page creates (held weakly, so counting keeps none alive); pass it
 * to `page.addInitScript` so it runs before the app. `window.__soakContexts()` then returns how many
 * were created, are still alive (not garbage-collected), live (not lost) and live on the page.
 */
export function countContexts() {
  const getContext = HTMLCanvasElement.prototype.getContext;
  const refs = [];
  const seen = new WeakSet();
  HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
    const ctx = getContext.call(this, type, ...rest);
    if (ctx && /webgl/.test(type) && !seen.has(ctx)) {
      seen.add(ctx);
      refs.push(new WeakRef(ctx));
    }
    return ctx;
  };
  window.__soakContexts = () => {
    const c = { created: refs.length, alive: 0, live: 0, onPage: 0 };
    for (const r of refs) {
      const gl = r.deref();
      if (!gl) continue;
      c.alive++;
      if (!gl.isContextLost()) c.live++;
      if (!gl.isContextLost() && gl.canvas.isConnected) c.onPage++;
    }
    return c;
  };
}
