import { z } from 'zod';
import { parseUtcInstant } from '../time/instant.ts';
import { headlineProblem, urlProblem } from './sourcing.ts';
import { AREA_SYMBOLS, IMPACT_STATUSES, POINT_SYMBOLS } from './theme-names.ts';
import { calloutsOf } from './callouts.ts';

export { AREA_SYMBOLS, IMPACT_STATUSES, POINT_SYMBOLS };

/** ISO 8601 instant in UTC, written with a trailing `Z` (seconds optional), e.g. `2025-06-01T11:35Z`. */
export const UtcInstant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/, { error: 'must be an ISO 8601 UTC instant ending in Z', abort: true })
  .refine((s) => parseUtcInstant(s) !== null, 'is not a real date and time (no 30 February, 24:00 or minute 60)');

/** Longest text any field may hold (characters): the longest event body is about 550. */
export const MAX_TEXT = 2000;
/** Longest title or credit (characters). */
export const MAX_TITLE = 200;
/** Markup in a text: a tag (`<b`, `</`, `<!--`, `<?`) or a character entity (`&amp;`, `&#60;`). */
const MARKUP = /<[a-z!/?]|&(#\d+|#x[0-9a-f]+|[a-z]+\d*);/i;

/** A title or credit line: plain text, one line, at most MAX_TITLE characters. */
const Title = z.string().min(1).max(MAX_TITLE);

/** An http(s) URL: a `javascript:`, `data:` or any other scheme would become a link to something else. */
export const HttpUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' });

/**
 * Adds an issue, at its path, for every string in `value` (walked through arrays and objects) that is
 * longer than MAX_TEXT characters or carries HTML markup: data text is shown as text, so a tag would
 * be shown as written, and a text that long is a paste gone wrong.
 */
export function checkTexts(value: unknown, ctx: z.RefinementCtx, path: (string | number)[] = []): void {
  if (typeof value === 'string') {
    if (value.length > MAX_TEXT) ctx.addIssue({ code: 'custom', path, message: `is ${value.length} characters long; at most ${MAX_TEXT}` });
    else if (MARKUP.test(value)) ctx.addIssue({ code: 'custom', path, message: `contains HTML markup ("${MARKUP.exec(value)![0]}…"); write plain text` });
  } else if (Array.isArray(value)) value.forEach((v, i) => checkTexts(v, ctx, [...path, i]));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) checkTexts(v, ctx, [...path, k]);
}

/** What an id in the data files looks like: lower-case kebab-case (`first-meeting`); the tools check their id flags with it. */
export const ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const Id = z.string().regex(ID_PATTERN, 'must be a lower-case kebab-case id');

/** A pointer into a source with the exact words it says. */
export const SourceRef = z.strictObject({
  source: Id,
  quote: z.string().min(3).describe('An exact substring of the source article, typographic characters included.'),
});

/** Someone's claim, with the sources that report it. */
export const Claim = z.strictObject({
  claimant: z.string().min(1).describe('Who makes the claim: a person, a ministry, an agency, or the outlet itself when it speaks in its own voice.'),
  text: z.string().min(1).describe('The claim in our words, short.'),
  topic: z
    .string()
    .min(1)
    .optional()
    .describe('Claims on one topic in one event are shown side by side as a disagreement.'),
  sources: z.array(SourceRef).min(1),
});

export const Camera = z.strictObject({
  center: z.tuple([z.number().min(-180).max(180), z.number().min(-85).max(85)]),
  zoom: z.number().min(0).max(18),
  bearing: z.number().min(-360).max(360).optional(),
  pitch: z.number().min(0).max(60).optional(),
});

const LonLatBox = z.tuple([z.number().min(-180).max(180), z.number().min(-85).max(85), z.number().min(-180).max(180), z.number().min(-85).max(85)]);

/** The area an event is about when it names no place (or more than its places): framed by the camera and named on the map. */
export const EventSubject = z.strictObject({
  bbox: LonLatBox.describe('[west, south, east, north] in degrees: the area the camera frames for this event.'),
  label: z.string().min(1).describe('Drawn on the map at the box centre: what the area is, and if the sources do not say where, that they do not.'),
});

