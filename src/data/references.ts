import type { PlaceProperties, Story, Theme } from './schema.ts';

/** Theme categories the map draws with; a theme without one of them cannot show the story. */
export const NEEDED_CATEGORIES = ['venue', 'struck', 'attack-reported', 'buildup', 'buffer-zone', 'claimed-region', 'threatened-region', 'context'];

/**
 * Returns one line per reference between the files that points nowhere ("file: field path: what is
 * wrong"): a place's source missing from the story, a claim quoting a non-article, an event naming an
 * unknown place or a status for a place it does not name, a theme without a category the map needs.
 * `files` are the labels used in the lines.
 */
export function referenceProblems(
  story: Story,
  places: { properties: PlaceProperties }[],
  theme: Theme,
  files: { story: string; places: string; theme: string },
): string[] {
  const sourceIds = new Set(story.sources.map((s) => s.id));
  const placeIds = new Set(places.map((f) => f.properties.id));
  const problems: string[] = [];
  places.forEach((f, i) => {
    f.properties.sources.forEach((s, j) => {
      if (!sourceIds.has(s)) problems.push(`${files.places}: features[${i}].properties.sources[${j}]: unknown source "${s}" (not in story.json sources)`);
    });
    if (f.properties.heldShare && !sourceIds.has(f.properties.heldShare.source))
      problems.push(`${files.places}: features[${i}].properties.heldShare.source: unknown source "${f.properties.heldShare.source}"`);
    f.properties.claims?.forEach((c, j) =>
      c.sources.forEach((s, k) => {
        const src = story.sources.find((x) => x.id === s.source);
        if (!src || src.kind !== 'article')
          problems.push(`${files.places}: features[${i}].properties.claims[${j}].sources[${k}].source: "${s.source}" is not an article source`);
      }),
    );
  });
  story.events.forEach((ev, i) => {
    ev.places.forEach((p, j) => {
      if (!placeIds.has(p)) problems.push(`${files.story}: events[${i}].places[${j}]: unknown place "${p}"`);
    });
    ev.statuses?.forEach((s, j) => {
      if (!ev.places.includes(s.place)) problems.push(`${files.story}: events[${i}].statuses[${j}].place: "${s.place}" is not in this event's places`);
    });
  });
  const themeIds = new Set(theme.categories.map((c) => c.id));
  for (const needed of NEEDED_CATEGORIES) if (!themeIds.has(needed)) problems.push(`${files.theme}: categories: missing category "${needed}"`);
  return problems;
}
