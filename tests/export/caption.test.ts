import { describe, expect, it } from 'vitest';
import { arcPath, articleOutlets, boxesOverlap, captionContent, creditLine, frameTest, lineInBox, outletName, placeBox, sourceLine } from '../../src/export/caption.ts';
import { prepareStory, type BuiltPlace } from '../../src/data/prepare.ts';
import type { PlaceProperties, Source, Story, StoryEvent, Theme } from '../../src/data/schema.ts';
import { createCategory, createTheme } from '../fixtures/theme.ts';

const at = (iso: string) => Date.parse(iso);

function createEvent(id: string, start: string, overrides: Partial<StoryEvent> = {}): StoryEvent {
  return { id, start, precision: 'minute', title: `Event ${id}`, body: 'Body.', places: [], sources: ['wire'], claims: [], ...overrides };
}

function createSource(id: string, overrides: Partial<Extract<Source, { kind: 'article' }>> = {}): Source {
  return { id, kind: 'article', file: `${id}.txt`, headline: null, lede: null, credit: null, date: null, ...overrides };
}

/** Returns a story: a day-precision first round at a venue, a minute-precision strike on a base, talks naming a region. */
function createStory(): Story {
  return {
    title: 'A story of talks',
    subtitle: 'Subtitle',
    description: 'Description',
    slug: 'a-story',
    start: '2025-05-15T00:00Z',
    end: '2025-06-17T00:00Z',
    displayZone: { label: 'UTC+3', offsetMinutes: 180, places: 'Istanbul' },
    focus: [{ start: '2025-05-31T18:00Z', end: '2025-06-03T06:00Z', share: 0.5 }],
    defaultDwell: 8,
    camera: { center: [40, 50], zoom: 3 },
    credit: 'Basemap: Natural Earth',
    sources: [
      createSource('wire', { lede: 'The second summit of direct negotiations between Russia and Ukraine concluded in Istanbul.', agency: 'AFP' }),
      createSource('paper', { headline: 'Talks in the shadow of military action', outlet: 'Reuters (contributing)' }),
      createSource('base-paper', { headline: 'A base far away' }),
      { id: 'ref-page', kind: 'elsewhere', headline: 'A reference page', outlet: 'Wikipedia (English)', author: null, date: null, url: 'https://example.org/wiki/Page' },
    ],
    events: [
      createEvent('first-round', '2025-05-16T12:00Z', { precision: 'day', title: 'First round', places: ['venue'], sources: ['paper', 'ref-page'] }),
      createEvent('strike', '2025-06-01T11:35Z', { title: 'The strike', places: ['base'], statuses: [{ place: 'base', status: 'struck' }] }),
      createEvent('talks', '2025-06-02T11:44Z', { title: 'Second round', places: ['venue', 'region'] }),
    ],
    methods: { title: 'How this map was made', sections: [{ heading: 'Sources', text: 'Five articles.' }] },
    corrections: [],
  };
}

function createPoint(id: string, kind: PlaceProperties['kind'], lonLat: [number, number], sources: string[]): BuiltPlace {
  return { type: 'Feature', geometry: { type: 'Point', coordinates: lonLat }, properties: { id, kind, name: id, description: 'A place.', sources, anchor: lonLat } };
}

function createPlaces(): BuiltPlace[] {
  return [
    createPoint('venue', 'venue', [29, 41], ['paper', 'ref-page']),
    { ...createPoint('base', 'airbase', [100, 53], ['base-paper']), properties: { ...createPoint('base', 'airbase', [100, 53], ['base-paper']).properties, borderPoint: [38, 50], distanceKm: 4290 } },
    {
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [[[33, 45], [36, 45], [36, 47], [33, 45]]] },
      properties: { id: 'region', kind: 'claimed-region', name: 'Region', description: 'Claimed.', sources: ['wire'], anchor: [34.5, 46] },
    },
  ];
}

function createTestTheme(): Theme {
  const t = createTheme([
    createCategory('venue', 'star', { kinds: ['venue'] }),
    createCategory('struck', 'diamond', { statuses: ['struck'], kinds: ['airbase'] }),
    createCategory('claimed-region', 'hatch', { kinds: ['claimed-region'] }),
    createCategory('context', 'circle', { kinds: ['city', 'landmark', 'border-region'] }),
  ]);
  return { ...t, colors: { ...t.colors, arc: '#7a1f1f', text: '#1d1d1b' } };
}

const prep = () => prepareStory(createStory(), createTestTheme(), createPlaces());
const ALL = ['venue', 'struck', 'claimed-region', 'context', 'distances', 'labels'];

