import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareStory, type BuiltPlace, type PreparedStory } from '../../src/data/prepare.ts';
import type { BuiltStory, Theme } from '../../src/data/schema.ts';
import { eventFraming, type Framing } from '../../src/export/framing.ts';
import { SUBJECT_FRAMED_NOTE, SUBJECT_MIN_PX, boxPx, framingZoom, keepSubjectVisible, subjectBox, withSubjectNote } from '../../src/export/subject-size.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const readJson = <T>(file: string): T => JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as T;

/** Returns the built story prepared as the app prepares it (run `npm run data` first). */
function createPrep(): PreparedStory {
  return prepareStory(readJson<BuiltStory>('public/data/story.json'), readJson<Theme>('public/data/theme.json'), readJson<{ features: BuiltPlace[] }>('public/data/places.json').features);
}

/** Caption bands of a typical export at each preset size (CSS px). */
const FRAMES = [
  { frame: { width: 1200, height: 675 }, bands: { top: 80, bottom: 130 } },
  { frame: { width: 1080, height: 1350 }, bands: { top: 110, bottom: 200 } },
];

/** Returns the subject's size (px) in a framing, or null for an event of points only. */
function subjectSize(prep: PreparedStory, i: number, framing: Framing, frame: { width: number; height: number }, bands: { top: number; bottom: number }): number | null {
  const box = subjectBox(prep, i);
  return box && boxPx(box, framingZoom(prep, framing, frame, bands));
}

describe('the subject of every export frame is visible', () => {
  const prep = createPrep();
  const moments = prep.events.map((e, i) => ({ id: e.id, i, t: e.t0 }));

  it.each(FRAMES)('at $frame.width × $frame.height, every event\'s areas are at least 24 px across in the frame chosen for the whole-story view (follow=0)', ({ frame, bands }) => {
    const small: string[] = [];
    let moved = 0;
    for (const m of moments) {
      const { framing, note } = keepSubjectVisible(prep, { kind: 'story' }, m.t, frame, bands);
      if (note) moved++;
      const px = subjectSize(prep, m.i, framing, frame, bands);
      if (px !== null && px < SUBJECT_MIN_PX) small.push(`${m.id}: ${px.toFixed(1)} px`);
    }
    expect(small).toEqual([]);
    // each frame moved is one whose areas were under the threshold in the whole-story view
    expect(moved).toBe(moments.filter((m) => (subjectSize(prep, m.i, { kind: 'story' }, frame, bands) ?? Infinity) < SUBJECT_MIN_PX).length);
  });

  it('fails without the guard: in the whole-story frame some event areas are under 24 px', () => {
    const { frame, bands } = FRAMES[0];
    const small = moments.filter((m) => {
      const px = subjectSize(prep, m.i, { kind: 'story' }, frame, bands);
      return px !== null && px < SUBJECT_MIN_PX;
    });
    expect(small.length).toBeGreaterThan(0);
  });

  it('leaves an event frame, and a big-enough view, as they are, with no note', () => {
    const { frame, bands } = FRAMES[0];
    const i = prep.events.findIndex((e) => e.id === 'sumy-troop-build-up');
    const t = prep.events[i].t0;
    const ev = eventFraming(prep, t);
    expect(keepSubjectVisible(prep, ev, t, frame, bands)).toEqual({ framing: ev, note: null });
    const close: Framing = { kind: 'camera', center: [35, 51], zoom: 7 };
    expect(keepSubjectVisible(prep, close, t, frame, bands)).toEqual({ framing: close, note: null });
    const far: Framing = { kind: 'camera', center: [35, 51], zoom: 1 };
    expect(keepSubjectVisible(prep, far, t, frame, bands)).toEqual({ framing: ev, note: SUBJECT_FRAMED_NOTE });
  });

  it('says so in the caption\'s event line', () => {
    const c = { title: 'T', moment: 'M', event: 'E', legend: [], sources: [], elsewhere: [], graphicCredit: null, dataCredit: 'C' };
    expect(withSubjectNote(c, SUBJECT_FRAMED_NOTE).event).toBe(`E (${SUBJECT_FRAMED_NOTE})`);
    expect(withSubjectNote(c, null)).toBe(c);
  });
});
