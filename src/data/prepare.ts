import type { Feature, MultiPolygon, Point, Polygon } from 'geojson';
import { categoryFor, isImpact } from './categories.ts';
import type { PlaceProperties, PlaceStatus, BuiltStory, StoryEvent, Theme } from './schema.ts';

/** Properties the data build adds to each place. */
export interface BuiltProps extends PlaceProperties {
  anchor: [number, number];
  distanceKm?: number;
  borderPoint?: [number, number];
  areaKm2?: number;
}

export type BuiltPlace = Feature<Point | Polygon | MultiPolygon, BuiltProps>;

export interface PreparedEvent extends StoryEvent {
  index: number;
  /** Start and end, epoch ms UTC (end = start when the event has none). */
  t0: number;
  t1: number;
  /** Start and end in hours from the story's start (32-bit float safe). */
  h0: number;
  h1: number;
}

export interface PreparedPlace {
  id: string;
  index: number;
  feature: BuiltPlace;
  props: BuiltProps;
  isArea: boolean;
  /** Theme category id (venue, struck, claimed-region, …). */
  category: string;
  /** Hours from story start when the place first appears (its first event), or Infinity if no event names it. */
  appearH: number;
  /** Time ranges (hours) in which the place is "talks-on". */
  activeRanges: [number, number][];
  /** Index of the event that brings it in, or -1. */
  firstEvent: number;
}

export interface PreparedStory {
  story: BuiltStory;
  theme: Theme;
  start: number;
  end: number;
  events: PreparedEvent[];
  places: PreparedPlace[];
  placeById: Map<string, PreparedPlace>;
  /** Source id → events and places citing it. */
  citations: Map<string, { events: string[]; places: string[] }>;
}

const HOUR = 3_600_000;

/** Returns the id of the category a place is drawn in; throws naming the place if the theme has none for it. */
function categoryId(theme: Theme, props: PlaceProperties, status: PlaceStatus | undefined): string {
  const c = categoryFor(theme.categories, props.kind, status);
  if (!c) throw new Error(`place "${props.id}": no category in theme.json draws kind "${props.kind}"${status ? ` or status "${status}"` : ''}`);
  return c.id;
}

/** Returns hours from `origin` (epoch ms) to `t` (epoch ms). */
export function toHours(t: number, origin: number): number {
  return (t - origin) / HOUR;
}

/** Returns the story and places parsed once into typed, time-indexed records for the map and UI. */
export function prepareStory(story: BuiltStory, theme: Theme, places: BuiltPlace[]): PreparedStory {
  const start = Date.parse(story.start);
  const end = Date.parse(story.end);
  const events: PreparedEvent[] = story.events.map((e, index) => {
    const t0 = Date.parse(e.start);
    const t1 = e.end ? Date.parse(e.end) : t0;
    return { ...e, index, t0, t1, h0: toHours(t0, start), h1: toHours(t1, start) };
  });
  const prepared: PreparedPlace[] = places.map((feature, index) => {
    const id = feature.properties.id;
    const first = events.find((e) => e.places.includes(id));
    const statuses = events.flatMap((e) => (e.statuses ?? []).filter((s) => s.place === id).map((s) => ({ e, status: s.status })));
    const impact = statuses.find((s) => isImpact(s.status));
    return {
      id,
      index,
      feature,
      props: feature.properties,
      isArea: feature.geometry.type !== 'Point',
      category: categoryId(theme, feature.properties, impact?.status),
      appearH: first ? first.h0 : Number.POSITIVE_INFINITY,
      activeRanges: statuses.filter((s) => s.status === 'talks-on').map((s) => [s.e.h0, s.e.h1] as [number, number]),
      firstEvent: first ? first.index : -1,
    };
  });
  const citations = new Map<string, { events: string[]; places: string[] }>();
  const cite = (source: string) => {
    let c = citations.get(source);
    if (!c) citations.set(source, (c = { events: [], places: [] }));
    return c;
  };
  for (const e of events) {
    const ids = new Set([...e.sources, ...e.claims.flatMap((c) => c.sources.map((s) => s.source))]);
    for (const s of ids) cite(s).events.push(e.id);
  }
  for (const p of prepared) {
    const ids = new Set([...p.props.sources, ...(p.props.claims ?? []).flatMap((c) => c.sources.map((s) => s.source))]);
    if (p.props.heldShare) ids.add(p.props.heldShare.source);
    for (const s of ids) cite(s).places.push(p.id);
  }
  return { story, theme, start, end, events, places: prepared, placeById: new Map(prepared.map((p) => [p.id, p])), citations };
}

export { currentEventIndex } from '../time/precision.ts';

/** Returns whether a place is on the map at time t (hours from story start). */
export function isVisibleAt(place: PreparedPlace, h: number): boolean {
  return place.appearH <= h;
}
