// Synthetic stories for scale tests and the bench: N× the real story's events and places, still valid
// against the schema (ids kebab-case and unique, events in strictly increasing time, every reference
// resolved), with the copies' times spread over the story's range. Deterministic: the same input, scale
// and seed give the same output. Works on the source files (data/story.json, data/places.geojson) and on
// the built ones (public/data/story.json, places.json) alike: it only reads ids, times and references.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { MANIFEST_FILE, fingerprint } from '../../src/data/data-files.ts';

/** The part of an event the generator reads and rewrites. */
export interface EventLike {
  id: string;
  start: string;
  end?: string;
  title: string;
  places: string[];
  statuses?: { place: string }[];
  callout?: { place?: string } | { place?: string }[];
  /** A close view's cap: the data build checks that the basemap has detail where it frames. */
  camera?: unknown;
}

/** The part of a story the generator reads and rewrites. */
export interface StoryLike<E extends EventLike = EventLike> {
  start: string;
  end: string;
  events: E[];
}

/** The part of a place feature the generator reads and rewrites. */
export interface PlaceLike {
  geometry: { type: string; coordinates: unknown } | null;
  properties: { id: string; name: string; region?: string; anchor?: [number, number] };
}

const MINUTE = 60_000;

/** Returns a seeded pseudo-random generator of numbers in [0, 1) (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Returns an instant as the data files write it, to the minute: "2025-06-02T12:00Z". */
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 16) + 'Z';

/** Returns the id of copy `k` (k ≥ 1) of an event or place: "first-place-x3". */
export const copyId = (id: string, k: number) => `${id}-x${k}`;

/**
 * Returns the story and places at `scale` times their size: the originals unchanged, plus copies
 * 1 … scale−1 of every event and place. A copy event names the copies of its places and starts at a
 * free minute drawn over the story's range (keeping its duration, cut at the story's end); a copy point
 * without an admin region is moved by up to ±`jitterDeg` so the marks do not stack (one inside a region
 * stays, so the data build's "point inside its region" check still holds, and so does one an event
 * with a `camera` frames closely, whose frame the build checks against the basemap's detail there).
 * A copy area with geometry (a built story's; a source area is derived by the data build and has none)
 * is shrunk by 1/√scale and moved inside the original's bounding box (`shrinkWithin`): same shape and
 * vertex count on distinct ground, so the copies of a region cover about its area between them instead
 * of stacking N fills on one outline. Events come out sorted.
 * Throws when the story's range has fewer free minutes than events.
 */
export function synthesizeStory<S extends StoryLike, F extends PlaceLike>(story: S, places: F[], scale: number, { seed = 17, jitterDeg = 0.6 } = {}): { story: S; places: F[] } {
  if (!Number.isInteger(scale) || scale < 1) throw new Error(`scale must be a whole number ≥ 1 (got ${scale})`);
  const rand = seededRandom(seed);
  const t0 = Date.parse(story.start);
  const slots = Math.floor((Date.parse(story.end) - t0) / MINUTE);
  const used = new Set(story.events.map((e) => Math.round((Date.parse(e.start) - t0) / MINUTE)));
  if (slots - used.size < story.events.length * (scale - 1)) throw new Error(`scale ${scale}: the story's range has ${slots} minutes, too few for ${story.events.length * scale} events`);
  const events: S['events'] = [...story.events];
  const outPlaces: F[] = [...places];
  const framedClose = new Set(story.events.filter((e) => e.camera).flatMap((e) => e.places));
  // its own generator, so the copy points and times are the same whether or not the areas have geometry
  const areaRand = seededRandom(seed + 1);
  const areaShrink = 1 / Math.sqrt(scale);
  for (let k = 1; k < scale; k++) {
    for (const p of places) {
      const props = { ...p.properties, id: copyId(p.properties.id, k), name: `${p.properties.name} #${k + 1}` };
      let geometry = p.geometry;
      if (geometry?.type === 'Point' && !p.properties.region && !framedClose.has(p.properties.id)) {
        const [x, y] = geometry.coordinates as [number, number];
        const moved: [number, number] = [round4(x + (rand() * 2 - 1) * jitterDeg), round4(y + (rand() * 2 - 1) * jitterDeg)];
        geometry = { ...geometry, coordinates: moved };
        if (props.anchor) props.anchor = moved;
      } else if (geometry && geometry.type !== 'Point') {
        const to = shrinkWithin(geometry.coordinates, areaShrink, areaRand);
        geometry = { ...geometry, coordinates: mapPositions(geometry.coordinates, to) };
        if (props.anchor) props.anchor = to(props.anchor);
      }
      outPlaces.push({ ...p, geometry, properties: props });
    }
    for (const e of story.events) {
      let slot = Math.floor(rand() * slots);
      while (used.has(slot)) slot = (slot + 1) % slots;
      used.add(slot);
      const start = t0 + slot * MINUTE;
      const copy: EventLike = {
        ...e,
        id: copyId(e.id, k),
        start: iso(start),
        title: `${e.title} #${k + 1}`,
        places: e.places.map((id) => copyId(id, k)),
      };
      if (e.end) copy.end = iso(Math.min(start + (Date.parse(e.end) - Date.parse(e.start)), Date.parse(story.end)));
      if (e.statuses) copy.statuses = e.statuses.map((s) => ({ ...s, place: copyId(s.place, k) }));
      const moveCallout = (c: { place?: string }) => (c.place ? { ...c, place: copyId(c.place, k) } : c);
      if (e.callout) copy.callout = Array.isArray(e.callout) ? e.callout.map(moveCallout) : moveCallout(e.callout);
      events.push(copy as S['events'][number]);
    }
  }
  events.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  return { story: { ...story, events }, places: outPlaces };
}

