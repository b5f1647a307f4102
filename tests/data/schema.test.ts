import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { Story, formatIssues } from '../../src/data/schema.ts';

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
    start: '2025-05-15T00:00Z',
    end: '2025-06-17T00:00Z',
    displayZone: { label: 'UTC+3', offsetMinutes: 180, places: 'Istanbul' },
    focus: [{ start: '2025-05-31T18:00Z', end: '2025-06-03T06:00Z', share: 0.5 }],
    defaultDwell: 8,
    camera: { center: [62, 55], zoom: 2.2 },
    credit: 'Basemap: Natural Earth',
    sources: [
      { id: 'report', kind: 'article', file: 'report.txt', headline: null, lede: 'A lede.', credit: null, date: '2025-06-02' },
      { id: 'ref-page', kind: 'reference', headline: 'A page', lede: null, credit: null, date: null, url: 'https://example.org/' },
    ],
    events: [createEvent('first', '2025-06-01T11:35Z'), createEvent('second', '2025-06-02T11:44Z', { end: '2025-06-02T12:50Z' })],
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
    callout.events[0] = createEvent('first', '2025-06-01T11:35Z', { callout: { place: 'a-place', text: 'Something happened', by: 'a report' } });
    expect(Story.safeParse(callout).success).toBe(true);
    callout.events[0] = createEvent('first', '2025-06-01T11:35Z', { callout: { place: 'a-place', text: 'Something big happened', by: 'a report' } });
    const r2 = Story.safeParse(callout);
    expect(formatIssues('story.json', r2.error!)).toMatch(/events\[0\]\.callout\.text: must be copied exactly/);
    callout.events[0] = createEvent('first', '2025-06-01T11:35Z', { callout: { place: 'elsewhere', text: 'Said so.', by: 'A minister' } });
    expect(formatIssues('story.json', Story.safeParse(callout).error!)).toMatch(/events\[0\]\.callout\.place: "elsewhere" is not in this event's places/);
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
    expect(issuesOf(story)).toContain('data/story.json: events[0].claims[0].sources[0].source: "ref-page" is a reference page');
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
