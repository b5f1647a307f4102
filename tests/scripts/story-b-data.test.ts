// The second story's data files (tests/fixtures/story-b, invented test data) against the schema and
// the sourcing rules, without the basemap build (tests/e2e/story-b.test.ts builds and runs it).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../scripts/check-sources.ts';
import { referenceProblems } from '../../src/data/references.ts';
import { PlaceKind, Places, Story, Theme } from '../../src/data/schema.ts';

const DIR = resolve(import.meta.dirname, '../fixtures/story-b');
const read = (name: string) => JSON.parse(readFileSync(join(DIR, name), 'utf8'));

describe('story B (test data): the data files', () => {
  const story = Story.parse(read('data/story.json'));
  const places = Places.parse(read('data/places.geojson'));
  const theme = Theme.parse(read('data/theme.json'));

  it('pass the schema and the cross-file checks', () => {
    expect(referenceProblems(story, places.features, theme, { story: 'story.json', places: 'places.geojson', theme: 'theme.json' })).toEqual([]);
  });

  it('is its own story: a zone other than UTC+3, a place of every kind, one disputed topic with two claimants, an outside document', () => {
    expect(story.displayZone.offsetMinutes).not.toBe(180);
    expect(new Set(places.features.map((f) => f.properties.kind))).toEqual(new Set(PlaceKind.options));
    const topics = story.events.flatMap((e) => e.claims.filter((c) => c.topic).map((c) => `${e.id}/${c.topic}/${c.claimant}`));
    expect(topics).toEqual(['dam-flow-disputed/Flow at the dam/River commission', 'dam-flow-disputed/Flow at the dam/Growers’ union']);
    expect(story.sources.some((s) => s.kind === 'elsewhere')).toBe(true);
    expect(`${story.title} ${story.subtitle} ${story.intro}`).toMatch(/test/i);
  });

  it('passes the sourcing rules: every quote verbatim in its invented article, metadata as registered, nothing unused', () => {
    const r = runCheck(join(DIR, 'sources'), DIR);
    expect(r.problems).toEqual([]);
    expect(r.quotes).toBeGreaterThanOrEqual(4);
  });
});