describe('captionContent', () => {
  it('shows a day-precision event’s moment as its date only', () => {
    const c = captionContent(prep(), { t: at('2025-05-16T12:00Z'), layers: ALL });
    expect(c.moment).toBe('16 May 2025');
    expect(c.event).toBe('First round');
    expect(c.title).toBe('A story of talks');
    expect(creditLine(c)).toBe('Basemap: Natural Earth');
  });

  it('shows a minute-precision event’s moment in UTC and local time', () => {
    const c = captionContent(prep(), { t: at('2025-06-01T11:35Z'), layers: ALL });
    expect(c.moment).toBe('1 Jun 2025, 11:35 UTC · 14:35 UTC+3 (Istanbul)');
    expect(c.event).toBe('The strike');
  });

  it('never prints a time of day beside a day-precision event, at any moment while it is current', () => {
    // inside the focus band (minutes) and outside it (hours), the first round keeps its date only
    for (const t of ['2025-05-16T12:01Z', '2025-05-20T09:00Z', '2025-05-31T19:17Z'])
      expect(captionContent(prep(), { t: at(t), layers: ALL }).moment, t).toBe(`${new Date(at(t)).getUTCDate()} May 2025`);
    // a minute-precision event's clock still shows, at its start and after it
    expect(captionContent(prep(), { t: at('2025-06-01T12:10Z'), layers: ALL }).moment).toBe('1 Jun 2025, 12:10 UTC · 15:10 UTC+3 (Istanbul)');
    // before the first event there is no event to be faithful to: the moment's own precision
    expect(captionContent(prep(), { t: at('2025-05-15T07:00Z'), layers: ALL }).moment).toBe('15 May 2025, 07:00 UTC · 10:00 UTC+3 (Istanbul)');
  });

  it('has no event before the first one', () => {
    const c = captionContent(prep(), { t: at('2025-05-15T00:00Z'), layers: ALL });
    expect(c.event).toBeNull();
    expect(c.legend).toEqual([]);
  });

  it('lists in the legend only the categories on the map at that moment, plus distances when drawn', () => {
    const p = prep();
    expect(captionContent(p, { t: at('2025-05-20T00:00Z'), layers: ALL }).legend.map((e) => e.id)).toEqual(['venue']);
    expect(captionContent(p, { t: at('2025-06-01T12:00Z'), layers: ALL }).legend.map((e) => e.id)).toEqual(['venue', 'struck', 'distances']);
    expect(captionContent(p, { t: at('2025-06-03T00:00Z'), layers: ALL }).legend.map((e) => e.id)).toEqual(['venue', 'struck', 'claimed-region', 'distances']);
  });

  it('leaves out layers that are switched off', () => {
    const c = captionContent(prep(), { t: at('2025-06-03T00:00Z'), layers: ['venue', 'claimed-region'] });
    expect(c.legend.map((e) => e.id)).toEqual(['venue', 'claimed-region']);
  });

  it('leaves out places outside the frame, and the sources only they rest on', () => {
    const p = prep();
    const c = captionContent(p, { t: at('2025-06-03T00:00Z'), layers: ALL }, (pl) => boxesOverlap(placeBox(pl), [20, 35, 45, 55]));
    expect(c.legend.map((e) => e.id)).toEqual(['venue', 'claimed-region']);
    expect(c.sources).toEqual(['AFP', 'Reuters (contributing)']);
  });

  it('lists the distance lines when one crosses the frame, though the place at its end is out of it', () => {
    const p = prep();
    // the base (100° E) is out of frame, its arc from 38° E runs through it: the line is drawn, the base is not
    const c = captionContent(p, { t: at('2025-06-03T00:00Z'), layers: ALL }, frameTest([20, 35, 45, 55]));
    expect(c.legend.map((e) => e.id)).toEqual(['venue', 'claimed-region', 'distances']);
    expect(c.sources).toEqual(['AFP', 'Reuters (contributing)']);
    // a frame the arc does not reach
    expect(captionContent(p, { t: at('2025-06-03T00:00Z'), layers: ALL }, frameTest([20, 35, 36.5, 48])).legend.map((e) => e.id)).toEqual(['venue', 'claimed-region']);
    // the lines switched off
    expect(captionContent(p, { t: at('2025-06-03T00:00Z'), layers: ALL.filter((l) => l !== 'distances') }, frameTest([20, 35, 45, 55])).legend.map((e) => e.id)).toEqual(['venue', 'claimed-region']);
  });

  it('names outlets, never titles: articles by agency or outlet in order of citation, the rest counted, outside documents apart', () => {
    const c = captionContent(prep(), { t: at('2025-06-01T12:00Z'), layers: ALL });
    expect(c.sources).toEqual(['AFP', 'Reuters (contributing)', 'a report without a byline']);
    expect(c.elsewhere).toEqual(['Wikipedia']);
    expect(sourceLine(c)).toBe('Sources: AFP; Reuters (contributing); a report without a byline. Reported elsewhere: Wikipedia.');
    expect(sourceLine(c)).not.toMatch(/[“”]|shadow|summit/);
  });

  it('prints the days of an event of several days given to the day while it runs, not its first day alone', () => {
    const story = createStory();
    story.events.push(createEvent('returns', '2025-06-11T12:00Z', { precision: 'day', end: '2025-06-16T12:00Z', title: 'Bodies returned' }));
    const p = prepareStory(story, createTestTheme(), createPlaces());
    expect(captionContent(p, { t: at('2025-06-11T12:00Z'), layers: ALL }).moment).toBe('11–16 Jun 2025');
    expect(captionContent(p, { t: at('2025-06-14T00:00Z'), layers: ALL }).moment).toBe('11–16 Jun 2025');
    // on its last day after the hour its end is stored at (a day is a day), and past it the map's own day
    expect(captionContent(p, { t: at('2025-06-16T18:00Z'), layers: ALL }).moment).toBe('11–16 Jun 2025');
    expect(captionContent(p, { t: at('2025-06-17T00:00Z'), layers: ALL }).moment).toBe('17 Jun 2025');
  });

  it('prints the graphic credit from the story before the data credit', () => {
    const story = { ...createStory(), graphicCredit: 'Graphic: A desk' };
    const c = captionContent(prepareStory(story, createTheme(), createPlaces()), { t: at('2025-06-01T12:00Z'), layers: ALL });
    expect(creditLine(c)).toBe('Graphic: A desk · Basemap: Natural Earth');
  });
});