/** The event's key figure, drawn on the map beside its place with the name of who gives it. */
export const EventCallout = z.strictObject({
  place: Id.optional().describe("One of the event's places; without it the callout sits at the subject box's centre."),
  text: z.string().min(1).describe("The figure, copied exactly from the event's body or one of its claims, e.g. \"6,057 people\"."),
  by: z.string().min(1).describe('Who gives the figure (a claimant or the reporting outlet), shown after it.'),
  source: Id.describe("The event's source the figure rests on; one reported elsewhere marks the callout so on the map."),
});

export const PlaceStatus = z.enum(['struck', 'attack-reported', 'talks-on', 'shown']);

export const StoryEvent = z.strictObject({
  id: Id,
  start: UtcInstant,
  end: UtcInstant.optional(),
  endApprox: z.boolean().optional().describe('The end is an estimate (the reports say "just over an hour"): shown as "to about".'),
  precision: z.enum(['day', 'hour', 'minute']),
  title: Title,
  body: z.string().min(1),
  places: z.array(Id).describe('Ids of places (data/places.geojson) the event concerns.'),
  statuses: z
    .array(z.strictObject({ place: Id, status: PlaceStatus }))
    .optional()
    .describe('Places whose status changes at this event.'),
  camera: Camera.optional().describe('Explicit camera: its zoom is the closest the event is framed at (default 6 for one point, 9 otherwise); its centre is kept in frame.'),
  subject: EventSubject.optional(),
  callout: z
    .union([EventCallout, z.array(EventCallout).min(2).max(4)])
    .optional()
    .describe("The event's key figure; or two to four figures that are given side by side (each side's own count, say), each with who gives it: drawn in a row in this order, left to right."),
  dwell: z.number().positive().max(120).optional().describe('Kiosk dwell on this event, in seconds.'),
  sources: z.array(Id).min(1).describe('Source ids behind the title and body.'),
  claims: z.array(Claim),
});

/** One of the story's own articles (the five in the shared sources folder); metadata as in `sources.json`. */
export const ArticleSource = z.strictObject({
  id: Id,
  kind: z.literal('article'),
  file: z.string().min(1).describe('Article file name in the shared sources folder.'),
  headline: z.string().nullable().describe('The headline as printed, or null where the article has none (the lede is shown instead).'),
  lede: z.string().nullable(),
  credit: z.string().nullable(),
  agency: z.string().nullable().optional(),
  outlet: z
    .string()
    .min(1)
    .optional()
    .describe('How a source line names the article where `agency` is null, e.g. "Reuters (contributing)"; left out when the article names no outlet.'),
  date: z.string().nullable(),
  language: z.string().optional(),
});

/**
 * A document outside the five articles ("reported elsewhere"): a specific article, official
 * statement or reference article, with its own headline, outlet, author, date and address.
 */
export const ElsewhereSource = z
  .strictObject({
    id: Id,
    kind: z.literal('elsewhere'),
    headline: z.string().min(1).describe('The document’s own headline (or a reference article’s title), verbatim: never our summary.'),
    outlet: z.string().min(1).describe('Who published it: the outlet\'s name, e.g. "Wikipedia (English)".'),
    author: z.string().min(1).nullable().describe('Byline where the document gives one, else null.'),
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
      .nullable()
      .describe('Publication date; null only for reference articles, which have none.'),
    url: HttpUrl.describe('The document’s own address; its path names the document (a home page is not a citation).'),
    summary: z.string().min(1).optional().describe('What we use it for, in our words; shown labelled as ours.'),
    language: z.string().optional(),
  })
  .superRefine((s, ctx) => {
    const bad = urlProblem(s.url);
    if (bad) ctx.addIssue({ code: 'custom', path: ['url'], message: bad });
    const ours = headlineProblem(s.headline, s.outlet, s.summary);
    if (ours) ctx.addIssue({ code: 'custom', path: ['headline'], message: ours });
  });

