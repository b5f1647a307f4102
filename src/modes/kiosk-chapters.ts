import { currentEventIndex, type PreparedStory } from '../data/prepare.ts';
import type { Store } from '../state/store.ts';
import { el } from '../ui/dom.ts';

/**
 * The kiosk's chapter progress: the story's events grouped into a few chapters a passer-by reads at
 * a glance ("Before", "1 June", "2 June", "After"), built from the data: the story's main focus band
 * (the hours the timeline opens up, `story.focus`, the one with the largest share) splits the events
 * into those before it, those in it (one chapter per day in the story's display zone) and those after
 * it. A story without focus bands gets one chapter per day, merged into at most `MAX_CHAPTERS` runs.
 */

export interface Chapter {
  /** What the chapter is called: "Before", "1 June", "After", or a run of days ("16–22 May"). */
  label: string;
  /** The days it covers in the display zone, e.g. "16–29 May" (empty when the label already is the day). */
  span: string;
  /** Index of its first and last event. */
  first: number;
  last: number;
}

export const MAX_CHAPTERS = 6;
const DAY = 86_400_000;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Returns the day number (days since the epoch) of `t` in a zone `offsetMinutes` from UTC. */
const dayOf = (t: number, offsetMinutes: number) => Math.floor((t + offsetMinutes * 60_000) / DAY);
const dayText = (day: number) => {
  const d = new Date(day * DAY);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
};

/** Returns "16–29 May", "30 May – 2 June" or "1 June" for a run of days. */
export function daySpan(a: number, b: number): string {
  if (a === b) return dayText(a);
  const da = new Date(a * DAY);
  const db = new Date(b * DAY);
  return da.getUTCMonth() === db.getUTCMonth() ? `${da.getUTCDate()}–${dayText(b)}` : `${dayText(a)} – ${dayText(b)}`;
}

export interface ChapterInput {
  /** Each event's start (epoch ms), in story order. */
  starts: number[];
  /** The story's focus bands (epoch ms) with their share of the timeline. */
  focus: { start: number; end: number; share: number }[];
  /** The display zone's offset from UTC (minutes). */
  offsetMinutes: number;
}

/** Groups events by day in the zone: [first index, last index, day] runs. */
function byDay(starts: number[], from: number, to: number, offset: number): [number, number, number][] {
  const runs: [number, number, number][] = [];
  for (let i = from; i <= to; i++) {
    const d = dayOf(starts[i], offset);
    const r = runs[runs.length - 1];
    if (r && r[2] === d) r[1] = i;
    else runs.push([i, i, d]);
  }
  return runs;
}

/** Returns the story's chapters (see the module's note); every event is in exactly one, in order. */
export function storyChapters({ starts, focus, offsetMinutes }: ChapterInput): Chapter[] {
  const n = starts.length;
  if (!n) return [];
  const dayChapter = ([first, last, day]: [number, number, number]): Chapter => ({ label: dayText(day), span: '', first, last });
  const band = [...focus].sort((a, b) => b.share - a.share)[0];
  if (band) {
    const inBand = starts.map((t, i) => (t >= band.start && t < band.end ? i : -1)).filter((i) => i >= 0);
    if (inBand.length) {
      const a = inBand[0];
      const b = inBand[inBand.length - 1];
      const chapters: Chapter[] = [];
      const edge = (label: string, first: number, last: number) =>
        chapters.push({ label, span: daySpan(dayOf(starts[first], offsetMinutes), dayOf(starts[last], offsetMinutes)), first, last });
      if (a > 0) edge('Before', 0, a - 1);
      const days = byDay(starts, a, b, offsetMinutes);
      if (days.length <= MAX_CHAPTERS - 2) chapters.push(...days.map(dayChapter));
      else edge(daySpan(days[0][2], days[days.length - 1][2]), a, b);
      if (b < n - 1) edge('After', b + 1, n - 1);
      return chapters;
    }
  }
  const days = byDay(starts, 0, n - 1, offsetMinutes);
  if (days.length <= MAX_CHAPTERS) return days.map(dayChapter);
  // Too many days: merge them into MAX_CHAPTERS runs of about as many events each.
  const per = n / MAX_CHAPTERS;
  const runs: [number, number, number, number][] = [];
  for (const [first, last, day] of days) {
    const r = runs[runs.length - 1];
    if (r && (runs.length >= MAX_CHAPTERS || last + 1 <= Math.round(per * runs.length))) {
      r[1] = last;
      r[3] = day;
    } else runs.push([first, last, day, day]);
  }
  return runs.map(([first, last, d0, d1]) => ({ label: daySpan(d0, d1), span: '', first, last }));
}

