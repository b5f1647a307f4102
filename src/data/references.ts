import { categoryFor, drawsPoints, isImpact } from './categories.ts';
import type { PlaceProperties, BuiltStory, Theme } from './schema.ts';

/**
 * Returns one line per reference between the files that points nowhere ("file: field path: what is
 * wrong"): a place's source missing from the story, a claim quoting a non-article, an event naming an
 * unknown place or a status for a place it does not name, a place no theme category draws, or drawn
 * with a symbol of the wrong shape (an area with a point's mark, a point with an area's fill).
 * `files` are the labels used in the lines.
 */
export function referenceProblems(
  story: BuiltStory,
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
  const isArea = (p: PlaceProperties) => p.derive !== undefined;
  const shape = (p: PlaceProperties) => (isArea(p) ? 'an area' : 'a point');
  places.forEach((f, i) => {
    const c = categoryFor(theme.categories, f.properties.kind);
    if (!c) problems.push(`${files.theme}: categories: no category draws kind "${f.properties.kind}" (${files.places}: features[${i}].properties.kind)`);
    else if (drawsPoints(c) === isArea(f.properties))
      problems.push(`${files.theme}: categories[${theme.categories.indexOf(c)}].symbol: "${c.symbol}" cannot draw ${shape(f.properties)} (${files.places}: features[${i}], "${f.properties.id}")`);
  });
  const byId = new Map(places.map((f) => [f.properties.id, f.properties]));
  const reported = new Set<string>();
  story.events.forEach((ev, i) =>
    ev.statuses?.forEach((s, j) => {
      const p = byId.get(s.place);
      if (!p || !isImpact(s.status)) return;
      const c = categoryFor(theme.categories, p.kind, s.status);
      if (!c?.statuses?.includes(s.status)) {
        if (!reported.has(s.status))
          problems.push(`${files.theme}: categories: no category draws status "${s.status}" (${files.story}: events[${i}].statuses[${j}] and any later use)`);
        reported.add(s.status);
      } else if (drawsPoints(c) === isArea(p))
        problems.push(`${files.theme}: categories[${theme.categories.indexOf(c)}].symbol: "${c.symbol}" cannot draw ${shape(p)} (${files.story}: events[${i}].statuses[${j}], "${p.id}")`);
    }),
  );
  return problems;
}
