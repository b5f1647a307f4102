import type { ExpressionSpecification, GeoJSONSource, LayerSpecification, Map as MapLibreMap, StyleSpecification, SymbolLayerSpecification } from 'maplibre-gl';
import type { Feature, FeatureCollection, MultiLineString, MultiPolygon, Polygon } from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Theme } from '../data/schema.ts';
import { FRAME_EDGES, frameEdgeLayer } from './frame-edges.ts';

export interface BasemapGeo {
  countries: FeatureCollection<Polygon | MultiPolygon, { id: string; name: string; lx?: number; ly?: number; rank?: number }>;
  borders: MultiLineString;
  regionLines: MultiLineString;
  labels: FeatureCollection;
  /** Towns (GeoNames) with the zoom their name shows from (`minZoom`) and population (`pop`). */
  towns?: FeatureCollection;
  /** Names of seas, straits and rivers at a point, each with its `minZoom`, `kind` and text `rotate` (degrees). */
  water?: FeatureCollection;
  /** Lakes and the islands in them, when the basemap has them. */
  lakes?: FeatureCollection;
  lakeIslands?: FeatureCollection;
  /** Where more detail is (detail.json): a box per file, with the zooms it is shown from (`minZoom`) and holds up to (`maxZoom`). */
  detail: FeatureCollection;
}

/** Returns the basemap's GeoJSON pieces from the built TopoJSON: areas, international borders, region lines (built as lines: the arcs between two regions of one country), country labels, towns and water names. */
export function basemapGeo(topo: Topology, detail: FeatureCollection = { type: 'FeatureCollection', features: [] }): BasemapGeo {
  const countriesObj = topo.objects.countries as GeometryCollection;

  const countries = feature(topo, countriesObj) as unknown as BasemapGeo['countries'];
  const labels: FeatureCollection = {
    type: 'FeatureCollection',
    features: countries.features
      .filter((f) => f.properties.lx !== undefined)
      .map((f) => ({
        type: 'Feature',
        properties: { name: f.properties.name, rank: f.properties.rank ?? 9 },
        geometry: { type: 'Point', coordinates: [f.properties.lx!, f.properties.ly!] },
      })),
  };
  const area = (key: string): FeatureCollection | undefined =>
    topo.objects[key] ? { type: 'FeatureCollection', features: [feature(topo, topo.objects[key]) as unknown as Feature<MultiPolygon>] } : undefined;
  const points = (key: string) => (topo.objects[key] ? (feature(topo, topo.objects[key] as GeometryCollection) as FeatureCollection) : undefined);
  return {
    countries,
    borders: mesh(topo, countriesObj, (a, b) => a !== b),
    regionLines: (feature(topo, topo.objects.regionLines) as unknown as Feature<MultiLineString>).geometry,
    labels,
    lakes: area('lakes'),
    lakeIslands: area('lakeIslands'),
    towns: points('towns'),
    water: points('water'),
    detail,
  };
}

/** Returns the source id of a detail file's data. */
export const detailSource = (id: string) => `detail-${id}`;

/** Colour of sea, strait and river names: a darker shade of the theme's water. */
const WATER_LABEL = '#5d7f99';
/** Colour of rivers: bluer than the sea's fill, so a thin river does not read as a border. */
const RIVER = '#a8c4da';

/** Id of the source and layer that hold the story labels' room in the basemap. */
export const LABEL_SPACE = 'story-label-space';

/** Id of the image of a town's dot (see `townDotImage`). */
export const TOWN_DOT = 'town-dot';
/** A town dot's radius (px, stroke included) at zoom 3 and from zoom 10 on (the dot grows between). */
const TOWN_DOT_RADII = [1.8 + 0.8, 3 + 0.8] as const;
/** Pixels of the dot's image per CSS px: sharp on screens up to 4 device px per CSS px and on a kiosk's scale. */
const TOWN_DOT_PIXEL_RATIO = 4;

/** Returns [r, g, b] of a `#rrggbb` colour. */
const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

/**
 * Returns the image of a town's dot at its largest (zoom 10): a disc in `fill` with a 0.8 px ring in
 * `stroke`, edges antialiased, as RGBA pixels at `TOWN_DOT_PIXEL_RATIO` (for `map.addImage`).
 */