/** Returns the days the story's events span in its display zone, with the year: "16 May – 11 June 2025". */
export function storySpan(starts: number[], offsetMinutes: number): string {
  if (!starts.length) return '';
  const a = dayOf(Math.min(...starts), offsetMinutes);
  const b = dayOf(Math.max(...starts), offsetMinutes);
  const ya = new Date(a * DAY).getUTCFullYear();
  const yb = new Date(b * DAY).getUTCFullYear();
  return ya === yb ? `${daySpan(a, b)} ${yb}` : `${dayText(a)} ${ya} – ${dayText(b)} ${yb}`;
}

/** Returns the chapters of a prepared story. */
export function chaptersOf(prep: PreparedStory): Chapter[] {
  return storyChapters({
    starts: prep.events.map((e) => e.t0),
    focus: prep.story.focus.map((f) => ({ start: Date.parse(f.start), end: Date.parse(f.end), share: f.share })),
    offsetMinutes: prep.story.displayZone.offsetMinutes,
  });
}

/** Returns the index of the chapter holding event `i` (-1 before the first event). */
export function chapterOf(chapters: Chapter[], i: number): number {
  return i < 0 ? -1 : chapters.findIndex((c) => i >= c.first && i <= c.last);
}

/**
 * Returns the chapter bar: one segment per chapter, as wide as its share of the events, the current
 * one marked and filled as far as the tour has come through it. `onPick` (a visitor's tap on a
 * chapter) is given the chapter's first event.
 */
export function createChapterBar(prep: PreparedStory, store: Store, onPick: (eventIndex: number) => void) {
  const chapters = chaptersOf(prep);
  const n = prep.events.length;
  const parts = chapters.map((c, k) => {
    const fill = el('span', { class: 'kiosk-chapter-fill', 'aria-hidden': 'true' });
    const button = el(
      'button',
      // the name is the visible text plus a hidden count, so speech and sight agree (WCAG 2.5.3)
      { type: 'button', class: 'kiosk-chapter', 'data-chapter': k, style: `flex-grow:${c.last - c.first + 1}` },
      el('span', { class: 'kiosk-chapter-label' }, c.label),
      c.span ? el('span', { class: 'kiosk-chapter-span' }, el('span', { class: 'sr-only' }, ', '), c.span) : null,
      el('span', { class: 'sr-only' }, `: events ${c.first + 1} to ${c.last + 1}`),
      el('span', { class: 'kiosk-chapter-track', 'aria-hidden': 'true' }, fill),
    );
    button.addEventListener('click', () => onPick(c.first));
    return { button, fill };
  });
  const root = el('nav', { class: 'kiosk-chapters', 'aria-label': 'Chapters of the story' }, ...parts.map((p) => p.button));
  let shown = -2;
  /** The attract frame's overview: the whole story's chapters, none current or filled. */
  let overview = false;
  const render = (t: number) => {
    const i = overview ? -1 : currentEventIndex(prep.events, t);
    if (i === shown) return;
    shown = i;
    const at = chapterOf(chapters, i);
    parts.forEach((p, k) => {
      const c = chapters[k];
      const done = at < 0 ? 0 : k < at ? 1 : k > at ? 0 : (i - c.first + 1) / (c.last - c.first + 1);
      p.fill.style.width = `${Math.round(done * 1000) / 10}%`;
      p.button.classList.toggle('current', k === at);
      if (k === at) p.button.setAttribute('aria-current', 'step');
      else p.button.removeAttribute('aria-current');
    });
  };
  const off = store.subscribe((s) => s.t, render, { fireImmediately: true });
  return {
    root,
    chapters,
    count: n,
    /** Shows the chapters as an overview (none current, none filled) or as the tour's progress. */
    setOverview(on: boolean) {
      overview = on;
      render(store.getState().t);
    },
    destroy: () => (off(), root.remove()),
  };
}
