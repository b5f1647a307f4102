/** Whether a scrolling box has content below what it shows (more than a pixel: a fractional zoom leaves a sliver). */
export function hasMoreBelow(box: { scrollTop: number; clientHeight: number; scrollHeight: number }): boolean {
  return box.scrollTop + box.clientHeight < box.scrollHeight - 1;
}

/**
 * Keeps `data-more` on a scrolling box while it has content below what it shows, for the CSS to fade
 * its foot: a touch screen shows no scroll bar, and a card's text cut at the box's edge (a kiosk
 * visitor's card at 1080 × 1920, cut mid-line over the key) gave no sign that it went on. Checked
 * once a frame after the box scrolls, or the box or one of its children changes size, or a child
 * comes or goes (a list's window replacing its items): what changes the box's scroll height. Only
 * sizes are watched, not the subtree's attributes: a touring kiosk restyles its card's pages as they
 * fade, without changing a size (watching attributes, that ran about 8 checks a second), and no check
 * runs for that. A child is watched while it is in the box and let go when it leaves (a list's window
 * replaces its items for days on a kiosk).
 */
export function markMoreBelow(box: HTMLElement): { destroy(): void } {
  let frame = 0;
  const check = () => {
    frame = 0;
    box.toggleAttribute('data-more', hasMoreBelow(box));
  };
  const soon = () => {
    if (!frame) frame = requestAnimationFrame(check);
  };
  const size = new ResizeObserver(soon);
  const watch = (n: Node) => n instanceof Element && size.observe(n, { box: 'border-box' });
  size.observe(box);
  Array.from(box.children).forEach(watch);
  const children = new MutationObserver((records) => {
    for (const r of records) {
      r.removedNodes.forEach((n) => n instanceof Element && size.unobserve(n));
      r.addedNodes.forEach((n) => n.parentNode === box && watch(n));
    }
    soon();
  });
  children.observe(box, { childList: true });
  box.addEventListener('scroll', soon, { passive: true });
  check();
  return {
    destroy() {
      cancelAnimationFrame(frame);
      size.disconnect();
      children.disconnect();
      box.removeEventListener('scroll', soon);
      box.removeAttribute('data-more');
    },
  };
}
