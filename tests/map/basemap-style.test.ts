import { describe, expect, it } from 'vitest';
import type { FeatureCollection } from 'geojson';
import type { LayerSpecification } from 'maplibre-gl';
import { featureFilter, type FilterSpecification } from '@maplibre/maplibre-gl-style-spec';
import { LABEL_SPACE, TOWN_DOT, basemapStyle, showLabelSpace, townDotImage, type BasemapGeo } from '../../src/map/basemap-style.ts';
import type { Theme } from '../../src/data/schema.ts';

const theme = { font: 'Noto Sans', colors: {}, categories: [] } as unknown as Theme;
const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };
const geo: BasemapGeo = {
  countries: empty as BasemapGeo['countries'],
  borders: { type: 'MultiLineString', coordinates: [] },
  regionLines: { type: 'MultiLineString', coordinates: [] },
  labels: empty,
  detail: {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { id: 'fine-ukraine', kind: 'fine', minZoom: 4.5, file: 'detail-fine-ukraine.json' }, geometry: { type: 'Polygon', coordinates: [] } },
      { type: 'Feature', properties: { id: 'bosphorus', kind: 'closeUp', minZoom: 7, file: 'detail-bosphorus.json' }, geometry: { type: 'Polygon', coordinates: [] } },
      { type: 'Feature', properties: { id: 'rivers', kind: 'rivers', minZoom: 5, file: 'detail-rivers.json' }, geometry: { type: 'Polygon', coordinates: [] } },
    ],
  },
};
const layer = (scale: number, id: string) => basemapStyle(geo, theme, 'credit', scale).layers.find((l) => l.id === id) as LayerSpecification & Record<string, unknown>;

describe('basemapStyle on a big kiosk screen', () => {
  it('is the designed style at scale 1', () => {
    expect((layer(1, 'country-labels').layout as Record<string, unknown>)['text-size']).toEqual(['interpolate', ['linear'], ['zoom'], 1, 10, 6, 14]);
    expect(layer(1, 'region-lines').minzoom).toBe(3);
    expect(layer(1, 'detail-bosphorus-land').minzoom).toBe(7);
    expect(layer(1, 'rivers').minzoom).toBe(5);
  });

  it('at scale 2 draws at zoom z + 1 what scale 1 draws at z, twice the size', () => {
    expect((layer(2, 'country-labels').layout as Record<string, unknown>)['text-size']).toEqual(['interpolate', ['linear'], ['zoom'], 2, 20, 7, 28]);
    expect((layer(2, 'borders').paint as Record<string, unknown>)['line-width']).toEqual(['interpolate', ['linear'], ['zoom'], 2, 1, 7, 2.8, 11, 4]);
    expect((layer(2, 'country-labels').paint as Record<string, unknown>)['text-halo-width']).toBeCloseTo(2.4);
    expect(layer(2, 'region-lines').minzoom).toBe(4);
    expect(layer(2, 'detail-bosphorus-land').minzoom).toBe(8);
    expect(layer(2, 'rivers').minzoom).toBe(6);
  });
});