export function townDotImage(fill: string, stroke: string): { width: number; height: number; data: Uint8Array; pixelRatio: number } {
  const px = TOWN_DOT_PIXEL_RATIO;
  const outer = TOWN_DOT_RADII[1] * px;
  const inner = (TOWN_DOT_RADII[1] - 0.8) * px;
  const size = Math.ceil(outer * 2) + 2;
  const data = new Uint8Array(size * size * 4);
  const [f, s] = [rgb(fill), rgb(stroke)];
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x + 0.5 - size / 2, y + 0.5 - size / 2);
      const cover = Math.min(1, Math.max(0, outer - d + 0.5));
      const inFill = Math.min(1, Math.max(0, inner - d + 0.5));
      const i = (y * size + x) * 4;
      for (let k = 0; k < 3; k++) data[i + k] = Math.round(f[k] * inFill + s[k] * (1 - inFill));
      data[i + 3] = Math.round(255 * cover);
    }
  return { width: size, height: size, data, pixelRatio: px };
}

/** Adds the basemap's images (a town's dot, in the theme's colours) to `map`; call it before the style's tiles are laid out. */
export function addBasemapImages(map: Pick<MapLibreMap, 'addImage' | 'hasImage'>, colors: Theme['colors']): void {
  const { data, ...size } = townDotImage(colors.countryLabel, colors.land);
  if (!map.hasImage(TOWN_DOT)) map.addImage(TOWN_DOT, { width: size.width, height: size.height, data }, { pixelRatio: size.pixelRatio });
}

/** Size (px at scale 1) of the room kept for a story mark (a place's symbol, about 24 px across) at its point. */
const MARK_ROOM_PX = 24;
/** Size (px at scale 1) of the room kept round a current event's point: its rings (layers.ts 'emphasis', 30 px across, and a venue's 'talks-on', 47 px) with an M's box about 0.85 of its size wide. */
const RING_ROOM_PX = 56;
/** Size (px at scale 1) of the room kept along a leader: an M this small, with the layer's 4 px padding, keeps a box about 12 px across. */
const LEADER_ROOM_PX = 4;
/** Distance (px) between two of a leader's rooms, less than a room's width so that no name fits between them. */
const LEADER_STEP_PX = 8;

/**
 * Tells the basemap where the story's labels are (text, size px, offset px from their point) and
 * its marks (at each label's point, and at every point mark shown, `points`, named or not), so that
 * its own names give way to both. The marks' room grows with the story's marks (`scale`: the mode's
 * mark scale times the screen's and the type scale), and a `ringed` point (the current event's,
 * [lon, lat]) keeps its ring's room. The `leaders` that join a callout or a moved name to its place
 * ([lon, lat] ends) keep a narrow room all along, so that no town's name is printed across one.
 */
export function showLabelSpace(
  map: Pick<MapLibreMap, 'getSource' | 'project'>,
  labels: { text: string; position: [number, number]; size: number; dx: number; dy: number }[],
  marks: { scale?: number; ringed?: [number, number][]; points?: [number, number][]; leaders?: { from: [number, number]; to: [number, number] }[] } = {},
): void {
  const source = map.getSource(LABEL_SPACE) as GeoJSONSource | undefined;
  const scale = marks.scale ?? 1;
  const ringed = new Set((marks.ringed ?? []).map((p) => p.join(',')));
  const room = new Map<string, { position: [number, number]; size: number }>();
  for (const position of [...labels.map((l) => l.position), ...(marks.points ?? [])]) {
    const key = position.join(',');
    const size = (ringed.has(key) ? RING_ROOM_PX : MARK_ROOM_PX) * scale;
    if ((room.get(key)?.size ?? 0) < size) room.set(key, { position, size });
  }
  source?.setData({
    type: 'FeatureCollection',
    features: [
      ...labels.map((l) => ({
        type: 'Feature' as const,
        properties: { text: l.text, size: l.size, offset: [l.dx / l.size, l.dy / l.size] },
        geometry: { type: 'Point' as const, coordinates: l.position },
      })),
      ...[...room.values()].map(({ position, size }) => ({
        type: 'Feature' as const,
        properties: { text: 'M', size, offset: [0, 0] },
        geometry: { type: 'Point' as const, coordinates: position },
      })),
      ...(marks.leaders ?? []).flatMap(({ from, to }) => {
        // rooms every LEADER_STEP_PX along the leader as drawn now, both ends included
        const [a, b] = [map.project(from), map.project(to)];
        const n = Math.max(1, Math.ceil(Math.hypot(b.x - a.x, b.y - a.y) / LEADER_STEP_PX));
        return Array.from({ length: n + 1 }, (_, k) => ({
          type: 'Feature' as const,
          properties: { text: 'M', size: LEADER_ROOM_PX * scale, offset: [0, 0] },
          geometry: { type: 'Point' as const, coordinates: [from[0] + ((to[0] - from[0]) * k) / n, from[1] + ((to[1] - from[1]) * k) / n] },
        }));
      }),
    ],
  });
}

