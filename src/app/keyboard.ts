import type { AppActions } from '../state/actions.ts';
import { listen } from '../ui/dom.ts';

/**
 * Binds the explorer's keys anywhere outside a form control, a dialog or the map: ←/→ previous/next
 * event, Shift+←/→ one hour, Space play/pause (not on a button, which Space presses), Home/End the
 * story's start and end. Returns the function that unbinds them.
 */
export function bindKeys(actions: AppActions, story: { start: number; end: number }): () => void {
  return listen(document, 'keydown', (e) => {
    const target = e.target as HTMLElement;
    if (target.closest('input, select, textarea, dialog, .maplibregl-canvas-container') || e.altKey || e.ctrlKey || e.metaKey) return;
    const arrow = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (arrow && !e.shiftKey) actions.stepEvent(arrow);
    else if (arrow) actions.stepHours(arrow);
    else if (e.key === ' ' && !target.closest('button')) actions.togglePlay();
    else if (e.key === 'Home') actions.seek(story.start, { history: 'push' });
    else if (e.key === 'End') actions.seek(story.end, { history: 'push' });
    else return;
    e.preventDefault();
  });
}
