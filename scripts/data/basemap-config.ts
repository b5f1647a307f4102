import { z } from 'zod';

const Lon = z.number().min(-180).max(180);
const Lat = z.number().min(-85).max(85);
const BBox = z.tuple([Lon, Lat, Lon, Lat]).refine(([w, s, e, n]) => w < e && s < n, 'west < east and south < north');
const Zoom = z.number().min(0).max(16);

/** data/basemap.json: where the basemap is detailed, which towns and waters it names. */
export const BasemapConfig = z.strictObject({
  fine: z.strictObject({
    boxes: z.array(BBox).min(1).describe('Where countries are drawn from Natural Earth 1:10m and the admin-1 regions are fitted to them.'),
    maxZoom: Zoom.describe('Deepest zoom the 1:10m data holds up at (it is simplified to a quarter pixel there).'),
    note: z.string().optional(),
  }),
  coarseMaxZoom: Zoom.describe('Deepest zoom the 1:50m data holds up at, everywhere else.'),
  closeUps: z
    .array(z.strictObject({ id: z.string().regex(/^[a-z0-9-]+$/), bbox: BBox, minZoom: Zoom, maxZoom: Zoom }))
    .describe('Boxes drawn from the GSHHG full-resolution shoreline from minZoom on, loaded when the camera goes there.'),
  rivers: z.strictObject({ bbox: BBox, minZoom: Zoom }),
  towns: z.strictObject({
    named: z.array(
      z.strictObject({ name: z.string().min(1), label: z.string().min(1).optional(), country: z.string().length(2).optional(), adminCode: z.string().optional(), minZoom: Zoom }),
    ),
    minPopulationFine: z.number().int().positive(),
    minPopulationElsewhere: z.number().int().positive(),
    bounds: BBox,
  }),
  water: z.array(
    z.strictObject({ name: z.string().min(1), at: z.tuple([Lon, Lat]), minZoom: Zoom, kind: z.enum(['sea', 'strait', 'river']), rotate: z.number().min(-90).max(90).optional() }),
  ),
});
export type BasemapConfig = z.infer<typeof BasemapConfig>;
