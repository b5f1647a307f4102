import { describe, expect, it } from 'vitest';
import { currentEventIndex, isVisibleAt, prepareStory, toHours, type BuiltPlace } from '../../src/data/prepare.ts';
import type { PlaceProperties, Story, StoryEvent } from '../../src/data/schema.ts';
import { createTheme } from '../fixtures/theme.ts';

const at = (iso: string) => Date.parse(iso);
const START = '2025-05-15T00:00Z';
const hoursFromStart = (iso: string) => (at(iso) - at(START)) / 3_600_000;

/** Returns a story event with a report source and no claims unless overridden. */
function createEvent(id: string, start: string, overrides: Partial<StoryEvent> = {}): StoryEvent {
  return {
    id,
    start,
    precision: 'minute',
    title: `Event ${id}`,
    body: 'Something happened.',
    places: [],
    sources: ['report'],
    claims: [],
    ...overrides,
  };
}

/** Returns a small story: first-round talks, a strike on two airbases, second-round talks. */
function createStory(events?: StoryEvent[]): Story {
  return {
    title: 'A story',
    subtitle: 'A subtitle',
    description: 'A description',
    slug: 'a-story',
    start: START,
    end: '2025-06-17T00:00Z',
    displayZone: { label: 'UTC+3', offsetMinutes: 180, places: 'Istanbul' },
    focus: [],
    defaultDwell: 8,
    camera: { center: [40, 50], zoom: 3 },
    credit: 'Basemap: Natural Earth',
    methods: { title: 'How this map was made', sections: [{ heading: 'Sources', text: 'Five articles.' }] },
    corrections: [],
    sources: [
      { id: 'report', kind: 'article', file: 'report.txt', headline: null, lede: null, credit: null, date: null },
      { id: 'wire', kind: 'article', file: 'wire.txt', headline: null, lede: null, credit: null, date: null },
      { id: 'ref-page', kind: 'elsewhere', headline: 'A page', outlet: 'An outlet', author: null, date: '2025-06-09', url: 'https://example.org/news/a-page' },
    ],
    events: events ?? [
      createEvent('first-round', '2025-05-16T12:00Z', {
        end: '2025-05-16T14:00Z',
        places: ['venue'],
        statuses: [{ place: 'venue', status: 'talks-on' }],
        claims: [{ claimant: 'A minister', text: 'Said so.', sources: [{ source: 'wire', quote: 'said so' }] }],
      }),
      createEvent('strike', '2025-06-01T11:35Z', {
        places: ['base-a', 'base-b', 'venue'],
        statuses: [
          { place: 'base-a', status: 'struck' },
          { place: 'base-b', status: 'attack-reported' },
          { place: 'venue', status: 'shown' },
        ],
        sources: ['wire', 'report'],
        claims: [{ claimant: 'An agency', text: 'Hit them.', sources: [{ source: 'wire', quote: 'hit them' }] }],
      }),
      createEvent('second-round', '2025-06-02T11:44Z', {
        end: '2025-06-02T12:50Z',
        places: ['venue', 'region'],
        statuses: [{ place: 'venue', status: 'talks-on' }],
      }),
    ],
  };
}

/** Returns a built point place. */
function createPoint(id: string, kind: PlaceProperties['kind'], overrides: Partial<PlaceProperties> = {}): BuiltPlace {
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [30, 50] },
    properties: { id, kind, name: id, description: 'A place.', sources: ['report'], anchor: [30, 50], ...overrides },
  };
}

/** Returns the fixture places: a venue, three airbases (one never named), a claimed region and an unnamed city. */
function createPlaces(): BuiltPlace[] {
  return [
    createPoint('venue', 'venue'),
    createPoint('base-a', 'airbase', { sources: ['wire'] }),
    createPoint('base-b', 'airbase'),
    createPoint('base-c', 'airbase'),
    {
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [[[30, 45], [31, 45], [31, 46], [30, 45]]] },
      properties: {
        id: 'region',
        kind: 'claimed-region',
        name: 'A region',
        description: 'Claimed.',
        sources: ['report'],
        heldShare: { text: 'about 99%', source: 'ref-page' },
        claims: [{ claimant: 'A ministry', text: 'Ours.', sources: [{ source: 'wire', quote: 'ours' }] }],
        anchor: [30.5, 45.5],
      },
    },
    createPoint('lonely', 'city'),
  ];
}


function prepare(events?: StoryEvent[]) {
  return prepareStory(createStory(events), createTheme(), createPlaces());
}