describe('outlets', () => {
  it('names an outside document by its outlet, a dated one in full, an undated reference work without its edition', () => {
    const ref = (outlet: string, date: string | null): Source => ({ id: 'r', kind: 'elsewhere', headline: 'H', outlet, author: null, date, url: 'https://example.org/a/b' });
    expect(outletName(ref('Wikipedia (Ukrainian)', null))).toBe('Wikipedia');
    expect(outletName(ref('The Irish Times (Reuters)', '2025-05-28'))).toBe('The Irish Times (Reuters)');
  });

  it('counts the articles that name no outlet, once, after the named ones', () => {
    expect(articleOutlets([createSource('a'), createSource('b', { agency: 'AFP' }), createSource('c'), createSource('d', { agency: 'AFP' })])).toEqual(['AFP', '2 reports without a byline']);
  });

  it('writes one source in the singular, and only the elsewhere mark when nothing else', () => {
    expect(sourceLine({ sources: ['AFP'], elsewhere: [] })).toBe('Source: AFP.');
    expect(sourceLine({ sources: [], elsewhere: ['LIGA.net'] })).toBe('Reported elsewhere: LIGA.net.');
  });
});

describe('frameTest', () => {
  it('counts an area by its shape, not its box: crossed by the view, or holding it; not beside it, nor only on the edge of the area’s view', () => {
    const region = prep().placeById.get('region')!;
    // the triangle (33,45), (36,45), (36,47): its box reaches this view's corner, its shape does not
    expect(boxesOverlap(placeBox(region), [33, 46.5, 34, 47])).toBe(true);
    expect(frameTest([33, 46.5, 34, 47])(region)).toBe(false);
    // an outline crosses the view
    expect(frameTest([35, 44, 37, 46])(region)).toBe(true);
    // the view inside the shape: no outline in it, the shape holds its middle
    expect(frameTest([35.5, 45.2, 35.8, 45.5])(region)).toBe(true);
    // a view that meets the shape only at its east edge: counted, unless areas are tested a little inside the view
    expect(frameTest([36, 45, 37, 47])(region)).toBe(true);
    expect(frameTest([36, 45, 37, 47], [36.01, 45.01, 36.99, 46.99])(region)).toBe(false);
    // a point keeps its box test
    expect(frameTest([28, 40, 30, 42], [29.5, 41.5, 30, 42])(prep().placeById.get('venue')!)).toBe(true);
  });
});

describe('lineInBox', () => {
  it('finds a segment that crosses a box with neither end in it, and none that passes by', () => {
    expect(lineInBox([[0, 5], [20, 5]], [5, 0, 10, 10])).toBe(true);
    expect(lineInBox([[0, 15], [20, 15]], [5, 0, 10, 10])).toBe(false);
    // a diagonal past the corner
    expect(lineInBox([[0, 9], [9, 18]], [5, 0, 10, 10])).toBe(false);
    expect(lineInBox([[7, 7]], [5, 0, 10, 10])).toBe(true);
  });

  it('goes the short way round across the antimeridian, and counts world copies', () => {
    expect(lineInBox([[170, 0], [-170, 0]], [175, -5, 185, 5])).toBe(true);
    expect(lineInBox([[170, 0], [-170, 0]], [-10, -5, 10, 5])).toBe(false);
    expect(lineInBox([[30, 50], [40, 50]], [385, 45, 395, 55])).toBe(true);
  });

  it('follows an arc along its great circle, from its border point to its place', () => {
    const base = prep().placeById.get('base')!;
    const path = arcPath(base);
    expect(path[0]).toEqual([expect.closeTo(38, 6), expect.closeTo(50, 6)]);
    expect(path[path.length - 1]).toEqual([expect.closeTo(100, 6), expect.closeTo(53, 6)]);
    // a great circle bends north of the straight line between two points at these latitudes
    expect(Math.max(...path.map(([, lat]) => lat))).toBeGreaterThan(55);
  });
});