describe('basemapStyle names on the ground', () => {
  const ids = basemapStyle(geo, theme, 'credit').layers.map((l) => l.id);

  it("draws towns and water names below the story labels' room, so they give way to the story's labels", () => {
    for (const id of ['town-labels', 'water-labels', 'country-labels']) expect(ids.indexOf(id), id).toBeLessThan(ids.indexOf('story-label-space'));
  });

  // The rivers lie in the 1:10m box (they show from zoom 5, the box from 4.5), so the borders over them are the box's own.
  it('draws the close-up over the borders beneath it and the borders over the rivers', () => {
    expect(ids.indexOf('detail-bosphorus-water')).toBeGreaterThan(ids.indexOf('borders'));
    expect(ids.indexOf('rivers')).toBeLessThan(ids.indexOf('detail-fine-ukraine-borders'));
  });

  it("draws a 1:10m box over the first load's land and lines (its water, then land), the rivers on its land and its own lines over the rivers", () => {
    const at = (id: string) => ids.indexOf(id);
    for (const id of ['detail-fine-ukraine-water', 'detail-fine-ukraine-land', 'detail-fine-ukraine-borders', 'detail-fine-ukraine-region-lines']) expect(at(id), id).toBeGreaterThan(-1);
    expect(at('detail-fine-ukraine-water')).toBeGreaterThan(at('borders'));
    expect(at('detail-fine-ukraine-water')).toBeGreaterThan(at('region-lines'));
    expect(at('detail-fine-ukraine-land')).toBeGreaterThan(at('detail-fine-ukraine-water'));
    expect(at('rivers')).toBeGreaterThan(at('detail-fine-ukraine-land'));
    expect(at('detail-fine-ukraine-borders')).toBeGreaterThan(at('rivers'));
    expect(at('detail-fine-ukraine-region-lines')).toBeGreaterThan(at('rivers'));
    const style = basemapStyle(geo, theme, 'credit');
    const fine = style.layers.filter((l) => l.id.startsWith('detail-fine-ukraine')) as (LayerSpecification & { minzoom: number; source: string })[];
    expect(fine.map((l) => [l.source, l.minzoom])).toEqual(fine.map(() => ['detail-fine-ukraine', 4.5]));
    // the box's water is drawn without antialiasing: its edge leaves no line on the land beside it
    expect((layer(1, 'detail-fine-ukraine-water').paint as Record<string, unknown>)['fill-antialias']).toBe(false);
    expect(layer(2, 'detail-fine-ukraine-borders').minzoom).toBe(5.5);
  });

  /** Returns whether a style's layer shows a town feature with `props` at `zoom`, by maplibre's own filter evaluation. */
  const shows = (scale: number, layer: string, props: Record<string, unknown>, zoom: number) => {
    const l = basemapStyle(geo, theme, 'credit', scale).layers.find((x) => x.id === layer) as LayerSpecification & { filter: FilterSpecification };
    return featureFilter(l.filter, `layers.${layer}.filter`).filter({ zoom }, { type: 1, properties: props, geometry: [] } as never);
  };

  it('shows a town from its minZoom on (shifted on a big screen)', () => {
    expect(shows(2, 'town-labels', { name: 'A', minZoom: 6 }, 6.9)).toBe(false);
    expect(shows(2, 'town-labels', { name: 'A', minZoom: 6 }, 7)).toBe(true);
  });

  it('draws a city seen close as an area name without its dot, from the zoom its data says', () => {
    const dot = { name: 'Istanbul', minZoom: 3, maxZoom: 8 };
    const area = { name: 'Istanbul', minZoom: 8, area: true };
    expect([7, 8].map((z) => shows(1, 'town-labels', dot, z))).toEqual([true, false]);
    expect([7, 8].map((z) => shows(1, 'town-areas', area, z))).toEqual([false, true]);
    expect(shows(1, 'town-labels', area, 9)).toBe(false);
    // on a big screen one zoom later (scale 2)
    expect([8, 9].map((z) => shows(2, 'town-areas', area, z))).toEqual([false, true]);
  });

  describe('a name that moves to a closer spot', () => {
    const point = (props: Record<string, unknown>, at: number[]) => ({ type: 'Feature' as const, properties: props, geometry: { type: 'Point' as const, coordinates: at } });
    const city = { name: 'Istanbul', pop: 1, area: true };
    const towns: FeatureCollection = {
      type: 'FeatureCollection',
      features: [point({ ...city, minZoom: 8, handover: 10.5 }, [28.82, 41.11]), point({ ...city, minZoom: 10.5, closerFrom: 10.5 }, [28.975, 41.072]), point({ name: 'Kyiv', pop: 1, minZoom: 8, area: true }, [30.5, 50.4])],
    };
    const water: FeatureCollection = { type: 'FeatureCollection', features: [point({ name: 'Strait', kind: 'strait', minZoom: 8, rotate: 0, handover: 11 }, [29, 41.1]), point({ name: 'Strait', kind: 'strait', minZoom: 11, rotate: 0, closerFrom: 11 }, [29, 41.07])] };
    /** Returns, for each layer of the style drawn at `zoom` (the camera's), the names it shows when its tiles are cut at `tileZoom`. */
    const drawn = (scale: number, zoom: number, tileZoom = Math.floor(zoom)) =>
      basemapStyle({ ...geo, towns, water }, theme, 'credit', scale)
        .layers.filter((l): l is LayerSpecification & { source: string; filter: FilterSpecification } => 'source' in l && (l.source === 'towns' || l.source === 'water') && !!l.filter)
        .filter((l) => zoom >= (l.minzoom ?? 0) && zoom < (l.maxzoom ?? 24))
        .flatMap((l) => {
          const f = featureFilter(l.filter, `layers.${l.id}.filter`);
          return [...towns.features, ...water.features]
            .filter((x) => (x.properties!.kind ? 'water' : 'towns') === l.source && f.filter({ zoom: tileZoom }, { type: 1, properties: x.properties!, geometry: [] } as never))
            .map((x) => `${l.id}: ${x.properties!.name} ${(x.geometry as GeoJSON.Point).coordinates.join(',')}`);
        });

    it('draws the first spot until the handover zoom and the closer spot from it, exactly at the camera’s zoom', () => {
      expect(drawn(1, 10.4)).toEqual(['water-labels-until-11: Strait 29,41.1', 'town-areas: Kyiv 30.5,50.4', 'town-areas-until-10.5: Istanbul 28.82,41.11']);
      expect(drawn(1, 10.5)).toEqual(['water-labels-until-11: Strait 29,41.1', 'town-areas: Kyiv 30.5,50.4', 'town-areas-from-10.5: Istanbul 28.975,41.072']);
      expect(drawn(1, 11)).toEqual(['water-labels-from-11: Strait 29,41.07', 'town-areas: Kyiv 30.5,50.4', 'town-areas-from-10.5: Istanbul 28.975,41.072']);
    });

    // a filter sees the tile's whole zoom: a handover filtered at 11 + 0.61 would not come before zoom 12 on a kiosk (its 11.82 is tile 11)
    it('on a big screen hands over a fraction of a zoom later, though its tiles are cut at a whole zoom', () => {
      const dz = Math.log2(1.53);
      expect(drawn(1.53, 11 + dz - 0.01)).toContain('water-labels-until-11: Strait 29,41.1');
      expect(drawn(1.53, 11.82)).toEqual(['water-labels-from-11: Strait 29,41.07', 'town-areas: Kyiv 30.5,50.4', 'town-areas-from-10.5: Istanbul 28.975,41.072']);
    });
  });

  it("draws a town's dot and its name as one symbol, so that a name that gives way takes its dot with it", () => {
    const style = basemapStyle(geo, theme, 'credit');
    const onTowns = style.layers.filter((l) => 'source' in l && l.source === 'towns');
    // no layer draws dots of their own (a circle layer would keep a dot whose name was dropped)
    expect(onTowns.map((l) => l.type)).toEqual(['symbol', 'symbol']);
    const layout = layer(1, 'town-labels').layout as Record<string, unknown>;
    expect(layout['icon-image']).toBe(TOWN_DOT);
    expect(layout['text-field']).toEqual(['get', 'name']);
    // neither part is optional: maplibre places both or neither
    expect(layout['icon-optional']).toBe(false);
    expect(layout['text-optional']).toBe(false);
    expect(layout['icon-allow-overlap']).toBeUndefined();
    expect(layout['text-allow-overlap']).toBeUndefined();
  });

  it("paints a town's dot as a disc in the label colour ringed in the land colour", () => {
    const img = townDotImage('#6b6862', '#f7f5f0');
    const at = (x: number, y: number) => Array.from(img.data.slice((y * img.width + x) * 4, (y * img.width + x) * 4 + 4));
    const c = Math.floor(img.width / 2);
    expect(img.width).toBe(img.height);
    expect(img.pixelRatio).toBe(4);
    expect(at(c, c)).toEqual([0x6b, 0x68, 0x62, 255]);
    // the ring: 0.8 px (3 image px) inside the edge, 15 image px from the centre
    expect(at(c + 14, c)).toEqual([0xf7, 0xf5, 0xf0, 255]);
    expect(at(0, 0)[3]).toBe(0);
  });
});

