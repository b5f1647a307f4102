/** Whether a scrolling box has content below what it shows (more than a pixel: a fractional zoom leaves a sliver). */
export function hasMoreBelow(box: { scrollTop: number; clientHeight: number; scrollHeight: number }): boolean {
  return box.scrollTop + box.clientHeight < box.scrollHeight - 1;
}

/**
 * Keeps `data-more` on a scrolling box while it has content below what it shows, for the CSS to fade
 * its foot: a touch screen shows no scroll bar, and a card's text cut at the box's edge (a kiosk
 * visitor's card at 1080 × 1920, cut mid-line over the key) gave no sign that it went on. Checked
 * once a frame after the box scrolls, changes size, or its content changes (a new card, the list's
 * window). Nodes are watched through the box alone, never one by one: a list's window replaces its
 * items as it scrolls, for days on a kiosk.
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
  size.observe(box);
  const content = new MutationObserver(soon);
  // what can change the content's height: nodes, text, and a section opened, hidden or restyled
  content.observe(box, { childList: true, subtree: true, characterData: true, attributeFilter: ['open', 'hidden', 'class', 'style'] });
  box.addEventListener('scroll', soon, { passive: true });
  check();
  return {
    destroy() {
      cancelAnimationFrame(frame);
      size.disconnect();
      content.disconnect();
      box.removeEventListener('scroll', soon);
      box.removeAttribute('data-more');
    },
  };
}
