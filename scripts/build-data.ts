import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { z } from 'zod';
import { Basemap, BuiltPlaces, Detail, DetailIndex } from '../src/data/built-schema.ts';
import { MANIFEST_FILE, METHODS_FILE, fingerprint } from '../src/data/data-files.ts';
import { referenceProblems } from '../src/data/references.ts';
import { BuiltStory, MethodsFile, Places, Story, Theme, formatIssues } from '../src/data/schema.ts';
import { BasemapConfig } from './data/basemap-config.ts';
import { basemapFeatures } from './data/basemap.ts';
import { basemapProblems, buildBasemapData, type BasemapBuild } from './data/basemap-build.ts';
import { DataError, derivePlaces } from './data/derive.ts';
import { commandLine, exclusive, parseFlags } from './lib/args.ts';

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
  /** Receives the built basemap, with its full-detail topology (for tests). */
  onBasemap?(build: BasemapBuild): void;
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
  const built = buildBasemapData(cfg, rel(basemapFile));
  opts.onBasemap?.(built);
  const { firstLoad: basemap, full, index: detail, lazy, countryByIso } = built;
  const builtPlaces = derivePlaces(rel(placesFile), places.features, {
    countries: basemapFeatures(full, 'countries'),
    regions: basemapFeatures(full, 'regions'),
    countryByIso,
  });
  for (const p of builtPlaces) p.geometry.coordinates = roundCoords(p.geometry.coordinates) as never;
  const { methods: _m, corrections: _c, ...builtStory } = story;
  const basemapIssues = basemapProblems(built, cfg, builtStory, builtPlaces, theme, rel(storyFile));
  if (basemapIssues.length) throw new DataError(basemapIssues.join('\n'));

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
