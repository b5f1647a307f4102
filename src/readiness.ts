/**
 * Sets `<html data-ready>`: "true" once fonts are loaded and the map and every layer have drawn a
 * complete frame, "false" while a change is rendering. `reason` is kept in `data-ready-reason` for tools.
 */
export function setReady(ready: boolean, reason = ''): void {
  const root = document.documentElement;
  const value = ready ? 'true' : 'false';
  if (root.dataset.ready !== value) root.dataset.ready = value;
  if (reason) root.dataset.readyReason = reason;
  else delete root.dataset.readyReason;
}

/** Resolves once `<html data-ready>` is "true" (after the next frame, so a pending change can first set it to "false"). */
export function whenReady(): Promise<void> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      const root = document.documentElement;
      if (root.dataset.ready === 'true') return resolve();
      const obs = new MutationObserver(() => {
        if (root.dataset.ready === 'true') {
          obs.disconnect();
          resolve();
        }
      });
      obs.observe(root, { attributes: true, attributeFilter: ['data-ready'] });
    });
  });
}
