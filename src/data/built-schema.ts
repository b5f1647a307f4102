import { z } from 'zod';
import { PlaceProperties, SCHEMATIC_KINDS, checkTexts } from './schema.ts';

/**
 * Schemas of the files `npm run data` writes for the app (public/data, dist/data) and no editor
 * writes: the places with their derived geometry, the basemap TopoJSON and the detail coastline.
 * The story and theme are written as validated, so their schemas are those of schema.ts.
 */

const Lon = z.number().min(-540).max(540);
const Lat = z.number().min(-90).max(90);
const Position = z.tuple([Lon, Lat]);
/** A closed ring (its last position its first): the page's point-in-area test (turf's) refuses an open one. */
const Ring = z
  .array(Position)
  .min(4)
  .refine((r) => r[0][0] === r[r.length - 1][0] && r[0][1] === r[r.length - 1][1], 'must be closed: its last position equal to its first');
const Polygon = z.strictObject({ type: z.literal('Polygon'), coordinates: z.array(Ring).min(1) });
const MultiPolygon = z.strictObject({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(Ring).min(1)).min(1) });

/** A place as built: the editor's properties plus a label anchor and derived figures, with a real geometry. */
export const BuiltPlaceFeature = z
  .strictObject({
    type: z.literal('Feature'),
    geometry: z.discriminatedUnion('type', [z.strictObject({ type: z.literal('Point'), coordinates: Position }), Polygon, MultiPolygon]),
    properties: PlaceProperties.extend({
      anchor: Position,
      distanceKm: z.number().nonnegative().optional(),
      borderPoint: Position.optional(),
      areaKm2: z.number().nonnegative().optional(),
    }),
  })
  .superRefine((f, ctx) => {
    if (f.properties.areaKm2 !== undefined && SCHEMATIC_KINDS.includes(f.properties.kind))
      ctx.addIssue({ code: 'custom', path: ['properties', 'areaKm2'], message: `a ${f.properties.kind} shape is schematic: no source gives its size, so it carries no area` });
  });

export const BuiltPlaces = z
  .strictObject({ type: z.literal('FeatureCollection'), features: z.array(BuiltPlaceFeature).min(1) })
  .superRefine((fc, ctx) => checkTexts(fc, ctx));

const ArcIndex = z.number().int();

/** Returns the schema of a TopoJSON collection of polygons whose properties follow `properties`. */
function polygonCollection<P extends z.ZodType>(properties: P) {
  return z.object({
    type: z.literal('GeometryCollection'),
    geometries: z
      .array(
        z.discriminatedUnion('type', [
          z.object({ type: z.literal('Polygon'), arcs: z.array(z.array(ArcIndex).min(1)), properties }),
          z.object({ type: z.literal('MultiPolygon'), arcs: z.array(z.array(z.array(ArcIndex).min(1))), properties }),
        ]),
      )
      .min(1),
  });
}

/** The basemap's first load: a quantised TopoJSON topology with the countries (and their label anchors) and the lines between admin-1 regions. */
export const Basemap = z
  .object({
    type: z.literal('Topology'),
    transform: z.strictObject({ scale: z.tuple([z.number().positive(), z.number().positive()]), translate: z.tuple([z.number(), z.number()]) }),
    arcs: z.array(z.array(z.tuple([z.number().int(), z.number().int()])).min(2)).min(1),
    objects: z.object({
      countries: polygonCollection(
        z.looseObject({ id: z.string(), name: z.string().min(1), lx: Lon.optional(), ly: Lat.optional(), rank: z.number().int().nonnegative().optional() }),
      ),
      regionLines: z.object({ type: z.literal('MultiLineString'), arcs: z.array(z.array(ArcIndex).min(1)) }),
    }),
  })
  .superRefine((topo, ctx) => {
    const n = topo.arcs.length;
    const check = (refs: number[], path: (string | number)[]) => {
      const bad = refs.find((a) => (a < 0 ? ~a : a) >= n);
      if (bad !== undefined) ctx.addIssue({ code: 'custom', path, message: `refers to arc ${bad}; there are ${n}` });
    };
    topo.objects.countries.geometries.forEach((g, i) => check((g.arcs as unknown[]).flat(2) as number[], ['objects', 'countries', 'geometries', i, 'arcs']));
    check(topo.objects.regionLines.arcs.flat(), ['objects', 'regionLines', 'arcs']);
  });

const BoxPolygon = z.strictObject({ type: z.literal('Polygon'), coordinates: z.tuple([z.array(Position).length(5)]) });

/** detail.json (first load): where the basemap has more detail, the zooms it is shown (and holds up) at, and the file that holds it, loaded when the camera goes there. */
export const DetailIndex = z.strictObject({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.strictObject({
      type: z.literal('Feature'),
      geometry: BoxPolygon,
      properties: z.strictObject({
        id: z.string().regex(/^[a-z0-9-]+$/),
        kind: z.enum(['closeUp', 'rivers', 'fine']),
        minZoom: z.number().min(0).max(24),
        maxZoom: z.number().min(0).max(24),
        file: z.string().regex(/^detail-[a-z0-9-]+\.json$/),
      }),
    }),
  ),
});

/** A detail file (detail-*.json, loaded on demand): a close-up's box (water) and GSHHG land, or rivers, each with the zoom it shows from. */
export const Detail = z.strictObject({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.strictObject({
      type: z.literal('Feature'),
      geometry: z.discriminatedUnion('type', [Polygon, MultiPolygon, z.strictObject({ type: z.literal('MultiLineString'), coordinates: z.array(z.array(Position).min(2)) })]),
      properties: z.strictObject({ id: z.string().min(1), minZoom: z.number().min(0).max(24), kind: z.enum(['box', 'land', 'river', 'border', 'region-line']) }),
    }),
  ),
});