/**
 * Returns a self-contained maplibre style (no tiles, no glyph or sprite URLs) drawing the basemap in
 * the theme. `scale` (a big kiosk screen's, ≥ 1) draws it as a screen `scale` times smaller would, in
 * proportion: zoom thresholds move by log2(scale), and lines and labels grow by `scale`.
 */
export function basemapStyle(geo: BasemapGeo, theme: Theme, credit: string, scale = 1): StyleSpecification {
  const c = theme.colors;
  const dz = Math.log2(scale);
  /** A linear zoom ramp through [zoom, value] stops, shifted and scaled for the screen. */
  const ramp = (...stops: [number, number][]) => ['interpolate', ['linear'], ['zoom'], ...stops.flatMap(([z, v]) => [z + dz, v * scale])] as ExpressionSpecification;
  const index = geo.detail.features.map((f) => f.properties as { id: string; kind: 'closeUp' | 'rivers' | 'fine'; minZoom: number });
  const closeUps = index.filter((d) => d.kind === 'closeUp');
  const fine = index.filter((d) => d.kind === 'fine');
  const rivers = index.find((d) => d.kind === 'rivers');
  /** A detail file's fill of one kind of its features, from its minZoom. */
  const detailFill = (d: { id: string; minZoom: number }, kind: 'box' | 'land', color: string, antialias: boolean): LayerSpecification => ({
    id: `detail-${d.id}-${kind === 'box' ? 'water' : 'land'}`,
    type: 'fill',
    source: detailSource(d.id),
    minzoom: d.minZoom + dz,
    filter: ['==', ['get', 'kind'], kind],
    paint: { 'fill-color': color, 'fill-antialias': antialias },
  });
  /** Lakes over the land, and the islands in them over the lakes, from `minzoom`. */
  const lakeLayers = (suffix: string, minzoom: number): LayerSpecification[] => [
    { id: `lakes${suffix}`, type: 'fill', source: 'lakes', minzoom, paint: { 'fill-color': c.ocean } },
    { id: `lake-islands${suffix}`, type: 'fill', source: 'lakeIslands', minzoom, paint: { 'fill-color': c.land } },
  ];
  const regionWidth = ramp([3, 0.4], [8, 1]);
  const borderWidth = ramp([1, 0.5], [6, 1.4], [10, 2]);
  const shown = (dzFilter: number) => ['>=', ['zoom'], ['+', ['get', 'minZoom'], dzFilter]] as ExpressionSpecification;
  /** A town drawn as a dot with its name: from its minZoom, until its `maxZoom` (from which it is an area name). */
  const townDot = ['all', shown(dz), ['!', ['has', 'area']], ['<', ['zoom'], ['+', ['coalesce', ['get', 'maxZoom'], 99], dz]]] as ExpressionSpecification;
  /**
   * A name layer, split where names move to a closer spot (a name with one is two features: the first
   * spot has `handover`, the zoom the second, with `closerFrom`, takes over from). A filter sees the
   * tile's whole zoom (the kiosk's 11.8 is 11 there), so a handover shifted by a fraction for a big
   * screen is made by the layers' zoom range, which is the camera's: a layer for the names with one
   * spot, and for each handover zoom one for the first spots until it and one for the closer spots
   * from it.
   */
  const spotLayers = (layer: SymbolLayerSpecification, names: FeatureCollection | undefined, filter: ExpressionSpecification): SymbolLayerSpecification[] => {
    const handovers = new Set<number>();
    for (const f of names?.features ?? []) if (typeof f.properties?.handover === 'number') handovers.add(f.properties.handover);
    return [
      { ...layer, filter: ['all', filter, ['!', ['has', 'handover']], ['!', ['has', 'closerFrom']]] },
      ...[...handovers]
        .sort((a, b) => a - b)
        .flatMap((z): SymbolLayerSpecification[] => [
          { ...layer, id: `${layer.id}-until-${z}`, maxzoom: z + dz, filter: ['all', filter, ['==', ['get', 'handover'], z]] },
          { ...layer, id: `${layer.id}-from-${z}`, minzoom: z + dz, filter: ['==', ['get', 'closerFrom'], z] },
        ]),
    ];
  };
  const empty = { type: 'FeatureCollection', features: [] } as FeatureCollection;
  return {
    version: 8,
    sources: {
      countries: { type: 'geojson', data: geo.countries, attribution: credit },
      borders: { type: 'geojson', data: { type: 'Feature', properties: {}, geometry: geo.borders } },
      regionLines: { type: 'geojson', data: { type: 'Feature', properties: {}, geometry: geo.regionLines } },
      countryLabels: { type: 'geojson', data: geo.labels },
      lakes: { type: 'geojson', data: geo.lakes ?? empty },
      lakeIslands: { type: 'geojson', data: geo.lakeIslands ?? empty },
      towns: { type: 'geojson', data: geo.towns ?? empty },
      water: { type: 'geojson', data: geo.water ?? empty },
      ...Object.fromEntries(index.map((d) => [detailSource(d.id), { type: 'geojson', data: empty } as const])),
      [LABEL_SPACE]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
      [FRAME_EDGES]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
    },
    layers: [
      { id: 'ocean', type: 'background', paint: { 'background-color': c.ocean } },
      { id: 'land', type: 'fill', source: 'countries', paint: { 'fill-color': c.land, 'fill-antialias': true } },
      ...lakeLayers('', 0),
      {
        id: 'region-lines',
        type: 'line',
        source: 'regionLines',
        minzoom: 3 + dz,
        paint: { 'line-color': c.regionBorder, 'line-width': regionWidth },
      },
      { id: 'borders', type: 'line', source: 'borders', layout: { 'line-join': 'round' }, paint: { 'line-color': c.countryBorder, 'line-width': borderWidth } },
      // A fine box's 1:10m detail covers the first load inside the box (its water, then its land, which
      // reaches a little past the box so that its edge falls on land), with its own lines above the rivers.
      ...fine.flatMap((d) => [detailFill(d, 'box', c.ocean, false), detailFill(d, 'land', c.land, true)]),
      // Lakes again over a 1:10m box's land from where it shows (a border through a lake outside the
      // boxes is then under the lake from that zoom on).
      ...(fine.length ? lakeLayers('-over-detail', Math.min(...fine.map((d) => d.minZoom)) + dz) : []),
      ...(rivers
        ? [
            {
              id: 'rivers',
              type: 'line',
              source: detailSource(rivers.id),
              minzoom: rivers.minZoom + dz,
              layout: { 'line-join': 'round', 'line-cap': 'round' },
              paint: { 'line-color': RIVER, 'line-width': ramp([5, 0.7], [8, 1.4], [11, 2.2]) },
            } satisfies LayerSpecification,
          ]
        : []),
      ...fine.flatMap((d): LayerSpecification[] => [
        {
          id: `detail-${d.id}-region-lines`,
          type: 'line',
          source: detailSource(d.id),
          minzoom: Math.max(3, d.minZoom) + dz,
          filter: ['==', ['get', 'kind'], 'region-line'],
          paint: { 'line-color': c.regionBorder, 'line-width': regionWidth },
        },
        {
          id: `detail-${d.id}-borders`,
          type: 'line',
          source: detailSource(d.id),
          minzoom: d.minZoom + dz,
          filter: ['==', ['get', 'kind'], 'border'],
          layout: { 'line-join': 'round' },
          paint: { 'line-color': c.countryBorder, 'line-width': borderWidth },
        },
      ]),
      ...closeUps.flatMap((d) => [detailFill(d, 'box', c.ocean, false), detailFill(d, 'land', c.land, true)]),
      ...spotLayers(
        {
          id: 'water-labels',
          type: 'symbol',
          source: 'water',
          layout: {
            'text-field': ['get', 'name'],
            'text-font': [theme.font],
            'text-size': ['interpolate', ['linear'], ['zoom'], ...[[3, 11, 10], [8, 15, 12], [11, 16, 14]].flatMap(([z, sea, other]) => [z + dz, ['match', ['get', 'kind'], 'sea', sea * scale, other * scale]])] as ExpressionSpecification,
            'text-rotate': ['get', 'rotate'],
            'text-letter-spacing': 0.08,
            'text-max-width': 7,
            'text-padding': 2 * scale,
          },
          // a strait's name lies across its banks: its halo is the land's
          paint: { 'text-color': WATER_LABEL, 'text-halo-color': ['match', ['get', 'kind'], 'strait', c.land, c.ocean], 'text-halo-width': 1 * scale },
        },
        geo.water,
        shown(dz),
      ),
      {
        id: 'town-labels',
        type: 'symbol',
        source: 'towns',
        filter: townDot,
        // the dot and the name are one symbol: both are placed or neither (no dot is left without its name)
        layout: {
          'icon-image': TOWN_DOT,
          'icon-size': ramp([3, TOWN_DOT_RADII[0] / TOWN_DOT_RADII[1]], [10, 1]),
          'icon-optional': false,
          'text-optional': false,
          'text-field': ['get', 'name'],
          'text-font': [theme.font],
          'text-size': ['interpolate', ['linear'], ['get', 'pop'], 50_000, 11 * scale, 1_000_000, 13 * scale],
          'text-variable-anchor': ['left', 'right', 'top', 'bottom'],
          'text-radial-offset': 0.45,
          'text-justify': 'auto',
          'text-max-width': 8,
          'text-padding': 2 * scale,
          'symbol-sort-key': ['-', 0, ['get', 'pop']],
        },
        paint: { 'text-color': c.muted, 'text-halo-color': c.land, 'text-halo-width': 1.2 * scale },
      },
      // a city seen close (a named town marked `area` in data/basemap.json): its name over the city, no dot; placed
      // before the towns' names (a layer above is placed first), so its districts give way to it
      ...spotLayers(
        {
          id: 'town-areas',
          type: 'symbol',
          source: 'towns',
          layout: {
            'text-field': ['get', 'name'],
            'text-font': [theme.font],
            'text-size': 15 * scale,
            'text-transform': 'uppercase',
            'text-letter-spacing': 0.2,
            'text-variable-anchor': ['center', 'bottom', 'top'],
            'text-radial-offset': 1.2,
            'text-padding': 4 * scale,
          },
          paint: { 'text-color': c.countryLabel, 'text-halo-color': c.land, 'text-halo-width': 1.5 * scale },
        },
        geo.towns,
        ['all', shown(dz), ['has', 'area']],
      ),
      {
        id: 'country-labels',
        type: 'symbol',
        source: 'countryLabels',
        layout: {
          'text-field': ['get', 'name'],
          'text-font': [theme.font],
          'text-size': ramp([1, 10], [6, 14]),
          'text-transform': 'uppercase',
          'text-letter-spacing': 0.12,
          'text-max-width': 8,
          'symbol-sort-key': ['get', 'rank'],
        },
        paint: { 'text-color': c.countryLabel, 'text-halo-color': c.land, 'text-halo-width': 1.2 * scale },
      },
      frameEdgeLayer(theme.font),
      {
        // The story's labels (drawn by deck.gl) as invisible text at the same place and size: placed
        // first (top layer) and always, they take their room in maplibre's collision index, so the
        // basemap's names give way to them.
        id: LABEL_SPACE,
        type: 'symbol',
        source: LABEL_SPACE,
        layout: {
          'text-field': ['get', 'text'],
          'text-font': [theme.font],
          'text-size': ['get', 'size'],
          'text-offset': ['get', 'offset'],
          'text-anchor': 'center',
          'text-line-height': 1,
          'text-max-width': 100,
          'text-allow-overlap': true,
          'text-ignore-placement': false,
          'text-padding': 4,
        },
        paint: { 'text-opacity': 0 },
      },
    ],
  };
}
