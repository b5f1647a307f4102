import { describe, expect, it } from 'vitest';
import { prepareStory, type BuiltPlace } from '../../src/data/prepare.ts';
import type { Story, Theme } from '../../src/data/schema.ts';
import { createCategory, createTheme } from '../fixtures/theme.ts';
import { NO_LABELS } from '../../src/map/label-plan.ts';
import { buildLayers, greatCircleMidpoint, greatCirclePoint, labelBelow, labelText, layerIds, prepareLayerData, rgba, townNameZooms, type Atlases, type LayerState } from '../../src/map/layers.ts';
import type { PreparedPlace } from '../../src/data/prepare.ts';

const base = createTheme([
  createCategory('struck', 'diamond', { label: 'Struck', color: '#b3261e', kinds: ['airbase'], statuses: ['struck'] }),
  createCategory('claimed-region', 'hatch', { label: 'Claimed', color: '#a23b2a', kinds: ['claimed-region'] }),
]);
const theme: Theme = { ...base, colors: { ...base.colors, text: '#111111', halo: '#ffffff', arc: '#7a1f1f' } };

function createPrep() {
  const story = {
    title: 't',
    subtitle: 's',
    start: '2025-05-15T00:00Z',
    end: '2025-06-17T00:00Z',
    displayZone: { label: 'UTC+3', offsetMinutes: 180, places: 'Istanbul' },
    focus: [],
    defaultDwell: 8,
    camera: { center: [60, 55], zoom: 2 },
    credit: 'c',
    sources: [],
    events: [
      { id: 'strike', start: '2025-06-01T11:35Z', precision: 'minute', title: 'x', body: 'y', places: ['olenya'], statuses: [{ place: 'olenya', status: 'struck' }], sources: ['a'], claims: [] },
    ],
  } as unknown as Story;
  const places: BuiltPlace[] = [
    {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [33.47, 68.15] },
      properties: { id: 'olenya', kind: 'airbase', name: 'Olenya', description: 'd', sources: ['a'], anchor: [33.47, 68.15], distanceKm: 1760, borderPoint: [33.2, 52.3] },
    },
    {
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [[[37, 47], [39, 47], [39, 49], [37, 47]]] },
      properties: { id: 'claimed-donetsk', kind: 'claimed-region', name: 'Donetsk Oblast', description: 'd', sources: ['a'], anchor: [38, 48], heldShare: { text: 'about 67% held by Russia (June 2025)', source: 'r' } },
    },
  ];
  return prepareStory(story, theme, places);
}

const atlases = {} as Atlases;
const state = (h: number): LayerState => ({ h, fadeIn: 0, fadeOut: 0, layers: layerIds(theme), current: [], zoom: 3, font: 'Noto Sans', scale: 1, labels: NO_LABELS });

