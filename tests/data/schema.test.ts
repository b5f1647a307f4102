import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { MAX_TEXT, Places, Story, Theme, formatIssues } from '../../src/data/schema.ts';

type StoryInput = z.input<typeof Story>;
type EventInput = StoryInput['events'][number];

function createEvent(id: string, start: string, overrides: Partial<EventInput> = {}): EventInput {
  return {
    id,
    start,
    precision: 'minute',
    title: `Event ${id}`,
    body: 'Something happened, according to a report.',
    places: ['a-place'],
    sources: ['report'],
    claims: [{ claimant: 'A minister', text: 'Said so.', sources: [{ source: 'report', quote: 'said so' }] }],
    ...overrides,
  };
}

function createStory(): StoryInput {
  return {
    title: 'A story',
    subtitle: 'A subtitle',
    description: 'A description',
    slug: 'a-story',
    start: '2025-05-15T00:00Z',
    end: '2025-06-17T00:00Z',
    displayZone: { label: 'UTC+3', offsetMinutes: 180, places: 'Istanbul' },
    focus: [{ start: '2025-05-31T18:00Z', end: '2025-06-03T06:00Z', share: 0.5 }],
    defaultDwell: 8,
    camera: { center: [62, 55], zoom: 2.2 },
    credit: 'Basemap: Natural Earth',
    sources: [
      { id: 'report', kind: 'article', file: 'report.txt', headline: null, lede: 'A lede.', credit: null, date: '2025-06-02' },
      { id: 'ref-page', kind: 'elsewhere', headline: 'A page', outlet: 'An outlet', author: null, date: '2025-06-09', url: 'https://example.org/news/a-page' },
    ],
    events: [createEvent('first', '2025-06-01T11:35Z'), createEvent('second', '2025-06-02T11:44Z', { end: '2025-06-02T12:50Z' })],
    methods: { title: 'How this map was made', sections: [{ heading: 'Sources', text: 'Five articles.' }] },
    corrections: [],
  };
}

/** Returns the formatted issues of a story that must fail validation. */
function issuesOf(story: unknown): string {
  const r = Story.safeParse(story);
  if (r.success) throw new Error('expected the story to fail validation');
  return formatIssues('data/story.json', r.error);
}

