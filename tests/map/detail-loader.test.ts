import { describe, expect, it } from 'vitest';
import type { FeatureCollection } from 'geojson';
import { diff } from '@maplibre/maplibre-gl-style-spec';
import type { StyleSpecification } from 'maplibre-gl';
import { detailWanted, FETCH_AHEAD_ZOOM, keepRuntimeSources, loadDetailOnDemand } from '../../src/map/detail-loader.ts';

describe('detailWanted: when a detail file is fetched', () => {
  const ukraine = { minZoom: 4.5, box: [22, 43.5, 42.5, 58.5] as [number, number, number, number] };

  it('is fetched half a zoom level before it shows, when its box is in view', () => {
    expect(FETCH_AHEAD_ZOOM).toBe(0.5);
    expect(detailWanted(ukraine, 4, [30, 48, 36, 52])).toBe(true);
    expect(detailWanted(ukraine, 3.9, [30, 48, 36, 52])).toBe(false);
  });

  it('is not fetched for a view beside its box, however close', () => {
    expect(detailWanted(ukraine, 9, [28.8, 40.9, 29.3, 41.2])).toBe(false); // Istanbul
    expect(detailWanted(ukraine, 7, [42.6, 50, 44, 51])).toBe(false);
  });

  it('is fetched for a view that overlaps its box only in part', () => {
    expect(detailWanted(ukraine, 5, [42, 57, 46, 60])).toBe(true);
  });
});

describe('loadDetailOnDemand: when the fetch starts', () => {
  /** Returns a stand-in map at `zoom` over `view` whose style (and so its sources) loads when `styleLoads()` is called; `emit` fires its events. */
  function createMap(zoom: number, [w, s, e, n]: number[]) {
    const handlers = new Map<string, Set<() => void>>();
    const loaded: string[] = [];
    let styleLoaded = false;
    const map = {
      getZoom: () => zoom,
      getBounds: () => ({ getWest: () => w, getSouth: () => s, getEast: () => e, getNorth: () => n }),
      getSource: (id: string) => (styleLoaded ? { setData: (url: string) => loaded.push(`${id} ${url}`) } : undefined),
      on: (ev: string, f: () => void) => void (handlers.get(ev) ?? handlers.set(ev, new Set()).get(ev)!).add(f),
      off: (ev: string, f: () => void) => void handlers.get(ev)?.delete(f),
    };
    const emit = (ev: string) => handlers.get(ev)?.forEach((f) => f());
    return { map, loaded, emit, styleLoads: () => ((styleLoaded = true), emit('styledata')), handlers };
  }
  const detail: FeatureCollection = {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { id: 'bosphorus', minZoom: 7, file: 'detail-bosphorus.json' },
        geometry: { type: 'Polygon', coordinates: [[[28.2, 40.75], [29.7, 40.75], [29.7, 41.45], [28.2, 41.45], [28.2, 40.75]]] },
      },
    ],
  };

  it('fetches what the first view needs as soon as the style has its sources, before the first frame is drawn (load)', () => {
    const m = createMap(9, [28.9, 40.95, 29.1, 41.1]);
    const off = loadDetailOnDemand(m.map as never, detail, 'http://x/');
    expect(m.loaded).toEqual([]);
    m.styleLoads();
    expect(m.loaded).toEqual(['detail-bosphorus http://x/data/detail-bosphorus.json']);
    m.emit('load');
    m.emit('move');
    expect(m.loaded).toHaveLength(1);
    off();
    expect([...m.handlers.values()].every((h) => h.size === 0)).toBe(true);
  });

  it('fetches nothing for a first view that does not need it, until the camera comes there', () => {
    const m = createMap(3, [20, 35, 60, 60]);
    loadDetailOnDemand(m.map as never, detail, 'http://x/');
    m.styleLoads();
    m.emit('load');
    expect(m.loaded).toEqual([]);
  });
});

describe('keepRuntimeSources: a restyle keeps the detail files loaded and the frame edges', () => {
  /** Returns a style with one detail source holding `data` and a source that is not a detail file. */
  const createStyle = (data: string | FeatureCollection): StyleSpecification => ({
    version: 8,
    sources: { 'detail-bosphorus': { type: 'geojson', data }, 'story-label-space': { type: 'geojson', data: { type: 'FeatureCollection', features: [] } } },
    layers: [],
  });
  const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };

  it('carries a loaded detail file (its URL) into the new style, so the diff does not empty it', () => {
    const previous = createStyle('http://127.0.0.1/data/detail-bosphorus.json');
    const next = createStyle(empty);
    expect(diff(previous, next).map((c) => c.command)).toContain('setGeoJSONSourceData');
    const kept = keepRuntimeSources(previous, next);
    expect(kept.sources['detail-bosphorus']).toEqual({ type: 'geojson', data: 'http://127.0.0.1/data/detail-bosphorus.json' });
    expect(diff(previous, kept).map((c) => c.command)).not.toContain('setGeoJSONSourceData');
  });

  it('carries a detail file already drawn (its features, as maplibre serialises a loaded URL)', () => {
    const land = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { kind: 'land' }, geometry: { type: 'Point', coordinates: [29, 41] } }] } as FeatureCollection;
    const previous = createStyle(land);
    const kept = keepRuntimeSources(previous, createStyle(empty));
    expect(kept.sources['detail-bosphorus']).toEqual({ type: 'geojson', data: land });
    expect(diff(previous, kept).map((c) => c.command)).not.toContain('setGeoJSONSourceData');
  });

  it("keeps the frame's edge marks (they depend on the camera, not the type scale)", () => {
    const marks = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [-37, 60] } }] } as FeatureCollection;
    const withMarks = (data: FeatureCollection) => ({ ...createStyle(empty), sources: { ...createStyle(empty).sources, 'frame-edges': { type: 'geojson', data } } }) as StyleSpecification;
    const kept = keepRuntimeSources(withMarks(marks), withMarks(empty));
    expect(kept.sources['frame-edges']).toEqual({ type: 'geojson', data: marks });
    expect(diff(withMarks(marks), kept).map((c) => c.command)).not.toContain('setGeoJSONSourceData');
  });

  it('leaves a detail file not yet loaded and the other sources as the new style has them', () => {
    const labels = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [29, 41] } }] } as FeatureCollection;
    const previous = { ...createStyle(empty), sources: { ...createStyle(empty).sources, 'story-label-space': { type: 'geojson', data: labels } } } as StyleSpecification;
    const next = createStyle(empty);
    expect(keepRuntimeSources(previous, next).sources).toEqual(next.sources);
    expect(keepRuntimeSources(undefined, next).sources).toEqual(next.sources);
  });
});