describe('showLabelSpace', () => {
  /** Returns the features the label space was given (a stand-in map that keeps them). */
  function space(...args: Parameters<typeof showLabelSpace> extends [unknown, ...infer R] ? R : never) {
    let data: FeatureCollection | null = null;
    // a stand-in projection: 10 px per degree, north up
    const map = {
      getSource: (id: string) => (id === LABEL_SPACE ? { setData: (d: FeatureCollection) => (data = d) } : undefined),
      project: ([lon, lat]: [number, number]) => ({ x: lon * 10, y: -lat * 10 }),
    };
    showLabelSpace(map as never, ...args);
    return data!.features.map((f) => ({ at: (f.geometry as { coordinates: number[] }).coordinates, ...(f.properties as { text: string; size: number }) }));
  }
  const label = { text: 'Vilnius', position: [25, 54] as [number, number], size: 13, dx: 0, dy: -20 };

  it("keeps room at every point mark shown, named or not (an unnamed city's mark sat on a country's name)", () => {
    const rooms = space([label], { points: [[25, 54], [30, 50]] }).filter((f) => f.text === 'M');
    expect(rooms).toEqual([
      { at: [25, 54], text: 'M', size: 24, offset: [0, 0] },
      { at: [30, 50], text: 'M', size: 24, offset: [0, 0] },
    ]);
  });

  it('keeps a narrow room all along a leader, both ends included, no more than 8 px apart', () => {
    // 3 degrees east and 4 north: 50 px at 10 px a degree, so 7 steps of 50/7 px
    const rooms = space([], { leaders: [{ from: [30, 50], to: [33, 54] }], scale: 2 }).filter((f) => f.text === 'M');
    expect(rooms).toHaveLength(8);
    expect(rooms[0]).toEqual({ at: [30, 50], text: 'M', size: 4 * 2, offset: [0, 0] });
    expect(rooms[7].at[0]).toBeCloseTo(33, 9);
    expect(rooms[7].at[1]).toBeCloseTo(54, 9);
    for (let k = 1; k < rooms.length; k++) expect(Math.hypot(rooms[k].at[0] - rooms[k - 1].at[0], rooms[k].at[1] - rooms[k - 1].at[1]) * 10).toBeLessThanOrEqual(8);
    expect(space([], {}).filter((f) => f.text === 'M')).toEqual([]);
  });

  it("keeps a ring's room at a ringed mark, grown with the marks' scale", () => {
    const rooms = space([], { points: [[30, 50]], ringed: [[30, 50]], scale: 1.5 }).filter((f) => f.text === 'M');
    expect(rooms).toEqual([{ at: [30, 50], text: 'M', size: 56 * 1.5, offset: [0, 0] }]);
  });
});