describe('prepareStory', () => {
  it('parses the story range and event times', () => {
    const p = prepare();
    expect(p.start).toBe(at(START));
    expect(p.end).toBe(at('2025-06-17T00:00Z'));
    expect(p.events.map((e) => [e.index, e.t0, e.t1])).toEqual([
      [0, at('2025-05-16T12:00Z'), at('2025-05-16T14:00Z')],
      [1, at('2025-06-01T11:35Z'), at('2025-06-01T11:35Z')],
      [2, at('2025-06-02T11:44Z'), at('2025-06-02T12:50Z')],
    ]);
    expect(p.events[0].h0).toBe(36);
    expect(p.events[0].h1).toBe(38);
    expect(p.events[1].h1).toBe(p.events[1].h0);
  });

  it("sets each place's appearH to its first event's hours from the start", () => {
    const p = prepare();
    const place = (id: string) => p.placeById.get(id)!;
    expect(place('venue').appearH).toBe(36);
    expect(place('venue').firstEvent).toBe(0);
    expect(place('base-a').appearH).toBeCloseTo(hoursFromStart('2025-06-01T11:35Z'), 9);
    expect(place('base-a').appearH).toBeCloseTo(17 * 24 + 11 + 35 / 60, 9);
    expect(place('base-a').firstEvent).toBe(1);
    expect(place('region').appearH).toBeCloseTo(hoursFromStart('2025-06-02T11:44Z'), 9);
    expect(place('region').firstEvent).toBe(2);
  });

  it('gives a place named by no event appearH Infinity and firstEvent -1', () => {
    const p = prepare();
    for (const id of ['base-c', 'lonely']) {
      expect(p.placeById.get(id)!.appearH).toBe(Number.POSITIVE_INFINITY);
      expect(p.placeById.get(id)!.firstEvent).toBe(-1);
    }
  });

  it('categorises airbases by their impact status', () => {
    const p = prepare();
    expect(p.placeById.get('base-a')!.category).toBe('struck');
    expect(p.placeById.get('base-b')!.category).toBe('attack-reported');
  });

  it('categorises other places by kind, ignoring non-impact statuses', () => {
    const p = prepare();
    expect(p.placeById.get('venue')!.category).toBe('venue');
    expect(p.placeById.get('region')!.category).toBe('claimed-region');
    expect(p.placeById.get('lonely')!.category).toBe('context');
  });

  it('lets a struck status override a place kind', () => {
    const events = [createEvent('hit', '2025-06-01T00:00Z', { places: ['venue'], statuses: [{ place: 'venue', status: 'struck' }] })];
    expect(prepare(events).placeById.get('venue')!.category).toBe('struck');
  });

  it('gives a venue one active range [h0, h1] per talks-on status', () => {
    const p = prepare();
    expect(p.placeById.get('venue')!.activeRanges).toEqual([
      [36, 38],
      [p.events[2].h0, p.events[2].h1],
    ]);
    expect(p.events[2].h0).toBeCloseTo(hoursFromStart('2025-06-02T11:44Z'), 9);
    expect(p.events[2].h1).toBeCloseTo(hoursFromStart('2025-06-02T12:50Z'), 9);
    expect(p.placeById.get('base-a')!.activeRanges).toEqual([]);
  });

  it('indexes places in input order and marks areas', () => {
    const p = prepare();
    expect(p.places.map((x) => x.id)).toEqual(['venue', 'base-a', 'base-b', 'base-c', 'region', 'lonely']);
    expect(p.places.map((x) => x.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(p.places.filter((x) => x.isArea).map((x) => x.id)).toEqual(['region']);
  });

  it('maps each source to the events and places citing it, once each', () => {
    const c = prepare().citations;
    expect(c.get('report')).toEqual({
      events: ['first-round', 'strike', 'second-round'],
      places: ['venue', 'base-b', 'base-c', 'region', 'lonely'],
    });
    // Cited by event sources and claims (the strike cites it both ways, listed once) and by a place claim.
    expect(c.get('wire')).toEqual({ events: ['first-round', 'strike'], places: ['base-a', 'region'] });
    expect(c.get('ref-page')).toEqual({ events: [], places: ['region'] });
    expect([...c.keys()].sort()).toEqual(['ref-page', 'report', 'wire']);
  });
});

describe('currentEventIndex', () => {
  const events = prepare().events;

  it('returns -1 before the first event', () => {
    expect(currentEventIndex(events, at(START))).toBe(-1);
    expect(currentEventIndex(events, at('2025-05-16T12:00Z') - 1)).toBe(-1);
  });

  it('counts an event from exactly its start', () => {
    expect(currentEventIndex(events, at('2025-05-16T12:00Z'))).toBe(0);
    expect(currentEventIndex(events, at('2025-06-01T11:35Z'))).toBe(1);
    expect(currentEventIndex(events, at('2025-06-02T11:44Z'))).toBe(2);
  });

  it('returns the last event that has started', () => {
    expect(currentEventIndex(events, at('2025-06-01T11:35Z') - 1)).toBe(0);
    expect(currentEventIndex(events, at('2025-06-02T00:00Z'))).toBe(1);
    expect(currentEventIndex(events, at('2025-06-17T00:00Z'))).toBe(2);
  });

  it('finds the right event among many', () => {
    const many = prepare(Array.from({ length: 50 }, (_, i) => createEvent(`e-${i}`, new Date(at('2025-05-16T00:00Z') + i * 3_600_000).toISOString()))).events;
    for (const e of many) {
      expect(currentEventIndex(many, e.t0)).toBe(e.index);
      expect(currentEventIndex(many, e.t0 + 1_800_000)).toBe(e.index);
      expect(currentEventIndex(many, e.t0 - 1)).toBe(e.index - 1);
    }
  });

  it('returns -1 for no events', () => {
    expect(currentEventIndex([], at('2025-06-01T00:00Z'))).toBe(-1);
  });
});

describe('isVisibleAt / toHours', () => {
  it('shows a place from its first event on, and never one no event names', () => {
    const p = prepare();
    const venue = p.placeById.get('venue')!;
    expect(isVisibleAt(venue, 35.99)).toBe(false);
    expect(isVisibleAt(venue, 36)).toBe(true);
    expect(isVisibleAt(p.placeById.get('lonely')!, 1e9)).toBe(false);
  });

  it('converts epoch ms to hours from an origin', () => {
    expect(toHours(at('2025-05-16T12:30Z'), at(START))).toBe(36.5);
    expect(toHours(at('2025-05-14T00:00Z'), at(START))).toBe(-24);
  });
});
