import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { z } from 'zod';
import { Basemap, BuiltPlaces, Detail } from '../src/data/built-schema.ts';
import { MANIFEST_FILE, METHODS_FILE, fingerprint } from '../src/data/data-files.ts';
import { referenceProblems } from '../src/data/references.ts';
import { BuiltStory, MethodsFile, Places, Story, Theme, formatIssues } from '../src/data/schema.ts';
import { COUNTRY_IDS, adminRegions, basemapFeatures, buildBasemap, detailAreas, recognisedCountries } from './data/basemap.ts';
import { DataError, anchorOf, derivePlaces } from './data/derive.ts';
import { commandLine, parseFlags } from './lib/args.ts';
import { area as turfArea } from '@turf/area';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { CountryProps } from './data/basemap.ts';

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

  const countries = recognisedCountries();
  labelCountries(countries);
  const regions = adminRegions();
  const basemap = buildBasemap(countries, regions);
  const detail = detailAreas(story.detail ?? []);
  for (const f of detail.features) f.geometry.coordinates = roundCoords(f.geometry.coordinates) as never;
  const builtPlaces = derivePlaces(rel(placesFile), places.features, {
    countries: basemapFeatures(basemap, 'countries'),
    regions: basemapFeatures(basemap, 'regions'),
    countryByIso: COUNTRY_IDS,
  });
  for (const p of builtPlaces) p.geometry.coordinates = roundCoords(p.geometry.coordinates) as never;

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
  ];
  // What the app checks at runtime, checked here too, so that the build never writes a file the app refuses.
  for (const [name, schema, value] of [
    ['places.json', BuiltPlaces, outputs[2][1]],
    ['basemap.topo.json', Basemap, basemap],
    ['detail.json', Detail, detail],
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
  const opts = commandLine('data', 'usage: npm run data -- [--data DIR] [--out DIR]   (without --data the JSON Schemas are written to data/)', (argv) =>
    parseFlags(argv, { data: 'string', out: 'string' }),
  );
  if (!opts) process.exit(0);
  const dataDir = opts.data === undefined ? join(ROOT, 'data') : resolve(opts.data);
  try {
    const sizes = buildData({ dataDir, outDir: opts.out === undefined ? join(ROOT, 'public', 'data') : resolve(opts.out), schemaDir: opts.data === undefined ? dataDir : undefined });
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