describe('Story schema', () => {
  it('accepts the real data/story.json', () => {
    const raw: unknown = JSON.parse(readFileSync(resolve(__dirname, '../../data/story.json'), 'utf8'));
    const r = Story.safeParse(raw);
    expect(r.success ? '' : formatIssues('data/story.json', r.error)).toBe('');
  });

  it('accepts the minimal story the other cases start from', () => {
    expect(Story.safeParse(createStory()).success).toBe(true);
  });

  it('requires a subject area for an event with no place, and callouts copied verbatim from the event', () => {
    const noPlace = createStory();
    noPlace.events[0] = createEvent('first', '2025-06-01T11:35Z', { places: [] });
    const r1 = Story.safeParse(noPlace);
    expect(r1.success).toBe(false);
    expect(formatIssues('story.json', r1.error!)).toMatch(/events\[0\]\.subject: is required when the event names no place/);
    noPlace.events[0] = createEvent('first', '2025-06-01T11:35Z', { places: [], subject: { bbox: [30, 46, 40, 52], label: 'Ukraine–Russia border: where is not reported' } });
    expect(Story.safeParse(noPlace).success).toBe(true);

    const callout = createStory();
    callout.events[0] = createEvent('first', '2025-06-01T11:35Z', { callout: { place: 'a-place', text: 'Something happened', by: 'a report', source: 'report' } });
    expect(Story.safeParse(callout).success).toBe(true);
    callout.events[0] = createEvent('first', '2025-06-01T11:35Z', { callout: { place: 'a-place', text: 'Something big happened', by: 'a report', source: 'report' } });
    const r2 = Story.safeParse(callout);
    expect(formatIssues('story.json', r2.error!)).toMatch(/events\[0\]\.callout\.text: must be copied exactly/);
    callout.events[0] = createEvent('first', '2025-06-01T11:35Z', { callout: { place: 'elsewhere', text: 'Said so.', by: 'A minister', source: 'report' } });
    expect(formatIssues('story.json', Story.safeParse(callout).error!)).toMatch(/events\[0\]\.callout\.place: "elsewhere" is not in this event's places/);
    callout.events[0] = createEvent('first', '2025-06-01T11:35Z', { callout: { place: 'a-place', text: 'Said so.', by: 'A minister', source: 'another' } });
    expect(formatIssues('story.json', Story.safeParse(callout).error!)).toMatch(/events\[0\]\.callout\.source: "another" is not among this event's sources/);
  });

  it("takes figures given side by side as a list of callouts, checking each one and naming it by its index", () => {
    const story = createStory();
    const body = 'One side counted 10 drones; the other side counted 80 drones.';
    const two = [
      { text: '10 drones', by: 'One side', source: 'report' },
      { text: '80 drones', by: 'The other side', source: 'report' },
    ];
    story.events[0] = createEvent('first', '2025-06-01T11:35Z', { body, callout: two });
    expect(Story.safeParse(story).success).toBe(true);
    story.events[0] = createEvent('first', '2025-06-01T11:35Z', { body, callout: [two[0], { ...two[1], text: '90 drones' }] });
    expect(formatIssues('story.json', Story.safeParse(story).error!)).toMatch(/events\[0\]\.callout\[1\]\.text: must be copied exactly/);
    // one figure is written as an object, not a list of one
    story.events[0] = createEvent('first', '2025-06-01T11:35Z', { body, callout: [two[0]] });
    expect(Story.safeParse(story).success).toBe(false);
    // without a place, a callout sits among the event's places; with neither places nor a subject box it has nowhere to be
    story.events[0] = createEvent('first', '2025-06-01T11:35Z', { body, places: [], subject: undefined, callout: two });
    expect(formatIssues('story.json', Story.safeParse(story).error!)).toMatch(/events\[0\]\.callout\[0\]\.place: is required when the event has no subject box and no places/);
  });

  it('rejects a time with an offset instead of Z', () => {
    const story = createStory();
    story.events[0].start = '2025-06-01T14:35+03:00';
    expect(issuesOf(story)).toContain('data/story.json: events[0].start: must be an ISO 8601 UTC instant ending in Z');
  });

  it('rejects an event outside the story range', () => {
    const story = createStory();
    story.events[0].start = '2025-05-01T00:00Z';
    expect(issuesOf(story)).toContain('data/story.json: events[0].start: is outside the story range');
  });

  it('rejects events out of time order', () => {
    const story = createStory();
    story.events.reverse();
    expect(issuesOf(story)).toContain('data/story.json: events[1].start: events must be in strictly increasing time order');
  });

  it('rejects a duplicate event id', () => {
    const story = createStory();
    story.events[1].id = 'first';
    expect(issuesOf(story)).toContain('data/story.json: events[1].id: duplicate event id "first"');
  });

  it('rejects a claim citing an unknown source', () => {
    const story = createStory();
    story.events[0].claims[0].sources[0].source = 'nowhere';
    expect(issuesOf(story)).toContain('data/story.json: events[0].claims[0].sources[0].source: unknown source "nowhere"');
  });

  it('rejects a claim citing a reference page', () => {
    const story = createStory();
    story.events[0].claims[0].sources[0].source = 'ref-page';
    expect(issuesOf(story)).toContain('data/story.json: events[0].claims[0].sources[0].source: "ref-page" is reported elsewhere, not one of the articles; quotes come from articles');
  });

  it('rejects an event that ends before it starts', () => {
    const story = createStory();
    story.events[1].end = '2025-06-02T11:00Z';
    expect(issuesOf(story)).toContain('data/story.json: events[1].end: is before start');
  });

  it('rejects an event without a title', () => {
    const story = createStory();
    delete (story.events[0] as Partial<EventInput>).title;
    expect(issuesOf(story)).toContain('data/story.json: events[0].title:');
  });

  it('rejects focus bands whose shares add up to 1 or more', () => {
    const story = createStory();
    story.focus.push({ start: '2025-05-16T06:00Z', end: '2025-05-16T18:00Z', share: 0.5 });
    expect(issuesOf(story)).toContain('data/story.json: focus: shares must add up to less than 1');
  });
});

describe('Story schema refuses what would be shown wrong or link elsewhere', () => {
  it.each(['javascript:alert(1)', 'JavaScript:alert(1)', 'data:text/html,<b>x</b>', 'ftp://example.org/file', 'file:///etc/passwd', 'mailto:desk@example.org'])(
    'refuses the source URL %s with its path',
    (url) => {
      const story = createStory();
      (story.sources[1] as { url: string }).url = url;
      expect(issuesOf(story)).toContain('data/story.json: sources[1].url: must be an http:// or https:// URL');
    },
  );

  it('accepts http and https source URLs', () => {
    const story = createStory();
    (story.sources[1] as { url: string }).url = 'http://example.org/a/page';
    expect(Story.safeParse(story).success).toBe(true);
  });

  it.each([
    ['30 February', '2025-02-30T00:00Z'],
    ['29 February in a common year', '2025-02-29T12:00Z'],
    ['31 April', '2025-04-31T00:00Z'],
    ['24:00', '2025-06-01T24:00Z'],
    ['minute 60', '2025-06-01T11:60Z'],
  ])('refuses an event start on %s instead of rolling it over', (_, start) => {
    const story = createStory();
    story.events[0].start = start;
    expect(issuesOf(story)).toContain('data/story.json: events[0].start: is not a real date and time');
  });

  it('refuses an impossible story end and focus band end', () => {
    const story = createStory();
    story.focus[0].end = '2025-06-31T06:00Z';
    expect(issuesOf(story)).toContain('data/story.json: focus[0].end: is not a real date and time');
  });

  it('refuses focus bands outside the story', () => {
    const early = createStory();
    early.focus = [{ start: '2025-05-14T18:00Z', end: '2025-05-16T06:00Z', share: 0.2 }];
    expect(issuesOf(early)).toContain('data/story.json: focus[0].start: is before the story starts');
    const late = createStory();
    late.focus = [{ start: '2025-06-16T18:00Z', end: '2025-06-17T06:00Z', share: 0.2 }];
    expect(issuesOf(late)).toContain('data/story.json: focus[0].end: is after the story ends');
  });

  it('refuses overlapping focus bands, and bands out of time order', () => {
    const overlap = createStory();
    overlap.focus = [
      { start: '2025-05-31T18:00Z', end: '2025-06-02T06:00Z', share: 0.3 },
      { start: '2025-06-01T18:00Z', end: '2025-06-03T06:00Z', share: 0.3 },
    ];
    expect(issuesOf(overlap)).toContain('data/story.json: focus[1].start: overlaps focus[0]');
    const reversed = createStory();
    reversed.focus = [
      { start: '2025-06-01T18:00Z', end: '2025-06-03T06:00Z', share: 0.3 },
      { start: '2025-05-16T06:00Z', end: '2025-05-16T18:00Z', share: 0.1 },
    ];
    expect(issuesOf(reversed)).toContain('data/story.json: focus[1].start: overlaps focus[0]');
  });

  it('accepts bands that touch end to start', () => {
    const story = createStory();
    story.focus = [
      { start: '2025-05-31T18:00Z', end: '2025-06-01T18:00Z', share: 0.3 },
      { start: '2025-06-01T18:00Z', end: '2025-06-03T06:00Z', share: 0.3 },
    ];
    expect(Story.safeParse(story).success).toBe(true);
  });

  it.each([
    ['the story title', (s: StoryInput) => (s.title = 'Talks <b>in</b> Istanbul'), 'title', '<b'],
    ['an event title', (s: StoryInput) => (s.events[1].title = '<img src=x onerror=alert(1)>'), 'events[1].title', '<i'],
    ['the credit', (s: StoryInput) => (s.credit = 'Basemap: <a href="https://x">Natural Earth</a>'), 'credit', '<a'],
    ['a source credit', (s: StoryInput) => ((s.sources[0] as { credit: string | null }).credit = 'Reuters</p>'), 'sources[0].credit', '</'],
    ['a claim', (s: StoryInput) => (s.events[0].claims[0].text = 'Said &quot;so&quot;.'), 'events[0].claims[0].text', '&quot;'],
    ['a comment in a body', (s: StoryInput) => (s.events[0].body = 'A body <!-- note -->'), 'events[0].body', '<!'],
  ])('refuses HTML in %s with its path', (_, edit, path, markup) => {
    const story = createStory();
    edit(story);
    expect(issuesOf(story)).toContain(`data/story.json: ${path}: contains HTML markup ("${markup}`);
  });

  it('accepts a "<" or "&" that is not markup', () => {
    const story = createStory();
    story.events[0].body = 'Fewer than < 5 km from the border, Smith & Jones said; 3<4.';
    expect(Story.safeParse(story).success).toBe(true);
  });

  it('refuses a megabyte-long body, and a title over 200 characters, with their paths', () => {
    const story = createStory();
    story.events[0].body = 'x'.repeat(1_000_000);
    story.events[1].title = 'y'.repeat(201);
    const issues = issuesOf(story);
    expect(issues).toContain('data/story.json: events[1].title: Too big');
    const long = createStory();
    long.events[0].body = 'x'.repeat(1_000_000);
    expect(issuesOf(long)).toContain(`data/story.json: events[0].body: is 1000000 characters long; at most ${MAX_TEXT}`);
  });
});

describe('Places and Theme schemas refuse markup and megabyte texts', () => {
  const places = () => JSON.parse(readFileSync(resolve(__dirname, '../../data/places.geojson'), 'utf8')) as { features: { properties: Record<string, unknown> }[] };
  const theme = () => JSON.parse(readFileSync(resolve(__dirname, '../../data/theme.json'), 'utf8')) as { categories: Record<string, unknown>[] };
  const issues = (schema: typeof Places | typeof Theme, file: string, value: unknown) => {
    const r = schema.safeParse(value);
    if (r.success) throw new Error('expected a failure');
    return formatIssues(file, r.error);
  };

  it('accepts the real places and theme', () => {
    expect(Places.safeParse(places()).success).toBe(true);
    expect(Theme.safeParse(theme()).success).toBe(true);
  });

  it('names the place whose name carries markup', () => {
    const p = places();
    p.features[3].properties.name = 'Olenya<script>';
    expect(issues(Places, 'data/places.geojson', p)).toContain('data/places.geojson: features[3].properties.name: contains HTML markup');
  });

  it('names the place whose description is megabytes long', () => {
    const p = places();
    p.features[0].properties.description = 'z'.repeat(2_000_000);
    expect(issues(Places, 'data/places.geojson', p)).toContain('data/places.geojson: features[0].properties.description: is 2000000 characters long');
  });

  it.each([
    ['a named colour', (t: Record<string, any>) => delete t.colors.arc, 'data/theme.json: colors.arc: '],
    ['the font', (t: Record<string, any>) => delete t.font, 'data/theme.json: font: '],
    ['a category symbol', (t: Record<string, any>) => delete t.categories[1].symbol, 'data/theme.json: categories[1].symbol: '],
    ['the distance layer label', (t: Record<string, any>) => delete t.layers.distances.label, 'data/theme.json: layers.distances.label: '],
    ['the distance wording', (t: Record<string, any>) => delete t.layers.distances.text, 'data/theme.json: layers.distances.text: '],
    ['the labels layer', (t: Record<string, any>) => delete t.layers.labels, 'data/theme.json: layers.labels: '],
  ])('names the theme field when %s is missing', (_what, edit, line) => {
    const t = theme();
    edit(t);
    expect(issues(Theme, 'data/theme.json', t)).toContain(line);
  });

  it('names an unknown colour, a distance wording without {km}, and a kind drawn by two categories', () => {
    const t = theme() as Record<string, any>;
    t.colors.sea = '#0000ff';
    t.layers.distances.text = 'far from Ukraine';
    t.categories[0].kinds = ['venue', 'city'];
    const out = issues(Theme, 'data/theme.json', t);
    expect(out).toMatch(/data\/theme\.json: colors: Unrecognized key: "sea"/);
    expect(out).toContain('data/theme.json: layers.distances.text: must contain {km}');
    expect(out).toMatch(/data\/theme\.json: categories\[\d+\]\.kinds\[\d+\]: "city" is already drawn by category "venue"/);
  });

  it('names the theme category label with markup', () => {
    const t = theme();
    t.categories[2].label = '<em>Struck</em>';
    expect(issues(Theme, 'data/theme.json', t)).toContain('data/theme.json: categories[2].label: contains HTML markup');
  });
});