export const Source = z.discriminatedUnion('kind', [ArticleSource, ElsewhereSource]);

/** One entry of the corrections log: when, what changed and why, as a newsroom prints it. */
export const Correction = z.strictObject({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD'),
  what: z.string().min(1),
  why: z.string().min(1),
});

/** The "How this map was made" note: headed sections of plain text. */
export const Methods = z.strictObject({
  title: z.string().min(1),
  sections: z.array(z.strictObject({ heading: z.string().min(1), text: z.string().min(1) })).min(1),
});

export const FocusBand = z.strictObject({
  start: UtcInstant,
  end: UtcInstant,
  share: z.number().gt(0).lt(1).describe('Share of the slider width given to this band (0–1).'),
});

/** The story's fields the page needs on first load (everything but the methods note and corrections log). */
const StoryFields = {
  $schema: z.string().optional(),
  title: Title,
  subtitle: Title,
  description: z
    .string()
    .min(1)
    .max(300)
    .describe("One or two sentences for search engines and link previews: the page's meta description and og:description, written into index.html at build time."),
  slug: z
    .string()
    .regex(ID_PATTERN, 'must be a lower-case kebab-case file-name slug')
    .max(40)
    .describe('Starts the name of every exported PNG and video, e.g. "my-story" gives my-story_2025-06-01T1135Z_1200x675@1x.png.'),
  siteUrl: HttpUrl.refine((u) => u.endsWith('/'), 'must end in "/"')
    .optional()
    .describe('Where the built app is published, e.g. "https://example.org/my-story/": with it index.html gets og:url and og:image (social.png, written by `npm run shots -- --social`).'),
  start: UtcInstant,
  end: UtcInstant,
  displayZone: z
    .strictObject({
      label: z.string().min(1).describe('How times in this zone are marked, e.g. "UTC+1".'),
      offsetMinutes: z.number().int().min(-720).max(840).describe('Offset from UTC in minutes, e.g. 60.'),
      places: z.string().min(1).describe('Where this is local time, shown after the label, e.g. the capital city.'),
    })
    .describe('The local time shown beside UTC everywhere (one fixed offset for the whole story).'),
  focus: z.array(FocusBand).describe('Stretches of the slider opened up to hour resolution.'),
  defaultDwell: z.number().positive().max(120),
  camera: Camera.describe('The "fit story" view.'),
  credit: Title.describe('Basemap data credit line.'),
  intro: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('Drawn in the middle of the map before the first event, when nothing is on it yet: what the map will show and when it starts.'),
  graphicCredit: Title.optional().describe('Who made the graphic, printed before the data credit in exports, e.g. "Graphic: …".'),
  detail: z
    .array(
      z.strictObject({
        id: Id,
        bbox: z.tuple([z.number().min(-180).max(180), z.number().min(-85).max(85), z.number().min(-180).max(180), z.number().min(-85).max(85)]),
        minZoom: z.number().min(0).max(18),
      }),
    )
    .optional()
    .describe('Boxes where the basemap adds Natural Earth 1:10m coastline from minZoom on (e.g. a strait).'),
  kiosk: z
    .strictObject({
      idleSeconds: z.number().int().min(1).max(3600).optional(),
      viewingDistanceM: z.number().min(0.5).max(10).optional(),
      screenDiagonalIn: z.number().min(10).max(150).optional(),
      qrUrl: HttpUrl.nullable().optional(),
      nightlyReloadHour: z.number().int().min(0).max(23).nullable().optional(),
      orientation: z.enum(['auto', 'landscape', 'portrait']).optional(),
      watchdogSeconds: z.number().min(5).max(600).optional(),
    })
    .optional()
    .describe('Kiosk settings (see src/state/kiosk-settings.ts); URL parameters override them.'),
  sources: z.array(Source).min(1),
  events: z.array(StoryEvent).min(1),
};

/** What only the Methods dialog shows: the "How this map was made" note and the corrections log. */
const MethodsFields = {
  methods: Methods,
  corrections: z.array(Correction).describe('Corrections log, oldest first: what changed and why.'),
};

