import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { area } from '@turf/area';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { distance } from '@turf/distance';
import type { Feature, FeatureCollection, MultiLineString, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { buildData } from '../../scripts/build-data.ts';
import { DataError } from '../../scripts/data/derive.ts';
import { doubledBorderProblems, doubledStretches } from '../../scripts/data/doubled-borders.ts';
import { recognisedCountries } from '../../scripts/data/basemap.ts';
import { topology } from 'topojson-server';
import type { BuiltPlace } from '../../src/data/prepare.ts';
import { type Places, type Story, Theme } from '../../src/data/schema.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const DATA = join(ROOT, 'data');
const DATA_FILES = ['story.json', 'places.geojson', 'theme.json', 'basemap.json'] as const;

type Area = Feature<Polygon | MultiPolygon, { id: string; name: string }>;

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

/** Returns the objects of a built basemap as GeoJSON features. */
function featuresOf(topo: Topology, key: 'countries' | 'regions'): Area[] {
  return (feature(topo, topo.objects[key] as GeometryCollection) as FeatureCollection<Polygon | MultiPolygon, Area['properties']>).features;
}

/** Returns every ring of an area. */
function ringsOf(a: Feature<Polygon | MultiPolygon>): Position[][] {
  return a.geometry.type === 'Polygon' ? a.geometry.coordinates : a.geometry.coordinates.flat();
}

/** The 1:10m boxes' detail files, in data/basemap.json's order. */
const FINE_FILES = ['detail-fine-ukraine.json', 'detail-fine-kola.json', 'detail-fine-irkutsk.json', 'detail-fine-amur.json'];

describe('buildData on the real data', () => {
  let outDir = '';
  let topo: Topology;
  let full: Topology;
  let countries: Area[];
  let fullCountries: Area[];
  let regions: Area[];
  let places: BuiltPlace[];
  let sizes: ReturnType<typeof buildData>;

  const country = (id: string) => countries.find((c) => c.properties.id === id)!;
  const place = (id: string) => places.find((p) => p.properties.id === id)!;

  beforeAll(() => {
    outDir = mkdtempSync(join(tmpdir(), 'build-data-out-'));
    sizes = buildData({ dataDir: DATA, outDir, onBasemap: (b) => (full = b.full as unknown as Topology) });
    topo = readJson<Topology>(join(outDir, 'basemap.topo.json'));
    countries = featuresOf(topo, 'countries');
    fullCountries = featuresOf(full, 'countries');
    regions = featuresOf(full, 'regions');
    places = readJson<FeatureCollection>(join(outDir, 'places.json')).features as BuiltPlace[];
  });

  afterAll(() => {
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('writes the app data files and reports their sizes', () => {
    expect(sizes.map((s) => s.file.split('/').at(-1))).toEqual([
      'basemap.topo.json',
      'detail.json',
      'places.json',
      'story.json',
      'theme.json',
      'methods.json',
      ...FINE_FILES,
      'detail-bosphorus.json',
      'detail-rivers.json',
    ]);
    for (const s of sizes) {
      expect(s.bytes).toBeGreaterThan(0);
      expect(s.gzip).toBeGreaterThan(0);
      expect(s.gzip).toBeLessThan(s.bytes);
    }
  });

  it('indexes the detail files in detail.json and puts GSHHG land inside the Bosphorus box, and the box itself', () => {
    const index = readJson(join(outDir, 'detail.json')) as { features: { properties: { id: string; file: string; minZoom: number; maxZoom: number } }[] };
    expect(index.features.map((f) => f.properties.file)).toEqual([...FINE_FILES, 'detail-bosphorus.json', 'detail-rivers.json']);
    const detail = readJson(join(outDir, 'detail-bosphorus.json')) as { features: { properties: { id: string; kind: string }; geometry: { coordinates: number[][][][] } }[] };
    const box = detail.features.find((f) => f.properties.kind === 'box');
    const land = detail.features.filter((f) => f.properties.kind === 'land');
    expect(box?.properties.id).toBe('bosphorus');
    expect(land.length).toBeGreaterThan(0);
    const points = land.flatMap((f) => f.geometry.coordinates.flat(2));
    expect(points.length).toBeGreaterThan(100);
    // the traced shore may reach half a mask cell (1″, 0.0003°) past the box
    for (const [lon, lat] of points) {
      expect(lon).toBeGreaterThanOrEqual(28.2 - 3e-4);
      expect(lon).toBeLessThanOrEqual(29.7 + 3e-4);
      expect(lat).toBeGreaterThanOrEqual(40.75 - 3e-4);
      expect(lat).toBeLessThanOrEqual(41.45 + 3e-4);
    }
  });

  it('keeps the 1:10m detail out of the first load: each box in its own file, with its water, land, borders and region lines', () => {
    const gzip = (f: string) => sizes.find((s) => s.file.endsWith(`/${f}`))!.gzip;
    // 420 kB gzip when the 1:10m boxes were in the first load
    expect(gzip('basemap.topo.json')).toBeLessThan(260_000);
    const ukraine = readJson(join(outDir, 'detail-fine-ukraine.json')) as FeatureCollection;
    expect(ukraine.features.map((f) => (f.properties as { kind: string }).kind)).toEqual(['box', 'land', 'region-line', 'border']);
    // the Sumy–Kursk border: more points at full detail than in the first load
    const near = (coords: number[][]) => coords.filter(([x, y]) => x > 34 && x < 36 && y > 50.8 && y < 51.6).length;
    const firstBorders = mesh(topo, topo.objects.countries as GeometryCollection, (a, b) => a !== b).coordinates.flat();
    const fineBorders = (ukraine.features[3].geometry as MultiLineString).coordinates.flat();
    expect(near(fineBorders)).toBeGreaterThan(1.5 * near(firstBorders));
  });

  it('names the towns the story names, capitals and big towns, from GeoNames', () => {
    const towns = (feature(topo, topo.objects.towns as GeometryCollection) as FeatureCollection<Point, { name: string; minZoom: number }>).features;
    const names = towns.map((t) => t.properties.name);
    for (const n of ['Kursk', 'Belgorod', 'Kharkiv', 'Olenegorsk', 'Murmansk', 'Irkutsk', 'Ryazan', 'Ivanovo', 'Belogorsk', 'Istanbul', 'Minsk', 'Warsaw']) expect(names, n).toContain(n);
    for (const n of ['Kyiv', 'Moscow', 'Vilnius', 'Sumy']) expect(names, `${n} is named where the story does not mark it`).toContain(n);
    const belogorsk = towns.find((t) => t.properties.name === 'Belogorsk')!;
    expect(belogorsk.geometry.coordinates[0]).toBeCloseTo(128.48, 1);
    const water = (feature(topo, topo.objects.water as GeometryCollection) as FeatureCollection<Point, { name: string }>).features.map((w) => w.properties.name);
    for (const n of ['Black Sea', 'Barents Sea', 'Bosphorus', 'Dnipro', 'Lake Baikal']) expect(water).toContain(n);
  });

  it('draws the big lakes (GSHHG) with their names on water, and not the Kakhovka reservoir (drained since June 2023)', () => {
    const lakes = (feature(topo, topo.objects.lakes as never) as unknown as Feature<MultiPolygon>).geometry;
    const lake = { type: 'Feature' as const, properties: {}, geometry: lakes };
    for (const [name, at] of [
      ['Baikal', [108.0, 53.5]],
      ['Ladoga', [31.4, 60.9]],
      ['Onega', [35.3, 61.7]],
      ['Kremenchuk reservoir', [32.5, 49.3]],
    ] as const)
      expect(booleanPointInPolygon([...at], lake), name).toBe(true);
    expect(booleanPointInPolygon([33.9, 47.2], lake), 'Kakhovka').toBe(false);
    const water = (feature(topo, topo.objects.water as GeometryCollection) as FeatureCollection<Point, { name: string; kind: string }>).features;
    // lake names, and the Dnipro's, sit on a lake (the Dnipro's on the Kremenchuk reservoir)
    for (const w of water.filter((x) => x.properties.kind === 'lake' || x.properties.name === 'Dnipro')) expect(booleanPointInPolygon(w.geometry.coordinates, lake), w.properties.name).toBe(true);
  });

  it('draws each stretch of border once: no place outline runs beside a basemap boundary at zooms 5 to 7, and the first load hands over to the 1:10m detail on the same line', () => {
    const country = (g: unknown) => (g as { properties?: { country?: string } }).properties?.country;
    const borders = mesh(full, full.objects.countries as GeometryCollection, (a, b) => a !== b);
    const regionLines = mesh(full, full.objects.regions as GeometryCollection, (a, b) => a !== b && country(a) === country(b));
    expect(doubledBorderProblems([borders, regionLines], places, [5, 6, 6.5, 7])).toEqual([]);
    const firstBorders = mesh(topo, topo.objects.countries as GeometryCollection, (a, b) => a !== b);
    expect(doubledStretches(borders.coordinates, firstBorders.coordinates, 4.5)).toEqual([]);
    // …a check that fails on the 1:50m borders, which wander about the 1:10m ones around Sumy
    const coarse = topology({ countries: recognisedCountries('50m', { UKR: '804', RUS: '643' }, []) }, 1e5) as unknown as Topology;
    const coarseBorders = mesh(coarse, coarse.objects.countries as GeometryCollection, (a, b) => a !== b);
    expect(doubledStretches(borders.coordinates, coarseBorders.coordinates, 6).length).toBeGreaterThan(0);
  });

  it('copies the validated story and theme unchanged, the methods note and corrections log to methods.json, out of the first load', () => {
    const { methods, corrections, ...firstLoad } = readJson(join(DATA, 'story.json')) as Record<string, unknown>;
    expect(readJson(join(outDir, 'story.json'))).toEqual(firstLoad);
    expect(readJson(join(outDir, 'methods.json'))).toEqual({ methods, corrections });
    expect((corrections as unknown[]).length).toBeGreaterThan(0);
    const manifest = readJson(join(outDir, 'manifest.json')) as { fingerprints: Record<string, string> };
    expect(Object.keys(manifest.fingerprints)).toContain('methods.json');
    // the theme as validated: optional colours take their schema defaults
    expect(readJson(join(outDir, 'theme.json'))).toEqual(Theme.parse(readJson(join(DATA, 'theme.json'))));
  });

  it('builds a basemap with countries and Ukrainian and Russian regions', () => {
    expect(Object.keys(topo.objects).sort()).toEqual(['countries', 'lakeIslands', 'lakes', 'regionLines', 'towns', 'water']);
    expect(countries.length).toBeGreaterThan(150);
    for (const id of ['804', '643', '792', '440']) expect(country(id), id).toBeDefined();
    const ids = regions.map((r) => r.properties.id);
    for (const id of ['ru-murmansk', 'ru-moskva', 'ua-sumy', 'ua-crimea', 'ua-sevastopol', 'ua-kiev-city']) expect(ids).toContain(id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives every place a geometry and a label anchor', () => {
    const source = readJson<FeatureCollection>(join(DATA, 'places.geojson'));
    expect(places.map((p) => p.properties.id)).toEqual(source.features.map((f) => f.properties!.id));
    for (const p of places) {
      expect(p.geometry, p.properties.id).toBeTruthy();
      expect(['Point', 'Polygon', 'MultiPolygon']).toContain(p.geometry.type);
      const [lon, lat] = p.properties.anchor;
      expect(Math.abs(lon), p.properties.id).toBeLessThanOrEqual(180);
      expect(Math.abs(lat), p.properties.id).toBeLessThanOrEqual(90);
    }
  });

  it('puts each area place label anchor on its area', () => {
    const areas = places.filter((p) => p.geometry.type !== 'Point') as Feature<Polygon | MultiPolygon, BuiltPlace['properties']>[];
    expect(areas.length).toBeGreaterThan(5);
    const outside = areas.filter((p) => !booleanPointInPolygon(p.properties.anchor, p)).map((p) => p.properties.id);
    expect(outside).toEqual([]);
  });

  it('keeps every point place inside the admin-1 region it names', () => {
    const points = places.filter((p) => p.geometry.type === 'Point' && p.properties.region) as Feature<Point, BuiltPlace['properties']>[];
    expect(points.length).toBeGreaterThanOrEqual(8);
    const problems = points.flatMap((p) => {
      const region = regions.find((r) => r.properties.id === p.properties.region);
      if (!region) return [`${p.properties.id}: region ${p.properties.region} missing`];
      return booleanPointInPolygon(p.geometry.coordinates, region) ? [] : [`${p.properties.id}: outside ${p.properties.region}`];
    });
    expect(problems).toEqual([]);
  });

  it.each([
    ['first load', () => countries],
    ['1:10m detail', () => fullCountries],
  ])('draws Crimea and Sevastopol as part of Ukraine, not Russia (%s)', (_, list) => {
    const ukraine = list().find((c) => c.properties.id === '804')!;
    const russia = list().find((c) => c.properties.id === '643')!;
    for (const [name, pt] of [
      ['Sevastopol', [33.52, 44.6]],
      ['Simferopol', [34.1, 44.95]],
      ['Kerch', [36.47, 45.36]],
    ] as const) {
      expect(booleanPointInPolygon([...pt], ukraine), `${name} in Ukraine`).toBe(true);
      expect(booleanPointInPolygon([...pt], russia), `${name} in Russia`).toBe(false);
    }
  });

  it('keeps Moscow in Russia and Kyiv in Ukraine', () => {
    expect(booleanPointInPolygon([37.62, 55.75], country('643'))).toBe(true);
    expect(booleanPointInPolygon([37.62, 55.75], country('804'))).toBe(false);
    expect(booleanPointInPolygon([30.52, 50.45], country('804'))).toBe(true);
  });

  it('unwraps rings across the antimeridian: no step of more than 180° of longitude', () => {
    const jumps: string[] = [];
    for (const a of [...countries, ...regions]) {
      for (const ring of ringsOf(a)) {
        for (let i = 1; i < ring.length; i++) {
          if (Math.abs(ring[i][0] - ring[i - 1][0]) > 180) {
            jumps.push(`${a.properties.id} (${a.properties.name})`);
            break;
          }
        }
      }
    }
    expect([...new Set(jumps)]).toEqual([]);
    // Russia's far east really crosses it, so the check above is not vacuous.
    expect(Math.max(...ringsOf(country('643')).flat().map((v) => v[0]))).toBeGreaterThan(180);
  });

  it.each([
    ['olenya', 1500, 2100],
    ['belaya', 3900, 4700],
    ['ukrainka', 5500, 6300],
    ['dyagilevo', 350, 650],
    ['ivanovo-severny', 550, 900],
  ])('puts airbase %s between %i and %i km from Ukraine', (id, min, max) => {
    const p = place(id).properties;
    expect(p.distanceKm).toBeGreaterThanOrEqual(min);
    expect(p.distanceKm).toBeLessThanOrEqual(max);
    expect(p.distanceKm! % 10).toBe(0);
    // The reported nearest border point is that far away, to the 10 km rounding.
    const [lon, lat] = place(id).geometry.coordinates as Position;
    expect(Math.abs(distance([lon, lat], p.borderPoint!, { units: 'kilometers' }) - p.distanceKm!)).toBeLessThanOrEqual(5);
  });

  it('derives Crimea (with Sevastopol) at roughly its real area', () => {
    const crimea = place('claimed-crimea');
    expect(crimea.geometry.type).not.toBe('Point');
    const km2 = area(crimea) / 1e6;
    expect(km2).toBeGreaterThan(25_000);
    expect(km2).toBeLessThan(29_000);
  });

  it('derives the schematic Sumy buffer band and build-up area with no area figure (no source gives one, and the panel prints any area it has)', () => {
    const strip = place('sumy-buffer-zone');
    expect(area(strip) / 1e6).toBeGreaterThan(1_500);
    expect(area(strip) / 1e6).toBeLessThan(8_000);
    expect(strip.properties.areaKm2).toBeUndefined();
    expect(place('sumy-massing-area').properties.areaKm2).toBeUndefined();
  });

  it('rounds place coordinates to 4 decimals', () => {
    const coords = places.flatMap((p) => (p.geometry.type === 'Point' ? [p.geometry.coordinates] : ringsOf(p as Area).flat()));
    const unrounded = coords.flat().filter((n) => Math.abs(n * 1e4 - Math.round(n * 1e4)) > 1e-6);
    expect(unrounded).toEqual([]);
  });
});

interface Edits {
  story?: (story: z.input<typeof Story>) => void;
  places?: (places: z.input<typeof Places>) => void;
  theme?: (theme: z.input<typeof Theme>) => void;
}

/** Returns a temporary copy of the real data dir with edits applied, removed when the test ends. */
function createDataDir(edits: Edits = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'build-data-bad-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  for (const name of DATA_FILES) copyFileSync(join(DATA, name), join(dir, name));
  for (const [name, edit] of [
    ['story.json', edits.story],
    ['places.geojson', edits.places],
    ['theme.json', edits.theme],
  ] as const) {
    if (!edit) continue;
    const value = readJson<unknown>(join(dir, name));
    (edit as (v: unknown) => void)(value);
    writeFileSync(join(dir, name), JSON.stringify(value));
  }
  return dir;
}

/** Returns the error a build of `dataDir` throws, checking it wrote nothing. */
function buildError(dataDir: string): Error {
  const outDir = join(dataDir, 'out');
  try {
    buildData({ dataDir, outDir });
  } catch (e) {
    expect(existsSync(join(outDir, 'places.json'))).toBe(false);
    return e as Error;
  }
  throw new Error(`expected the build of ${dataDir} to fail`);
}

/** Returns the label the build uses for a data file: its path relative to the project root. */
const label = (dir: string, name: string) => relative(ROOT, join(dir, name));

describe('buildData on malformed data', () => {
  it('names the file and field of an out-of-range coordinate', () => {
    const dir = createDataDir({ places: (p) => (p.features[2].geometry = { type: 'Point', coordinates: [33.47, 95] }) });
    const e = buildError(dir);
    expect(e).toBeInstanceOf(DataError);
    expect(e.message).toContain(`${label(dir, 'places.geojson')}: features[2].geometry.coordinates[1]: `);
  });

  it('names the file and field of a bad event time', () => {
    const dir = createDataDir({ story: (s) => (s.events[0].start = 'yesterday') });
    const e = buildError(dir);
    expect(e).toBeInstanceOf(DataError);
    expect(e.message).toContain(`${label(dir, 'story.json')}: events[0].start: must be an ISO 8601 UTC instant ending in Z`);
  });

  it('names the file and field of a bad theme colour', () => {
    const dir = createDataDir({ theme: (t) => (t.colors.land = 'red') });
    const e = buildError(dir);
    expect(e).toBeInstanceOf(DataError);
    expect(e.message).toContain(`${label(dir, 'theme.json')}: colors.land: `);
  });

  it('names the place whose point is not in the region it names', () => {
    const dir = createDataDir({
      places: (p) => {
        expect(p.features[2].properties.id).toBe('olenya');
        p.features[2].geometry = { type: 'Point', coordinates: [37.62, 55.75] };
      },
    });
    const e = buildError(dir);
    expect(e).toBeInstanceOf(DataError);
    expect(e.message).toBe(`${label(dir, 'places.geojson')}: features[2].geometry: point 37.62,55.75 is not inside region "ru-murmansk"`);
  });

  it('names an unknown admin-1 region', () => {
    const dir = createDataDir({ places: (p) => (p.features[2].properties.region = 'ru-atlantis') });
    const e = buildError(dir);
    expect(e).toBeInstanceOf(DataError);
    expect(e.message).toBe(`${label(dir, 'places.geojson')}: features[2].properties.region: unknown admin-1 region "ru-atlantis"`);
  });

  it('names an event that refers to an unknown place', () => {
    const dir = createDataDir({ story: (s) => (s.events[1].places[0] = 'atlantis') });
    const e = buildError(dir);
    expect(e).toBeInstanceOf(DataError);
    expect(e.message).toContain(`${label(dir, 'story.json')}: events[1].places[0]: unknown place "atlantis"`);
  });

  it('stops with the file and field when the theme lacks a colour or the legend wording', () => {
    const dir = createDataDir({ theme: (t) => (delete (t.colors as Partial<typeof t.colors>).line, delete (t.layers.distances as Partial<typeof t.layers.distances>).label) });
    const e = buildError(dir);
    expect(e.message).toContain(`${label(dir, 'theme.json')}: colors.line: `);
    expect(e.message).toContain(`${label(dir, 'theme.json')}: layers.distances.label: `);
  });

  it('names a missing theme category', () => {
    const dir = createDataDir({ theme: (t) => (t.categories = t.categories.filter((c) => c.id !== 'struck')) });
    expect(buildError(dir).message).toContain(`${label(dir, 'theme.json')}: categories: no category draws status "struck" (${label(dir, 'story.json')}: events[`);
  });

  it('names a file that is not JSON', () => {
    const dir = createDataDir();
    writeFileSync(join(dir, 'story.json'), '{ "title": "oops",');
    const e = buildError(dir);
    expect(e).toBeInstanceOf(DataError);
    expect(e.message).toMatch(new RegExp(`^${label(dir, 'story.json').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid JSON \\(`));
  });

  it('names a missing file', () => {
    const dir = createDataDir();
    unlinkSync(join(dir, 'places.geojson'));
    const e = buildError(dir);
    expect(e).toBeInstanceOf(DataError);
    expect(e.message).toBe(`${label(dir, 'places.geojson')}: file not found`);
  });

  it('exits 1 from the command line with the file and field on stderr', () => {
    const dir = createDataDir({ story: (s) => (s.events[0].start = 'yesterday') });
    const out = join(dir, 'out');
    const r = spawnSync('npx', ['tsx', 'scripts/build-data.ts', '--data', dir, '--out', out], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('data build failed');
    expect(r.stderr).toContain(`${label(dir, 'story.json')}: events[0].start`);
    expect(existsSync(join(out, 'places.json'))).toBe(false);
    expect(existsSync(join(dir, 'story.schema.json'))).toBe(false);
  });
});

describe('buildData stops on each schema hole, naming the file and field', () => {
  it.each<[string, Edits, string, string]>([
    ['a javascript: source URL', { story: (s) => ((s.sources.find((x) => x.kind === 'elsewhere') as { url: string }).url = 'javascript:alert(1)') }, 'story.json', 'url: must be an http:// or https:// URL'],
    ['an impossible date', { story: (s) => (s.events[2].start = '2025-02-30T00:00Z') }, 'story.json', 'events[2].start: is not a real date and time'],
    ['a focus band outside the story', { story: (s) => (s.focus[0].start = '2025-05-01T00:00Z') }, 'story.json', 'focus[0].start: is before the story starts'],
    ['overlapping focus bands', { story: (s) => (s.focus[1].start = s.focus[0].start) }, 'story.json', 'focus[1].start: overlaps focus[0]'],
    ['HTML in a title', { story: (s) => (s.events[0].title = '<b>Talks</b>') }, 'story.json', 'events[0].title: contains HTML markup'],
    ['a megabyte-long text', { places: (p) => (p.features[1].properties.description = 'x'.repeat(1 << 20)) }, 'places.geojson', 'features[1].properties.description: is 1048576 characters long'],
  ])('%s', (_, edits, file, message) => {
    const dir = createDataDir(edits);
    const e = buildError(dir);
    expect(e).toBeInstanceOf(DataError);
    expect(e.message).toMatch(new RegExp(`^${label(dir, file).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .*${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'));
  });
});
