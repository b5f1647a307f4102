import type { MethodsFile } from '../data/schema.ts';
import { el } from './dom.ts';
import { formatDay } from './sources.ts';

/** Returns the "How this map was made" panel: the methods note, then the corrections log, newest date first (in log order within a date). */
export function createMethodsPanel({ methods, corrections }: MethodsFile): HTMLElement {
  const log = [...corrections].sort((a, b) => b.date.localeCompare(a.date));
  return el(
    'section',
    { class: 'methods-panel', 'aria-labelledby': 'methods-title' },
    el('h2', { id: 'methods-title' }, methods.title),
    ...methods.sections.flatMap((s) => [el('h3', {}, s.heading), el('p', {}, s.text)]),
    el('h3', { id: 'corrections-title' }, 'Corrections'),
    log.length
      ? el(
          'ul',
          { class: 'corrections', 'aria-labelledby': 'corrections-title' },
          ...log.map((c) => el('li', {}, el('time', { datetime: c.date }, formatDay(c.date)), ' ', c.what, ' ', el('span', { class: 'why' }, `Why: ${c.why}`))),
        )
      : el('p', {}, 'None.'),
  );
}