describe('buildLayers', () => {
  it('moves only the GPU filter on a time step: same ids, same data objects, new filter range', () => {
    const data = prepareLayerData(createPrep());
    const a = buildLayers(data, state(10), theme, atlases);
    const b = buildLayers(data, state(420), theme, atlases);
    expect(b.map((l) => l.id)).toEqual(a.map((l) => l.id));
    a.forEach((layer, i) => expect(b[i].props.data).toBe(layer.props.data));
    const areasA = a.find((l) => l.id === 'areas')!.props as unknown as { filterRange: number[] };
    const areasB = b.find((l) => l.id === 'areas')!.props as unknown as { filterRange: number[] };
    expect(areasA.filterRange[1]).toBe(10);
    expect(areasB.filterRange[1]).toBe(420);
  });

  it('with a clock, every time-filtered layer recomputes its ranges from the clock when it draws', () => {
    const data = prepareLayerData(createPrep());
    const clock = { h: 10, fadeIn: 0, fadeOut: 0 };
    const layers = buildLayers(data, { ...state(10), clock, zoom: 4 }, theme, atlases);
    type Timed = { timeClock: unknown; timeRanges: (c: typeof clock) => { filterRange: unknown; filterSoftRange?: unknown }; filterRange: unknown };
    const timed = layers.map((l) => [l.id, l.props as unknown as Timed] as const);
    // a callout's leader under every name (their halos break it where one crosses it), its panel over all
    expect(timed.map(([id]) => id)).toEqual(['areas', 'distance-arcs', 'leaders', 'area-labels', 'talks-on', 'emphasis', 'points', 'distance-labels', 'labels', 'notes']);
    // The current event's leader line is rebuilt with the event and has no time filter.
    for (const [id, p] of timed.filter(([id]) => id !== 'leaders')) {
      expect(p.timeClock, id).toBe(clock);
      // Built at the clock's reading: the static props equal what the rule gives now.
      expect(p.timeRanges(clock).filterRange, id).toEqual(p.filterRange);
    }
    const rule = (id: string) => timed.find(([x]) => x === id)![1].timeRanges;
    // A time step with a fade in progress: only the clock changes, and the ranges follow it.
    Object.assign(clock, { h: 30, fadeIn: 2, fadeOut: 1 });
    expect(rule('areas')(clock)).toEqual({ filterRange: [-1e4, 31], filterSoftRange: [-1e4, 28] });
    expect(rule('talks-on')(clock).filterRange).toEqual([
      [-1e4, 30],
      [30, 1e4],
    ]);
    expect(rule('emphasis')(clock)).toEqual({
      filterRange: [
        [-1e4, 31],
        [-1e4, 1e4],
      ],
    });
    // The notes always pass their filter (it is there so they share the distance labels' shader program).
    expect(rule('notes')(clock)).toEqual({ filterRange: [-1e4, 31], filterSoftRange: [-1e4, 28] });
    // Labels fade in with their place; which labels show is the label plan's decision.
    expect(rule('labels')(clock)).toEqual({ filterRange: [-1e4, 31], filterSoftRange: [-1e4, 28] });
  });

  it('never filters by more categories than deck.gl takes (128): the current ring draws the current points, whatever the story size', () => {
    const prep = createPrep();
    const olenya = prep.places.find((p) => p.id === 'olenya')!;
    const many = Array.from({ length: 300 }, (_, i) => ({ ...olenya, id: `olenya-${i}` }));
    const data = prepareLayerData({ ...prep, places: [...prep.places, ...many] });
    const current = ['olenya-7', 'olenya-250'];
    const layers = buildLayers(data, { ...state(420), current }, theme, atlases);
    for (const l of layers) {
      const { getFilterCategory, data, dataTransform } = l.props as unknown as { getFilterCategory?: unknown; data?: unknown; dataTransform?: (d: unknown) => unknown };
      const rows = dataTransform ? dataTransform(data) : data;
      if (typeof getFilterCategory !== 'function' || !Array.isArray(rows)) continue;
      const values = new Set(rows.map((r) => (getFilterCategory as (r: unknown) => unknown)(r)));
      expect(values.size, l.id).toBeLessThanOrEqual(128);
    }
    const ring = layers.find((l) => l.id === 'emphasis')!.props as unknown as { data: { id: string }[] };
    expect(ring.data.map((p) => p.id)).toEqual(current);
    // the same array while the current places stay, so deck.gl rebuilds nothing on a time step
    expect(buildLayers(data, { ...state(421), current: [...current] }, theme, atlases).find((l) => l.id === 'emphasis')!.props.data).toBe(ring.data);
  });

  it("filters the current event's ring by its place's layer: toggled off, the mark leaves no empty ring", () => {
    const data = prepareLayerData(createPrep());
    const s = state(420);
    const olenya = data.points.find((p) => p.id === 'olenya')!;
    const off = s.layers.filter((l) => l !== olenya.category);
    for (const layers of [s.layers, off]) {
      const ring = buildLayers(data, { ...s, layers, current: ['olenya'] }, theme, atlases).find((l) => l.id === 'emphasis')!.props as unknown as {
        getFilterCategory: (p: unknown) => string;
        filterCategories: string[];
      };
      expect(ring.filterCategories.includes(ring.getFilterCategory(olenya)), layers === off ? 'toggled off' : 'on').toBe(layers !== off);
    }
  });

  it('gives every layer of one class the same filter configuration, so each class compiles one shader program', () => {
    const layers = buildLayers(prepareLayerData(createPrep()), state(10), theme, atlases);
    const configs = new Map<string, Set<string>>();
    for (const l of layers) {
      const ext = (l.props.extensions ?? []).map((e) => `${e.constructor.name}${JSON.stringify((e as unknown as { opts: unknown }).opts)}`).join('+');
      configs.set(l.constructor.name, (configs.get(l.constructor.name) ?? new Set()).add(ext));
    }
    expect(configs.get('TextLayer')?.size).toBe(1);
    expect(configs.get('ScatterplotLayer')?.size).toBe(1);
    for (const [cls, set] of configs) expect([...set], cls).toHaveLength(1);
  });

  it('without a clock, layers filter on their own ranges only', () => {
    const layers = buildLayers(prepareLayerData(createPrep()), state(10), theme, atlases);
    for (const l of layers) expect((l.props as unknown as { timeClock?: unknown }).timeClock ?? null, l.id).toBeNull();
  });

  it('hides a toggled-off layer through its visibility or filter categories, not by dropping data', () => {
    const data = prepareLayerData(createPrep());
    const s = { ...state(420), layers: layerIds(theme).filter((id) => id !== 'distances' && id !== 'struck') };
    const layers = buildLayers(data, s, theme, atlases);
    expect(layers.find((l) => l.id === 'distance-arcs')!.props.visible).toBe(false);
    const points = layers.find((l) => l.id === 'points')!.props as unknown as { filterCategories: string[]; data: unknown[] };
    expect(points.filterCategories).not.toContain('struck');
    expect(points.data).toHaveLength(1);
  });

  it('on a narrow map shows distance labels only from zoom 4; the arcs stay', () => {
    const data = prepareLayerData(createPrep());
    const visible = (s: Partial<LayerState>) => {
      const layers = buildLayers(data, { ...state(420), ...s }, theme, atlases);
      return ['distance-arcs', 'distance-labels'].map((id) => layers.find((l) => l.id === id)!.props.visible);
    };
    expect(visible({ narrow: true, zoom: 1.5 })).toEqual([true, false]);
    expect(visible({ narrow: true, zoom: 4 })).toEqual([true, true]);
    expect(visible({ narrow: false, zoom: 1.5 })).toEqual([true, true]);
    expect(visible({ zoom: 1.5 })).toEqual([true, true]);
  });

  it('draws labels from one font atlas made at load: the story\'s characters, grown only by a character no story text has', () => {
    const prep = createPrep();
    const data = prepareLayerData(prep);
    const texts = ['Donetsk Oblast\nabout 67% held by Russia', 'Olenya', '1,760 km'];
    for (const ch of texts.join('').replace('\n', '')) expect(data.characters.set.has(ch), ch).toBe(true);
    expect(data.characters.text).not.toContain('\n');
    const charsOf = (layers: ReturnType<typeof buildLayers>) =>
      layers.filter((l) => l.constructor.name === 'TextLayer').map((l) => (l.props as unknown as { characterSet: unknown }).characterSet);
    const before = data.characters.text;
    expect(new Set(charsOf(buildLayers(data, state(10), theme, atlases)))).toEqual(new Set([before]));
    // a label with a character outside the story's (never, for its own labels) grows the set once
    const olenya = prep.placeById.get('olenya')!;
    const odd = { id: 'olenya', text: 'Olenya \u0416', position: [33.47, 68.15] as [number, number], size: 13, dx: 0, dy: 0, w: 40, h: 13, place: olenya };
    const grown = charsOf(buildLayers(data, { ...state(10), labels: { ...NO_LABELS, points: [odd] } }, theme, atlases));
    expect(new Set(grown)).toEqual(new Set([before + '\u0416']));
  });

  it('hands deck.gl the same layer again when what it is built from is unchanged, and a new one when not or when deck.gl let it go', () => {
    const data = prepareLayerData(createPrep());
    const clock = { h: 10, fadeIn: 0, fadeOut: 0 };
    const s = { ...state(10), clock, labels: { ...NO_LABELS, points: [] } };
    const a = buildLayers(data, s, theme, atlases);
    // not yet taken up by deck.gl: nothing is reused
    expect(buildLayers(data, s, theme, atlases).some((l, i) => l === a[i])).toBe(false);
    const b = buildLayers(data, s, theme, atlases);
    const live = (layers: typeof b, lifecycle = 'Initialized') => layers.forEach((l) => Object.assign(l, { lifecycle }));
    live(b);
    // a rest of a drag: the clock moved, the points' labels changed, nothing else
    clock.h = 11;
    const moved = { ...s.labels, points: [] };
    const c = buildLayers(data, { ...s, labels: moved }, theme, atlases);
    expect(c.filter((l, i) => l !== b[i]).map((l) => l.id)).toEqual(['labels']);
    live(c);
    // a layer toggled off: every layer it filters is built again
    const d = buildLayers(data, { ...s, labels: moved, layers: s.layers.filter((id) => id !== 'struck') }, theme, atlases);
    expect(d.filter((l, i) => l === c[i]).map((l) => l.id)).toEqual([]);
    // deck.gl finalized them (a lost context): never handed over again
    live(c, 'Finalized! Awaiting garbage collection');
    expect(buildLayers(data, { ...s, labels: moved }, theme, atlases).some((l, i) => l === c[i])).toBe(false);
  });

  it('labels claimed regions with the share held, and gives distances in km', () => {
    const prep = createPrep();
    expect(labelText(prep.placeById.get('claimed-donetsk')!)).toBe('Donetsk Oblast\nabout 67% held by Russia');
    expect(labelText(prep.placeById.get('olenya')!)).toBe('Olenya');
  });
});