/** Checks across the story's fields: ids, time order and ranges, focus bands, sources cited, texts. */
function checkStory(story: z.infer<z.ZodObject<typeof StoryFields>>, ctx: z.RefinementCtx): void {
  const sourceIds = new Set(story.sources.map((s) => s.id));
  const articleIds = new Set(story.sources.filter((s) => s.kind === 'article').map((s) => s.id));
  const eventIds = new Set<string>();
  story.events.forEach((ev, i) => {
    if (eventIds.has(ev.id)) ctx.addIssue({ code: 'custom', path: ['events', i, 'id'], message: `duplicate event id "${ev.id}"` });
    eventIds.add(ev.id);
    if (Date.parse(ev.start) < Date.parse(story.start) || Date.parse(ev.start) > Date.parse(story.end))
      ctx.addIssue({ code: 'custom', path: ['events', i, 'start'], message: 'is outside the story range' });
    if (ev.end && Date.parse(ev.end) > Date.parse(story.end))
      ctx.addIssue({ code: 'custom', path: ['events', i, 'end'], message: 'is outside the story range' });
    if (ev.end && Date.parse(ev.end) < Date.parse(ev.start))
      ctx.addIssue({ code: 'custom', path: ['events', i, 'end'], message: 'is before start' });
    if (i > 0 && Date.parse(ev.start) <= Date.parse(story.events[i - 1].start))
      ctx.addIssue({ code: 'custom', path: ['events', i, 'start'], message: 'events must be in strictly increasing time order (two events at one instant cannot both be reached)' });
    if (!ev.places.length && !ev.subject)
      ctx.addIssue({ code: 'custom', path: ['events', i, 'subject'], message: 'is required when the event names no place (the camera needs an area to frame)' });
    calloutsOf(ev).forEach(({ callout: c, path }) => {
      const texts = [ev.body, ...ev.claims.map((cl) => cl.text)];
      if (!texts.some((t) => t.includes(c.text)))
        ctx.addIssue({ code: 'custom', path: ['events', i, ...path, 'text'], message: "must be copied exactly from the event's body or one of its claims" });
      if (c.place && !ev.places.includes(c.place))
        ctx.addIssue({ code: 'custom', path: ['events', i, ...path, 'place'], message: `"${c.place}" is not in this event's places` });
      if (!ev.sources.includes(c.source))
        ctx.addIssue({ code: 'custom', path: ['events', i, ...path, 'source'], message: `"${c.source}" is not among this event's sources` });
      if (!c.place && !ev.subject && !ev.places.length)
        ctx.addIssue({ code: 'custom', path: ['events', i, ...path, 'place'], message: 'is required when the event has no subject box and no places' });
    });
    ev.sources.forEach((s, j) => {
      if (!sourceIds.has(s)) ctx.addIssue({ code: 'custom', path: ['events', i, 'sources', j], message: `unknown source "${s}"` });
    });
    ev.claims.forEach((c, j) =>
      c.sources.forEach((s, k) => {
        if (!articleIds.has(s.source))
          ctx.addIssue({
            code: 'custom',
            path: ['events', i, 'claims', j, 'sources', k, 'source'],
            message: sourceIds.has(s.source) ? `"${s.source}" is reported elsewhere, not one of the articles; quotes come from articles` : `unknown source "${s.source}"`,
          });
      }),
    );
  });
  story.focus.forEach((f, i) => {
    if (Date.parse(f.end) <= Date.parse(f.start))
      ctx.addIssue({ code: 'custom', path: ['focus', i, 'end'], message: 'must be after start' });
  });
  if (story.focus.reduce((a, f) => a + f.share, 0) >= 1)
    ctx.addIssue({ code: 'custom', path: ['focus'], message: 'shares must add up to less than 1' });
  story.focus.forEach((f, i) => {
    if (Date.parse(f.start) < Date.parse(story.start)) ctx.addIssue({ code: 'custom', path: ['focus', i, 'start'], message: 'is before the story starts' });
    if (Date.parse(f.end) > Date.parse(story.end)) ctx.addIssue({ code: 'custom', path: ['focus', i, 'end'], message: 'is after the story ends' });
    if (i > 0 && Date.parse(f.start) < Date.parse(story.focus[i - 1].end))
      ctx.addIssue({ code: 'custom', path: ['focus', i, 'start'], message: `overlaps focus[${i - 1}]; bands must be in time order and apart` });
  });
  checkTexts(story, ctx);
}

