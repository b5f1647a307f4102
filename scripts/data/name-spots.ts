import { DataError } from './derive.ts';

/** Where a basemap name moves to from a zoom, seen closer (`closer` in data/basemap.json). */
export interface CloserSpot {
  from: number;
  at: [number, number];
}

/** What marks a name's spot when it has two: see `spotLayers` in src/map/basemap-style.ts. */
export interface SpotMarks {
  /** The first spot's: the zoom from which the closer spot takes over. */
  handover?: number;
  /** The closer spot's: the zoom it takes over from. */
  closerFrom?: number;
}

/**
 * A basemap name's spots: `first` alone, or with a closer spot from `closer.from` on (then `first`
 * gets `handover` and the closer one `closerFrom`, with `closerProps` over `first`'s). Throws,
 * naming `field` (the closer spot's path in the file) and `firstField`, when the closer spot does
 * not come after the first's zoom.
 */
export function nameSpots<P extends { minZoom: number; at: [number, number] }>(
  first: P,
  closer: CloserSpot | undefined,
  where: { field: string; firstField: string },
  closerProps: Partial<P> = {},
): (P & SpotMarks)[] {
  if (!closer) return [first];
  if (closer.from <= first.minZoom) throw new DataError(`${where.field}.from: ${closer.from} is not past ${where.firstField} (${first.minZoom})`);
  return [
    { ...first, handover: closer.from },
    { ...first, ...closerProps, minZoom: closer.from, at: closer.at, closerFrom: closer.from },
  ];
}