describe('helpers', () => {
  it('parses hex colours', () => {
    expect(rgba('#b3261e', 10)).toEqual([179, 38, 30, 10]);
  });
  it('finds the great-circle midpoint', () => {
    const [lon, lat] = greatCircleMidpoint([0, 0], [90, 0]);
    expect(lon).toBeCloseTo(45, 6);
    expect(lat).toBeCloseTo(0, 6);
    const [, northLat] = greatCircleMidpoint([-45, 60], [135, 60]);
    expect(northLat).toBeCloseTo(90, 6);
  });

  it('finds points along a great circle, its ends at 0 and 1', () => {
    expect(greatCirclePoint([0, 0], [90, 0], 1 / 3)[0]).toBeCloseTo(30, 6);
    const [lon, lat] = greatCirclePoint([10, 20], [50, 60], 0);
    expect(lon).toBeCloseTo(10, 6);
    expect(lat).toBeCloseTo(20, 6);
    expect(greatCirclePoint([10, 20], [50, 60], 1)[1]).toBeCloseTo(60, 6);
    // along a meridian, a quarter of the way is a quarter of the latitude
    expect(greatCirclePoint([33, 52], [33, 68], 0.25)).toEqual([expect.closeTo(33, 6), expect.closeTo(56, 6)]);
  });

  it('draws area names under the marks and point names over them', () => {
    const data = prepareLayerData(createPrep());
    const ids = buildLayers(data, state(10), theme, atlases).map((l) => l.id);
    expect(ids.indexOf('area-labels')).toBeLessThan(ids.indexOf('emphasis'));
    expect(ids.indexOf('area-labels')).toBeLessThan(ids.indexOf('points'));
    expect(ids.indexOf('labels')).toBeGreaterThan(ids.indexOf('points'));
    expect(data.areaLabels.length).toBeGreaterThan(0);
    expect(data.areaLabels.every((p) => p.isArea)).toBe(true);
    expect(data.labels.length).toBeGreaterThan(0);
    expect(data.labels.some((p) => p.isArea)).toBe(false);
  });

  it('draws a name of several lines beside its mark lined up on the mark\'s side, and any other label centred on its box', () => {
    const data = prepareLayerData(createPrep());
    const place = data.labels[0];
    const base = { id: place.id, position: [0, 0] as [number, number], size: 13, dy: 0, w: 60, h: 30, place };
    const right = { ...base, text: 'Ab\ncd ef', dx: 40, align: { anchor: 'start' as const, dx: 13 } };
    const above = { ...base, text: 'Ab cd', dx: 0, dy: -20 };
    const layer = buildLayers(data, { ...state(10), labels: { ...NO_LABELS, points: [right, above] } }, theme, atlases).find((l) => l.id === 'labels')!;
    const { getTextAnchor, getPixelOffset } = layer.props as unknown as { getTextAnchor: (l: unknown) => string; getPixelOffset: (l: unknown) => [number, number] };
    expect([getTextAnchor(right), getPixelOffset(right)]).toEqual(['start', [13, 0]]);
    expect([getTextAnchor(above), getPixelOffset(above)]).toEqual(['middle', [0, -20]]);
  });

  it('puts a label below its mark where asked, or only while zoomed out', () => {
    const place = (props: Record<string, unknown>) => ({ props }) as unknown as Parameters<typeof labelBelow>[0];
    expect(labelBelow(place({}), 2)).toBe(false);
    expect(labelBelow(place({ labelPlacement: 'below' }), 12)).toBe(true);
    expect(labelBelow(place({ labelBelowUnder: 5 }), 2)).toBe(true);
    expect(labelBelow(place({ labelBelowUnder: 5 }), 4.5)).toBe(true);
    expect(labelBelow(place({ labelBelowUnder: 5 }), 5)).toBe(false);
    expect(labelBelow(place({ labelBelowUnder: 5 }), 11)).toBe(false);
  });
});

describe('townNameZooms', () => {
  const point = (id: string, name: string, anchor: [number, number], isArea = false) => ({ id, isArea, props: { name, anchor } }) as unknown as PreparedPlace;
  const town = (name: string, at: [number, number], minZoom: number) => ({ type: 'Feature' as const, properties: { name, minZoom }, geometry: { type: 'Point' as const, coordinates: at } });
  const towns = { type: 'FeatureCollection' as const, features: [town('Alpha', [30, 50], 5), town('Beta', [10, 0], 3), town('Alpha', [30.02, 50], 4), town('Gamma', [20, 60], 3)] };

  it('gives a point the zoom of the nearest-showing town of its own name within 5 km, and nothing to others', () => {
    const zooms = townNameZooms(
      [
        point('a', 'alpha', [30.01, 50]), // two towns named Alpha within 5 km: the earlier zoom
        point('b', 'Beta', [10.1, 0]), // Beta is 11 km away
        point('g', 'Delta', [20, 60]), // a town at the spot, of another name
        point('area', 'Gamma', [20, 60], true),
      ],
      towns,
    );
    expect([...zooms]).toEqual([['a', 4]]);
    expect(townNameZooms([point('a', 'Alpha', [30, 50])], undefined).size).toBe(0);
  });
});
