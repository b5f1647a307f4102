import { describe, expect, it } from 'vitest';
import { boxesOverlap, captionContent, placeBox, shorten, sourceLabel } from '../../src/export/caption.ts';
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
    start: '2025-05-15T00:00Z',
    end: '2025-06-17T00:00Z',
    displayZone: { label: 'UTC+3', offsetMinutes: 180, places: 'Istanbul' },
    focus: [{ start: '2025-05-31T18:00Z', end: '2025-06-03T06:00Z', share: 0.5 }],
    defaultDwell: 8,
    camera: { center: [40, 50], zoom: 3 },
    credit: 'Basemap: Natural Earth',
    sources: [
      createSource('wire', { lede: 'The second summit of direct negotiations between Russia and Ukraine concluded in Istanbul.', agency: 'AFP' }),
      createSource('paper', { headline: 'Talks in the shadow of military action' }),
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
    expect(c.credit).toBe('Basemap: Natural Earth');
  });

  it('shows a minute-precision event’s moment in UTC and local time', () => {
    const c = captionContent(prep(), { t: at('2025-06-01T11:35Z'), layers: ALL });
    expect(c.moment).toBe('1 Jun 2025, 11:35 UTC · 14:35 UTC+3 (Istanbul)');
    expect(c.event).toBe('The strike');
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

  it('leaves out places outside the frame', () => {
    const p = prep();
    const c = captionContent(p, { t: at('2025-06-03T00:00Z'), layers: ALL }, (pl) => boxesOverlap(placeBox(pl), [20, 35, 45, 55]));
    expect(c.legend.map((e) => e.id)).toEqual(['venue', 'claimed-region']);
    expect(c.sources.join()).not.toContain('A base far away');
  });

  it('names the articles behind the event and the places shown, event first, once each, and marks outside documents (second, so a short caption keeps it)', () => {
    const c = captionContent(prep(), { t: at('2025-06-01T12:00Z'), layers: ALL });
    expect(c.sources).toEqual([
      '“The second summit of direct negotiations between Russia and…” (AFP)',
      'reported elsewhere: Wikipedia',
      '“Talks in the shadow of military action”',
      '“A base far away”',
    ]);
  });

  it('puts the reported-elsewhere mark first when the current event itself rests on an outside document', () => {
    const c = captionContent(prep(), { t: at('2025-05-16T13:00Z'), layers: ALL });
    expect(c.sources[0]).toBe('reported elsewhere: Wikipedia');
    expect(c.sources).toContain('“Talks in the shadow of military action”');
  });
});

describe('source labels', () => {
  it('prefers the headline, else shortens the lede at a word, and adds the agency', () => {
    expect(sourceLabel(createSource('a', { headline: 'Headline', lede: 'Lede' }))).toBe('“Headline”');
    expect(sourceLabel(createSource('b', { lede: 'One two three four five six seven.', agency: 'AFP' }), 20)).toBe('“One two three four…” (AFP)');
  });

  it('shortens text only when it is too long', () => {
    expect(shorten('short', 10)).toBe('short');
    expect(shorten('a rather long sentence', 12).length).toBeLessThanOrEqual(12);
  });
});

describe('boxesOverlap', () => {
  it('counts world copies east and west of the view', () => {
    expect(boxesOverlap([170, 50, 175, 55], [-200, 40, -150, 60])).toBe(true);
    expect(boxesOverlap([10, 50, 20, 55], [30, 40, 60, 60])).toBe(false);
    expect(boxesOverlap([10, 70, 20, 75], [0, 40, 60, 60])).toBe(false);
  });
});
