import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyId, seededRandom, synthesizeStory } from '../../scripts/lib/synthetic-story.ts';
import { BuiltPlaces } from '../../src/data/built-schema.ts';
import { referenceProblems } from '../../src/data/references.ts';
import { BuiltStory, Places, Story, Theme } from '../../src/data/schema.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const readJson = (file: string) => JSON.parse(readFileSync(join(ROOT, file), 'utf8'));
const story = Story.parse(readJson('data/story.json'));
const places = Places.parse(readJson('data/places.geojson'));
const theme = Theme.parse(readJson('data/theme.json'));

describe('synthesizeStory', () => {
  it('at 10× has ten times the events and places, and is valid against the schema with every reference resolved', () => {
    const s = synthesizeStory(story, places.features, 10);
    expect(s.story.events.length).toBe(story.events.length * 10);
    expect(s.places.length).toBe(places.features.length * 10);
    const st = Story.safeParse(s.story);
    expect(st.success, st.success ? '' : st.error.message.slice(0, 500)).toBe(true);
    const pl = Places.safeParse({ ...places, features: s.places });
    expect(pl.success, pl.success ? '' : pl.error.message.slice(0, 500)).toBe(true);
    expect(referenceProblems(st.data!, s.places, theme, { story: 'story', places: 'places', theme: 'theme' })).toEqual([]);
  });

  it('keeps the originals, spreads the copies over the story range and names their copies of the places', () => {
    const s = synthesizeStory(story, places.features, 5);
    for (const e of story.events) expect(s.story.events.find((x) => x.id === e.id)).toEqual(e);
    const copy = s.story.events.find((e) => e.id === copyId('operation-spiderweb', 3))!;
    expect(copy.places).toEqual(story.events.find((e) => e.id === 'operation-spiderweb')!.places.map((p) => copyId(p, 3)));
    expect(copy.statuses!.every((x) => copy.places.includes(x.place))).toBe(true);
    const hours = s.story.events.map((e) => (Date.parse(e.start) - Date.parse(story.start)) / 3_600_000);
    const span = (Date.parse(story.end) - Date.parse(story.start)) / 3_600_000;
    // spread: every quarter of the range holds events
    for (let q = 0; q < 4; q++) expect(hours.filter((h) => h >= (q * span) / 4 && h < ((q + 1) * span) / 4).length).toBeGreaterThan(story.events.length / 2);
  });

  it('is deterministic, and another seed gives other times', () => {
    const a = synthesizeStory(story, places.features, 3);
    const b = synthesizeStory(story, places.features, 3);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const c = synthesizeStory(story, places.features, 3, { seed: 99 });
    expect(JSON.stringify(c.story.events.map((e) => e.start))).not.toBe(JSON.stringify(a.story.events.map((e) => e.start)));
  });

  it('moves copy points without an admin region or a close camera and leaves the others where they are', () => {
    const s = synthesizeStory(story, places.features, 2);
    const at = (id: string) => JSON.stringify(s.places.find((p) => p.properties.id === id)!.geometry);
    expect(at(copyId('vilnius', 1))).not.toBe(at('vilnius'));
    expect(at(copyId('moscow', 1))).toBe(at('moscow'));
    // an event with a close camera frames it: its copies stay where the basemap has the detail for that frame
    expect(story.events.some((e: { camera?: unknown; places: string[] }) => e.camera && e.places.includes('dolmabahce-palace'))).toBe(true);
    expect(at(copyId('dolmabahce-palace', 1))).toBe(at('dolmabahce-palace'));
  });

  it('works on the built files too (100×: 2,400 events, valid against the built schemas)', () => {
    const built = readJson('public/data/story.json');
    const bp = readJson('public/data/places.json');
    const s = synthesizeStory(built, bp.features, 100);
    expect(s.story.events.length).toBe(built.events.length * 100);
    expect(BuiltStory.safeParse(s.story).success).toBe(true);
    expect(BuiltPlaces.safeParse({ ...bp, features: s.places }).success).toBe(true);
  });

  it('shrinks each copy of a built area by 1/√scale onto its own ground inside the original, with the same vertices', () => {
    const bp = readJson('public/data/places.json');
    const s = synthesizeStory(readJson('public/data/story.json'), bp.features, 100);
    const flat = (c: unknown): [number, number][] => (typeof (c as unknown[])[0] === 'number' ? [c as [number, number]] : (c as unknown[]).flatMap(flat));
    const bbox = (ps: [number, number][]) => [Math.min(...ps.map((p) => p[0])), Math.min(...ps.map((p) => p[1])), Math.max(...ps.map((p) => p[0])), Math.max(...ps.map((p) => p[1]))];
    const area = bp.features.find((f: { properties: { id: string } }) => f.properties.id === 'claimed-donetsk');
    const o = flat(area.geometry.coordinates);
    const [w, so, e, n] = bbox(o);
    const copies = [1, 2, 50, 99].map((k) => s.places.find((p) => p.properties.id === copyId('claimed-donetsk', k))!);
    const boxes = copies.map((c) => bbox(flat(c.geometry!.coordinates)));
    for (const [i, c] of copies.entries()) {
      expect(flat(c.geometry!.coordinates).length).toBe(o.length);
      const [cw, cs, ce, cn] = boxes[i];
      expect(ce - cw).toBeCloseTo((e - w) / 10, 2);
      expect(cn - cs).toBeCloseTo((n - so) / 10, 2);
      expect(cw >= w - 1e-3 && ce <= e + 1e-3 && cs >= so - 1e-3 && cn <= n + 1e-3).toBe(true);
      const [ax, ay] = c.properties.anchor!;
      expect(ax >= cw && ax <= ce && ay >= cs && ay <= cn).toBe(true);
    }
    // on distinct ground, not stacked on one outline
    expect(new Set(boxes.map((b) => b.join())).size).toBe(boxes.length);
  });

  it('refuses a scale that is not a whole number ≥ 1', () => {
    expect(() => synthesizeStory(story, places.features, 0)).toThrow(/scale/);
    expect(() => synthesizeStory(story, places.features, 1.5)).toThrow(/scale/);
  });
});

describe('seededRandom', () => {
  it('gives the same numbers in [0, 1) for the same seed', () => {
    const a = seededRandom(5);
    const b = seededRandom(5);
    const xs = Array.from({ length: 100 }, () => a());
    expect(xs).toEqual(Array.from({ length: 100 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});