const round4 = (v: number) => Math.round(v * 1e4) / 1e4;

/** Returns GeoJSON coordinates (any nesting) with every position passed through `f`. */
function mapPositions(coords: unknown, f: (p: [number, number]) => [number, number]): unknown {
  const c = coords as unknown[];
  return typeof c[0] === 'number' ? f(c as [number, number]) : c.map((x) => mapPositions(x, f));
}

/**
 * Returns a map of positions that shrinks an area (its GeoJSON coordinates) by `k` about the centre of
 * its bounding box and moves it to a random spot inside that box: a copy of the same shape and vertex
 * count, covering k² of the ground, where the original's region is. (A copy on the original's own
 * outline would stack N fills on one spot: N× the overdraw a real N× story has.)
 */
export function shrinkWithin(coords: unknown, k: number, rand: () => number): (p: [number, number]) => [number, number] {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  mapPositions(coords, ([x, y]) => {
    [w, s, e, n] = [Math.min(w, x), Math.min(s, y), Math.max(e, x), Math.max(n, y)];
    return [x, y];
  });
  const [cx, cy] = [(w + e) / 2, (s + n) / 2];
  const [tx, ty] = [cx + ((rand() * 2 - 1) * ((e - w) * (1 - k))) / 2, cy + ((rand() * 2 - 1) * ((n - s) * (1 - k))) / 2];
  return ([x, y]) => [round4(tx + (x - cx) * k), round4(ty + (y - cy) * k)];
}

/**
 * Writes a copy of a built app (`dist`) into `out` whose story and places are `scale`× the built ones,
 * with a manifest that fingerprints them (so the app uses them without re-validating, as it would a
 * data build's output). With `compress`, also their .gz (level 9) and .br (quality 9) copies, which
 * the server sends as it does the build's. Returns the bytes of the two data files written and the
 * counts of events and places in them.
 */
export function writeScaledApp(dist: string, out: string, scale: number, { compress = false } = {}): { storyBytes: number; placesBytes: number; events: number; places: number } {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  cpSync(dist, out, { recursive: true, filter: (src) => !/\.(br|gz)$/.test(src) || !/[/\\]data[/\\](story|places|manifest)\.json/.test(src) });
  const data = join(out, 'data');
  const story = JSON.parse(readFileSync(join(dist, 'data', 'story.json'), 'utf8'));
  const places = JSON.parse(readFileSync(join(dist, 'data', 'places.json'), 'utf8'));
  const scaled = synthesizeStory(story, places.features, scale);
  const texts: Record<string, string> = { 'story.json': JSON.stringify(scaled.story), 'places.json': JSON.stringify({ ...places, features: scaled.places }) };
  const manifest = JSON.parse(readFileSync(join(dist, 'data', MANIFEST_FILE), 'utf8')) as { fingerprints: Record<string, string> };
  for (const [name, text] of Object.entries(texts)) {
    writeFileSync(join(data, name), text);
    if (compress) {
      writeFileSync(join(data, `${name}.gz`), gzipSync(text, { level: 9 }));
      writeFileSync(join(data, `${name}.br`), brotliCompressSync(text, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 9 } }));
    }
    manifest.fingerprints[name] = fingerprint(text);
  }
  writeFileSync(join(data, MANIFEST_FILE), JSON.stringify(manifest));
  return { storyBytes: Buffer.byteLength(texts['story.json']), placesBytes: Buffer.byteLength(texts['places.json']), events: scaled.story.events.length, places: scaled.places.length };
}

/** Writes a data directory (story.json, places.geojson, theme.json, basemap.json) `scale`× the source one in `dataDir`, for the data build. */
export function writeScaledData(dataDir: string, out: string, scale: number): void {
  mkdirSync(out, { recursive: true });
  const story = JSON.parse(readFileSync(join(dataDir, 'story.json'), 'utf8'));
  const places = JSON.parse(readFileSync(join(dataDir, 'places.geojson'), 'utf8'));
  const scaled = synthesizeStory(story, places.features, scale);
  writeFileSync(join(out, 'story.json'), JSON.stringify(scaled.story));
  writeFileSync(join(out, 'places.geojson'), JSON.stringify({ ...places, features: scaled.places }));
  for (const f of ['theme.json', 'basemap.json']) cpSync(join(dataDir, f), join(out, f));
}
