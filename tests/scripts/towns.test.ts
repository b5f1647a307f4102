import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BasemapConfig } from '../../scripts/data/basemap-config.ts';
import { basemapTowns } from '../../scripts/data/towns.ts';

const cfg = BasemapConfig.parse(JSON.parse(readFileSync(resolve(import.meta.dirname, '../../data/basemap.json'), 'utf8')));
const names = (c: BasemapConfig) => new Set(basemapTowns(c).features.map((f) => f.properties.name));

describe('basemapTowns spellings', () => {
  it("prints the story's spelling of a Ukrainian town, not GeoNames' (Odesa, as the story writes Kyiv)", () => {
    const got = names(cfg);
    expect(got.has('Odesa')).toBe(true);
    expect(got.has('Odessa')).toBe(false);
    expect(got.has('Zaporizhzhia')).toBe(true);
    // without the spellings, GeoNames' own
    const { Odessa: _, ...others } = cfg.towns.spellings;
    expect(names({ ...cfg, towns: { ...cfg.towns, spellings: others } }).has('Odessa')).toBe(true);
  });

  it('refuses a spelling for a town the map does not name, naming the field', () => {
    const stale = { ...cfg, towns: { ...cfg.towns, spellings: { ...cfg.towns.spellings, Atlantis: 'Atlantida' } } };
    expect(() => basemapTowns(stale)).toThrow('data/basemap.json: towns.spellings["Atlantis"]: no town the map names is called "Atlantis" in GeoNames');
  });
});

describe('basemapTowns leaveOut', () => {
  const rossosh = (c: BasemapConfig) => basemapTowns(c).features.filter((f) => f.properties.name === 'Rossosh').map((f) => f.geometry.coordinates);

  it('names a town GeoNames lists twice once, at the entry kept', () => {
    expect(rossosh(cfg)).toEqual([[39.56726, 50.19828]]);
    // without the entry left out, the map would name it twice, about 125 km apart: the build stops
    const both = { ...cfg, towns: { ...cfg.towns, leaveOut: cfg.towns.leaveOut.filter((t) => t.geonamesId !== 501215) } };
    expect(() => basemapTowns(both)).toThrow(/towns: the map would name two towns "Rossosh" \(GeoNames (501215 and 501231|501231 and 501215)\)/);
  });

  it('names one Donetsk, the Ukrainian city, and refuses two towns of one name, naming both', () => {
    expect(basemapTowns(cfg).features.filter((f) => f.properties.name === 'Donetsk').map((f) => f.geometry.coordinates)).toEqual([[37.80224, 48.023]]);
    const both = { ...cfg, towns: { ...cfg.towns, leaveOut: cfg.towns.leaveOut.filter((t) => t.geonamesId !== 565348) } };
    expect(() => basemapTowns(both)).toThrow(/towns: the map would name two towns "Donetsk" \(GeoNames (709717 and 565348|565348 and 709717)\)/);
  });

  it('refuses an entry left out that is not a town the map would name, or under another name, naming the field', () => {
    const other = { ...cfg, towns: { ...cfg.towns, leaveOut: [{ geonamesId: 501215, name: 'Rossosh', why: 'a test' }] } };
    expect(() => basemapTowns(other)).toThrow('data/basemap.json: towns.leaveOut[0]: GeoNames 501215 is "Rossosh’", not "Rossosh"');
    const none = { ...cfg, towns: { ...cfg.towns, leaveOut: [{ geonamesId: 1, name: 'Atlantis', why: 'a test' }] } };
    expect(() => basemapTowns(none)).toThrow('data/basemap.json: towns.leaveOut[0] ("Atlantis"): GeoNames 1 is not a town the map would name');
  });
});

describe('basemapTowns: Ukrainian towns under Ukraine’s names', () => {
  it('prints the names Ukraine gave towns in occupied Luhansk Oblast and renamed towns, not the old ones', () => {
    const got = names(cfg);
    for (const name of ['Dovzhansk', 'Khrustalnyi', 'Zviahel', 'Sheptytskyi', 'Samar']) expect(got.has(name), name).toBe(true);
    for (const name of ['Sverdlovsk', 'Krasnyy Luch', 'Novohrad-Volynskyi', 'Chervonohrad']) expect(got.has(name), name).toBe(false);
    // Russia's own Novomoskovsk (Tula Oblast) keeps its name
    expect(got.has('Novomoskovsk')).toBe(true);
  });
});

