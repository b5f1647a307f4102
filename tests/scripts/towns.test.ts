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
    expect(names({ ...cfg, towns: { ...cfg.towns, spellings: {} } }).has('Odessa')).toBe(true);
  });

  it('refuses a spelling for a town the map does not name, naming the field', () => {
    const stale = { ...cfg, towns: { ...cfg.towns, spellings: { ...cfg.towns.spellings, Atlantis: 'Atlantida' } } };
    expect(() => basemapTowns(stale)).toThrow('data/basemap.json: towns.spellings["Atlantis"]: no town the map names is called "Atlantis" in GeoNames');
  });
});