/** The editor's data/story.json: the story, its methods note and its corrections log. */
export const Story = z.strictObject({ ...StoryFields, ...MethodsFields }).superRefine(checkStory);

/** The story as built for the page's first load (public/data/story.json): no methods note or corrections log. */
export const BuiltStory = z.strictObject(StoryFields).superRefine(checkStory);

/** The built methods file (public/data/methods.json), fetched when the Methods dialog first opens. */
export const MethodsFile = z.strictObject(MethodsFields).superRefine((m, ctx) => checkTexts(m, ctx));

export const PlaceKind = z.enum([
  'venue',
  'airbase',
  'buildup',
  'buffer-zone',
  'claimed-region',
  'threatened-region',
  'city',
  'border-region',
  'landmark',
]);

/**
 * Kinds whose shape is the map's schematic drawing, not a reported outline (a build-up along a border,
 * a declared "buffer zone"): no source gives their size, so they carry no area.
 */
export const SCHEMATIC_KINDS: readonly z.infer<typeof PlaceKind>[] = ['buildup', 'buffer-zone'];

/** How a place's geometry is derived at build time instead of being drawn by hand. */
export const Derive = z.discriminatedUnion('from', [
  z.strictObject({ from: z.literal('admin1'), regions: z.array(Id).min(1) }),
  z.strictObject({
    from: z.literal('border-strip'),
    region: Id.describe('Admin-1 region the strip lies in.'),
    neighbour: z.string().describe('ISO alpha-3 of the country across the border.'),
    depthKm: z.number().positive().max(100),
    around: z.tuple([z.number(), z.number()]).optional().describe('[lon, lat] the strip is centred on.'),
    alongKm: z.number().positive().optional().describe('Length of border covered, centred on `around`.'),
  }),
]);

export const PlaceProperties = z.strictObject({
  id: Id,
  kind: PlaceKind,
  name: z.string().min(1),
  description: z.string().min(1),
  sources: z.array(Id).min(1),
  region: Id.optional().describe('Admin-1 region id the place lies in (checked at build).'),
  regionName: z.string().min(1).optional().describe('Display name of that region, as the sources write it.'),
  country: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 3166 alpha-3 country code such as "ABC"')
    .optional()
    .describe('ISO 3166 alpha-3 code of the country the place is in.'),
  heldShare: z
    .strictObject({ text: z.string().min(1), source: Id })
    .optional()
    .describe('Share of the region held by another power, as a reference gives it, with that reference.'),
  claims: z.array(Claim).optional(),
  derive: Derive.optional(),
  distanceFrom: z
    .string()
    .regex(/^([A-Z]{3}|[a-z0-9]+(-[a-z0-9]+)*)$/, 'must be an ISO 3166 alpha-3 country code ("ABC") or an admin-1 region id ("ab-region")')
    .optional()
    .describe(
      "Draw a distance arc to this point from the nearest point of an area's outline: a country (ISO alpha-3) or an admin-1 region id. Its label is theme.json's layers.distances.text.",
    ),
  labelRank: z.number().int().min(0).max(9).optional(),
  labelPlacement: z.enum(['above', 'below']).optional().describe('Where a point\'s label sits; default above.'),
  labelBelowUnder: z
    .number()
    .min(0)
    .max(24)
    .optional()
    .describe('Below this zoom the label sits below its mark (zoomed out, above it would cover other places).'),
});

const Position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