describe('basemapTowns letters', () => {
  it('prints Romanian and Moldovan names with the comma below, and Russian ё as "yo", only in those countries', () => {
    const got = names(cfg);
    for (const name of ['Iași', 'Constanța', 'Bălți', 'Oryol', 'Shchyokino']) expect(got.has(name), name).toBe(true);
    for (const name of ['Iaşi', 'Constanţa', 'Bălţi', 'Orël', 'Shchëkino']) expect(got.has(name), name).toBe(false);
    // Turkish keeps its cedilla
    expect(got.has('Eskişehir')).toBe(true);
    // no rule, GeoNames' own letters
    const bare = names({ ...cfg, towns: { ...cfg.towns, letters: [] } });
    expect(bare.has('Iaşi') && bare.has('Orël')).toBe(true);
    // a spelling wins over the letters
    const spelled = names({ ...cfg, towns: { ...cfg.towns, spellings: { ...cfg.towns.spellings, 'Orël': 'Orel' } } });
    expect(spelled.has('Orel') && !spelled.has('Oryol')).toBe(true);
  });

  it('refuses a rule that changes no name the map prints, naming the field', () => {
    const stale = { ...cfg, towns: { ...cfg.towns, letters: [...cfg.towns.letters, { countries: ['LT'], replace: { 'ë': 'yo' }, why: 'a test' }] } };
    expect(() => basemapTowns(stale)).toThrow(`data/basemap.json: towns.letters[${cfg.towns.letters.length}]: changes no name the map prints in LT`);
  });
});

describe('basemapTowns: towns, not districts or places of the past', () => {
  const near = (c: BasemapConfig, [x, y]: [number, number], km: number) =>
    basemapTowns(c)
      .features.filter((f) => {
        const [fx, fy] = f.geometry.coordinates;
        return Math.hypot((fx - x) * 111.32 * Math.cos((y * Math.PI) / 180), (fy - y) * 110.57) < km;
      })
      .map((f) => f.properties.name);

  it("names no district of Moscow, and no historical GeoNames entry, beside Moscow's own name", () => {
    // within 14 km of the Kremlin: Moscow only (Reutov, a town of Moscow Oblast, is 15 km out) (Troparëvo, Vatutino and Novokhovrino are GeoNames' historical entries, PPLH)
    expect(near(cfg, [37.6173, 55.7558], 14)).toEqual(['Moscow']);
    // Zelenograd, a town of its own in the city of Moscow, stays
    expect(near(cfg, [37.18, 55.98], 3)).toEqual(['Zelenograd']);
  });
});

describe('basemapTowns: a city seen close', () => {
  const spots = (c: BasemapConfig) =>
    basemapTowns(c)
      .features.filter((f) => f.properties.name === 'Istanbul')
      .map(({ properties: { minZoom, maxZoom, area, handover, closerFrom }, geometry: { coordinates } }) => ({ minZoom, maxZoom, area, handover, closerFrom, at: coordinates }));

  it('is a dot until its area zoom, then an area name at its spot, then at its closer spot (data/basemap.json)', () => {
    const area = cfg.towns.named.find((t) => t.name === 'Istanbul')!.area!;
    expect(area.closer).toBeDefined();
    expect(spots(cfg)).toEqual([
      { minZoom: 3, maxZoom: area.from, area: undefined, handover: undefined, closerFrom: undefined, at: [28.94966, 41.01384] },
      { minZoom: area.from, maxZoom: undefined, area: true, handover: area.closer!.from, closerFrom: undefined, at: area.at },
      { minZoom: area.closer!.from, maxZoom: undefined, area: true, handover: undefined, closerFrom: area.closer!.from, at: area.closer!.at },
    ]);
  });

  it('refuses a closer spot that does not come after the area zoom, naming the field', () => {
    const named = cfg.towns.named.map((t) => (t.name === 'Istanbul' ? { ...t, area: { ...t.area!, closer: { ...t.area!.closer!, from: t.area!.from } } } : t));
    const i = named.findIndex((t) => t.name === 'Istanbul');
    expect(() => basemapTowns({ ...cfg, towns: { ...cfg.towns, named } })).toThrow(`data/basemap.json: towns.named[${i}] ("Istanbul").area.closer.from: 8 is not past area.from (8)`);
  });
});
