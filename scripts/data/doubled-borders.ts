import type { Geometry, MultiLineString, Position } from 'geojson';

/** Returns a lon/lat position in pixels of a 512 px Web Mercator world at `zoom`. */
export function toPixels([lon, lat]: Position, zoom: number): [number, number] {
  const size = 512 * 2 ** zoom;
  const phi = (Math.max(-85, Math.min(85, lat)) * Math.PI) / 180;
  return [((lon + 180) / 360) * size, ((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * size];
}

export interface DoubledOptions {
  /** Lines closer than `near[1]` px run beside each other; closer than `near[0]` px they are the same line. */
  near: [number, number];
  /** A stretch beside another line at least this long (px), on it for less than `sameShare` of its length, is a problem. */
  minRunPx: number;
  sameShare: number;
}

const DEFAULTS: DoubledOptions = { near: [0.75, 8], minRunPx: 40, sameShare: 0.5 };

type Segment = [number, number, number, number];

/** Returns the lines of a geometry (a polygon's rings, a line's parts). */
export function linesOf(g: Geometry): Position[][] {
  switch (g.type) {
    case 'LineString':
      return [g.coordinates];
    case 'MultiLineString':
    case 'Polygon':
      return g.coordinates;
    case 'MultiPolygon':
      return g.coordinates.flat();
    default:
      return [];
  }
}

function distToSegment(px: number, py: number, [ax, ay, bx, by]: Segment): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2)) : 0;
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/**
 * Returns a look-up of the distance (px) at `zoom` from a point (px) to the nearest segment of `a`,
 * exact up to `near[1]` px (Infinity or more beyond): build it once for many `doubledStretches` calls.
 */
export function nearestSegment(a: Position[][], zoom: number, opts: DoubledOptions = DEFAULTS): (x: number, y: number) => number {
  const cell = Math.max(8, opts.near[1] * 2);
  const grid = new Map<string, Segment[]>();
  for (const line of a) {
    for (let i = 1; i < line.length; i++) {
      const [ax, ay] = toPixels(line[i - 1], zoom);
      const [bx, by] = toPixels(line[i], zoom);
      const seg: Segment = [ax, ay, bx, by];
      for (let gx = Math.floor((Math.min(ax, bx) - opts.near[1]) / cell); gx <= Math.floor((Math.max(ax, bx) + opts.near[1]) / cell); gx++)
        for (let gy = Math.floor((Math.min(ay, by) - opts.near[1]) / cell); gy <= Math.floor((Math.max(ay, by) + opts.near[1]) / cell); gy++) {
          const k = `${gx},${gy}`;
          const list = grid.get(k);
          if (list) list.push(seg);
          else grid.set(k, [seg]);
        }
    }
  }
  return (x: number, y: number) => {
    let d = Infinity;
    for (const s of grid.get(`${Math.floor(x / cell)},${Math.floor(y / cell)}`) ?? []) d = Math.min(d, distToSegment(x, y, s));
    return d;
  };
}

/**
 * Returns the stretches where a line of `b` runs beside a line of `a` at `zoom`: within `near[1]`
 * px of it for at least `minRunPx` px, but on it (within `near[0]` px) for less than `sameShare` of
 * that length: two lines that wander about each other, crossing now and then. Each stretch is
 * reported by where it starts (lon/lat) and its length in px. Such a pair reads as one border drawn twice.
 */
export function doubledStretches(a: Position[][], b: Position[][], zoom: number, opts: DoubledOptions = DEFAULTS, nearest = nearestSegment(a, zoom, opts)): { at: Position; px: number }[] {
  const out: { at: Position; px: number }[] = [];
  for (const line of b) {
    let run = 0;
    let same = 0;
    let start: Position | null = null;
    const close = () => {
      if (run >= opts.minRunPx && start && same < opts.sameShare * run) out.push({ at: start, px: Math.round(run) });
      run = 0;
      same = 0;
      start = null;
    };
    for (let i = 1; i < line.length; i++) {
      const [ax, ay] = toPixels(line[i - 1], zoom);
      const [bx, by] = toPixels(line[i], zoom);
      const len = Math.hypot(bx - ax, by - ay);
      const steps = Math.max(1, Math.ceil(len / 2));
      for (let k = 0; k < steps; k++) {
        const t = (k + 0.5) / steps;
        const d = nearest(ax + t * (bx - ax), ay + t * (by - ay));
        if (d < opts.near[1]) {
          if (!start) start = line[i - 1];
          run += len / steps;
          if (d <= opts.near[0]) same += len / steps;
        } else close();
      }
    }
    close();
  }
  return out;
}

/**
 * Returns one line per place outline (and per region line) that runs beside a basemap boundary at
 * any of `zooms`: the same border drawn twice from two sources.
 */
export function doubledBorderProblems(
  boundaries: MultiLineString[],
  places: { geometry: Geometry; properties: { id: string } }[],
  zooms: number[],
  opts: DoubledOptions = DEFAULTS,
): string[] {
  const a = boundaries.flatMap((g) => g.coordinates);
  const problems: string[] = [];
  for (const zoom of zooms) {
    const nearest = nearestSegment(a, zoom, opts);
    for (const p of places) {
      if (p.geometry.type === 'Point') continue;
      for (const s of doubledStretches(a, linesOf(p.geometry), zoom, opts, nearest))
        problems.push(`place ${p.properties.id}: its outline runs ${s.px} px beside a basemap border at zoom ${zoom}, from ${s.at.map((v) => v.toFixed(3)).join(', ')}`);
    }
  }
  return problems;
}