export const PlaceFeature = z
  .strictObject({
    type: z.literal('Feature'),
    geometry: z.union([z.strictObject({ type: z.literal('Point'), coordinates: Position }), z.null()]),
    properties: PlaceProperties,
  })
  .superRefine((f, ctx) => {
    if (f.geometry === null && !f.properties.derive)
      ctx.addIssue({ code: 'custom', path: ['geometry'], message: 'is null, so properties.derive is required' });
    if (f.geometry !== null && f.properties.derive)
      ctx.addIssue({ code: 'custom', path: ['properties', 'derive'], message: 'cannot be combined with a geometry' });
  });

export const Places = z
  .strictObject({ type: z.literal('FeatureCollection'), features: z.array(PlaceFeature).min(1) })
  .superRefine((fc, ctx) => {
    checkTexts(fc, ctx);
    const seen = new Set<string>();
    fc.features.forEach((f, i) => {
      if (seen.has(f.properties.id))
        ctx.addIssue({ code: 'custom', path: ['features', i, 'properties', 'id'], message: `duplicate place id "${f.properties.id}"` });
      seen.add(f.properties.id);
    });
  });

const Color = z.string().regex(/^#[0-9a-f]{6}$/i, 'must be a colour written #rrggbb');

/**
 * The theme's named colours. Each is required: code reads them by name (`theme.colors.arc`), so a
 * missing one stops the data build at `colors.<name>` instead of drawing in a fallback colour.
 */
export const ThemeColors = z.strictObject({
  ocean: Color,
  land: Color,
  landFocus: Color.describe('Land of the countries the story is about.'),
  countryBorder: Color,
  regionBorder: Color.describe('First-level region borders; also the caption\'s rules.'),
  countryLabel: Color,
  text: Color,
  muted: Color.describe('Secondary text.'),
  panel: Color.describe('Panels, cards and the caption\'s background.'),
  page: Color.describe('The page behind the panels.'),
  line: Color.describe('Borders of panels and controls.'),
  accent: Color.describe('Links, focus rings, the current event.'),
  arc: Color.describe('Distance lines and their labels.'),
  halo: Color.describe('Halo around map labels.'),
  // The page's tints, each with a default (the first story's look), so a theme may leave them out.
  alert: Color.default('#b3261e').describe('The timeline\'s playhead and the edge of the load-error notice.'),
  currentEvent: Color.default('#eaf2fa').describe('Background of the current event in the list.'),
  hover: Color.default('#f3f1ec').describe('Background of an event under the pointer.'),
  futureText: Color.default('#4a4741').describe('Events still to come in the list.'),
  inverseText: Color.default('#ffffff').describe('Text on a dark background (tooltips, tick labels).'),
  shadow: Color.default('#000000').describe('Shadows and dialog backdrops (drawn see-through).'),
  track: Color.default('#eeebe4').describe('The timeline\'s track.'),
  trackBand: Color.default('#dce8f3').describe('The talks\' band on the timeline\'s track.'),
  tick: Color.default('#6e6a62').describe('Event ticks and hour labels on the timeline.'),
  tickPast: Color.default('#2f2d29').describe('Ticks of past events.'),
  dayMark: Color.default('#aaa59b').describe('Day marks under the timeline.'),
  dispute: Color.default('#fdf8f0').describe('Background of a box of disputed figures, side by side.'),
  disputeLine: Color.default('#e2c9a6').describe('Border of a box of disputed figures.'),
  disputeText: Color.default('#6e4a12').describe('Heading of a box of disputed figures.'),
  tag: Color.default('#fff1d6').describe('Background of a tag (e.g. "reported elsewhere").'),
  tagLine: Color.default('#e8c98f').describe('Border of a tag.'),
  tagText: Color.default('#7a4a00').describe('Text of a tag.'),
});

/** How a category is drawn (src/theme/symbols.ts gives the map's, the legend's and the caption's drawing of each). */
export const SymbolName = z.enum([...AREA_SYMBOLS, ...POINT_SYMBOLS]);

/** Statuses an event gives a place that change how it is drawn (they outrank its kind). */
export const ImpactStatus = z.enum(IMPACT_STATUSES);

export const ThemeCategory = z.strictObject({
  id: Id,
  label: z.string().min(1),
  color: Color,
  symbol: SymbolName,
  description: z.string().min(1),
  kinds: z.array(PlaceKind).optional().describe('Place kinds drawn in this category (unless an event gives the place a status below).'),
  statuses: z.array(ImpactStatus).optional().describe('Places an event gives one of these statuses are drawn in this category, whatever their kind.'),
});

/** The legend's wording for the layers that are not categories. */
export const ThemeLayers = z.strictObject({
  distances: z.strictObject({
    label: z.string().min(1),
    description: z.string().min(1),
    text: z.string().includes('{km}', { error: 'must contain {km}, where the distance goes' }).describe('Map label of a distance, e.g. "{km} km from the border".'),
    detail: z.string().includes('{km}', { error: 'must contain {km}, where the distance goes' }).describe('The distance in a place\'s details.'),
  }),
  labels: z.strictObject({ label: z.string().min(1), description: z.string().min(1) }),
});

export const Theme = z
  .strictObject({
    font: z.string().min(1).describe('CSS font family of every text, bundled with the app.'),
    colors: ThemeColors,
    categories: z.array(ThemeCategory).min(1),
    layers: ThemeLayers,
  })
  .superRefine((theme, ctx) => {
    checkTexts(theme, ctx);
    const owner = new Map<string, string>();
    theme.categories.forEach((c, i) => {
      for (const [field, values] of [['kinds', c.kinds ?? []], ['statuses', c.statuses ?? []]] as const)
        values.forEach((v, j) => {
          const key = `${field}:${v}`;
          if (owner.has(key)) ctx.addIssue({ code: 'custom', path: ['categories', i, field, j], message: `"${v}" is already drawn by category "${owner.get(key)}"` });
          else owner.set(key, c.id);
        });
    });
    const seen = new Set<string>();
    theme.categories.forEach((c, i) => {
      if (seen.has(c.id) || c.id === 'distances' || c.id === 'labels') ctx.addIssue({ code: 'custom', path: ['categories', i, 'id'], message: `duplicate layer id "${c.id}"` });
      seen.add(c.id);
    });
  });

export type SourceRef = z.infer<typeof SourceRef>;
export type Claim = z.infer<typeof Claim>;
export type Camera = z.infer<typeof Camera>;
export type EventSubject = z.infer<typeof EventSubject>;
export type EventCallout = z.infer<typeof EventCallout>;

export type StoryEvent = z.infer<typeof StoryEvent>;
export type Source = z.infer<typeof Source>;
export type ArticleSource = z.infer<typeof ArticleSource>;
export type ElsewhereSource = z.infer<typeof ElsewhereSource>;
export type Correction = z.infer<typeof Correction>;
export type Methods = z.infer<typeof Methods>;
export type Story = z.infer<typeof Story>;
export type BuiltStory = z.infer<typeof BuiltStory>;
export type MethodsFile = z.infer<typeof MethodsFile>;
export type PlaceKind = z.infer<typeof PlaceKind>;
export type PlaceProperties = z.infer<typeof PlaceProperties>;
export type PlaceStatus = z.infer<typeof PlaceStatus>;
export type Places = z.infer<typeof Places>;
export type Theme = z.infer<typeof Theme>;
export type ThemeColors = z.infer<typeof ThemeColors>;
export type ThemeCategory = z.infer<typeof ThemeCategory>;
export type SymbolName = z.infer<typeof SymbolName>;
export type PointSymbolName = (typeof POINT_SYMBOLS)[number];
export type AreaSymbolName = (typeof AREA_SYMBOLS)[number];
export type ImpactStatus = z.infer<typeof ImpactStatus>;

/** Returns a readable one-line-per-problem report of a zod error, each line prefixed with the file and field path. */
export function formatIssues(file: string, error: z.ZodError): string {
  return error.issues
    .map((i) => `${file}: ${i.path.length ? i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') : '(root)'}: ${i.message}`)
    .join('\n');
}
