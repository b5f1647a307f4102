import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { multiPolygon } from '@turf/helpers';
import { simplify } from '@turf/simplify';
import { contours } from 'd3-contour';
import type { MultiLineString, MultiPolygon, Position } from 'geojson';
import { DataError } from './derive.ts';

/** [west, south, east, north], degrees. */
export type BBox = [number, number, number, number];

const CACHE = resolve(import.meta.dirname, '..', '..', 'node_modules', '.cache', 'basemap-gshhg');
const INSTALL = 'install GMT and the full GSHHG shorelines with `apt-get install -y gmt gmt-gshhg-full` (Debian)';

/** Returns GMT's standard output for `args`, cached by the arguments (GMT's masks take seconds), or throws a DataError saying how to install GMT. */
function gmt(args: string[], binary = false): Buffer {
  const key = createHash('sha256').update(args.join(' ')).digest('hex').slice(0, 16);
  const file = join(CACHE, key);
  if (existsSync(file)) return readFileSync(file);
  let out: Buffer;
  mkdirSync(CACHE, { recursive: true });
  try {
    // run in the cache folder: GMT writes its `gmt.history` file into the working directory
    out = execFileSync('gmt', args, { cwd: CACHE, maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: Buffer };
    if (err.code === 'ENOENT') throw new DataError(`basemap: the GSHHG shoreline needs the \`gmt\` command: ${INSTALL}`);
    throw new DataError(`basemap: gmt ${args[0]} failed (${String(err.stderr ?? err.message).trim().split('\n')[0]}): ${INSTALL}`);
  }
  if (!binary && !out.length) throw new DataError(`basemap: gmt ${args.join(' ')} printed nothing`);
  writeFileSync(file, out);
  return out;
}

/** Grid spacing of the land mask, arc seconds (2″ ≈ 60 m; the shoreline is traced between cells). */
const MASK_SECONDS = 2;

/**
 * Returns the land (GSHHG full resolution, lakes as water) inside `bbox` as one MultiPolygon, traced
 * from a GMT land mask at 2″ with marching squares; holes are lakes and inlets.
 */
export function gshhgLand(bbox: BBox): MultiPolygon {
  const [w, s, e, n] = bbox;
  const tmp = join(CACHE, `mask-${process.pid}.nc`);
  mkdirSync(CACHE, { recursive: true });
  const region = `-R${w}/${e}/${s}/${n}`;
  const step = MASK_SECONDS / 3600;
  const nx = Math.round((e - w) / step) + 1;
  const ny = Math.round((n - s) / step) + 1;
  const key = ['grdlandmask', region, `-I${MASK_SECONDS}s`, '-Df', '-N0/1/0/1/0'];
  let raw: Buffer;
  const cached = join(CACHE, createHash('sha256').update(key.join(' ')).digest('hex').slice(0, 16));
  if (existsSync(cached)) raw = readFileSync(cached);
  else {
    gmt([...key, `-G${tmp}`], true);
    raw = gmt(['grd2xyz', tmp, '-ZTLc'], true);
    rmSync(tmp, { force: true });
    writeFileSync(cached, raw);
  }
  if (raw.length !== nx * ny) throw new DataError(`basemap: GSHHG land mask for ${region} has ${raw.length} cells, expected ${nx} × ${ny}`);
  const values = Array.from(raw, (v) => v);
  const [mp] = contours().size([nx, ny]).thresholds([0.5])(values);
  // d3-contour's coordinates are cell edges from the top-left corner; grid nodes sit at cell centres.
  const toLonLat = ([x, y]: Position): Position => [round(w + (x - 0.5) * step), round(n - (y - 0.5) * step)];
  return { type: 'MultiPolygon', coordinates: straightenShore(mp.coordinates).map((poly) => poly.map((ring) => ring.map(toLonLat))) };
}

/**
 * Returns polygons traced along grid cells (coordinates in cells) without their stairs: a shore
 * traced from a 60 m mask steps from cell to cell, and seen closer than zoom 10 its jogs show.
 * Each run of cells becomes one edge and the ring runs through the edges' middles (along a
 * stair they lie on its slope), straightened within 0.35 of a cell (Douglas-Peucker), and its
 * corners cut once, a cell at most (`chaikin`); a feature standing out a cell or more from the line stays.
 */
export function straightenShore(polygons: Position[][][]): Position[][][] {
  // each run of cells as one edge, then the runs' middles: along a stair, they lie on its slope
  const runs = simplify(multiPolygon(polygons), { tolerance: 0.01, highQuality: true }).geometry.coordinates;
  const middles = runs.map((poly) => poly.map(edgeMiddles));
  const straight = simplify(multiPolygon(middles), { tolerance: 0.35, highQuality: true }).geometry.coordinates;
  return straight.map((poly) => poly.map((ring) => chaikin(ring, 1, 1)));
}

/**
 * Returns a closed ring through the middles of `ring`'s edges, keeping a corner between two edges of
 * 1.5 cells or more (a headland's tip, the box's corner: not a stair's jog). A ring of under four
 * points is kept.
 */
function edgeMiddles(ring: Position[]): Position[] {
  if (ring.length < 4) return ring;
  const n = ring.length - 1;
  const len = (i: number) => Math.hypot(ring[(i + 1) % n][0] - ring[i % n][0], ring[(i + 1) % n][1] - ring[i % n][1]);
  const out: Position[] = [];
  for (let i = 0; i < n; i++) {
    if (len(i) >= 1.5 && len(i + n - 1) >= 1.5) out.push(ring[i]);
    const b = ring[(i + 1) % n];
    out.push([(ring[i][0] + b[0]) / 2, (ring[i][1] + b[1]) / 2]);
  }
  return [...out, out[0]];
}

/**
 * Returns a closed ring (first point repeated last) cut at its corners `times` over (Chaikin: each
 * edge keeps its middle half, or all but `reach` at each end), so a shore traced along grid cells
 * reads as a line, not as stairs. A ring of under four points is kept.
 */
export function chaikin(ring: Position[], times: number, reach = Infinity): Position[] {
  if (ring.length < 4 || times <= 0) return ring;
  let pts = ring.slice(0, -1);
  for (let k = 0; k < times; k++) {
    const out: Position[] = [];
    for (let i = 0; i < pts.length; i++) {
      const [ax, ay] = pts[i];
      const [bx, by] = pts[(i + 1) % pts.length];
      const f = Math.min(0.25, reach / (Math.hypot(bx - ax, by - ay) || 1));
      out.push([ax + f * (bx - ax), ay + f * (by - ay)], [bx - f * (bx - ax), by - f * (by - ay)]);
    }
    pts = out;
  }
  return [...pts, pts[0]];
}

/** Returns GSHHG's (WDBII) permanent major rivers (class 1) around `bbox` as lines (GMT's dump is not cut to the box). */
export function gshhgRivers(bbox: BBox): MultiLineString {
  const [w, s, e, n] = bbox;
  const text = gmt(['coast', `-R${w}/${e}/${s}/${n}`, '-Df', '-I1', '-M']).toString('utf8');
  return { type: 'MultiLineString', coordinates: dumpLines(text) };
}

function round(v: number): number {
  return Math.round(v * 1e5) / 1e5;
}

/** Returns the lines of `gmt coast … -M` output: one per segment, coordinates rounded to 1e-5°. */
function dumpLines(text: string): Position[][] {
  const lines: Position[][] = [];
  let cur: Position[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('>')) {
      if (cur.length > 1) lines.push(cur);
      cur = [];
    } else if (line.trim()) {
      const [x, y] = line.trim().split(/\s+/).map(Number);
      cur.push([round(x), round(y)]);
    }
  }
  if (cur.length > 1) lines.push(cur);
  return lines;
}

/**
 * Returns closed rings stitched from shore pieces: GMT's dump cuts each shore at the edges of its
 * storage bins, so a piece is continued by the one that starts (or, reversed, ends) where it ends.
 * Pieces that do not close (cut by the region's edge) are left out.
 */
export function stitchRings(pieces: Position[][]): Position[][] {
  const key = (p: Position) => `${p[0]},${p[1]}`;
  const byEnd = new Map<string, Set<number>>();
  const note = (k: string, i: number) => (byEnd.get(k) ?? byEnd.set(k, new Set()).get(k)!).add(i);
  pieces.forEach((p, i) => {
    note(key(p[0]), i);
    note(key(p[p.length - 1]), i);
  });
  const used = new Set<number>();
  const rings: Position[][] = [];
  for (let i = 0; i < pieces.length; i++) {
    if (used.has(i)) continue;
    used.add(i);
    const ring = [...pieces[i]];
    for (let guard = 0; key(ring[0]) !== key(ring[ring.length - 1]) && guard < pieces.length; guard++) {
      const end = key(ring[ring.length - 1]);
      const next = [...(byEnd.get(end) ?? [])].find((j) => !used.has(j));
      if (next === undefined) break;
      used.add(next);
      const piece = key(pieces[next][0]) === end ? pieces[next] : [...pieces[next]].reverse();
      ring.push(...piece.slice(1));
    }
    if (ring.length >= 4 && key(ring[0]) === key(ring[ring.length - 1])) rings.push(ring);
  }
  return rings;
}

/**
 * Returns GSHHG's lakes of at least `minKm2` inside `bbox` (high resolution, about 0.2 km), and the
 * islands in them of at least `islandKm2`, as polygons.
 */
export function gshhgLakes(bbox: BBox, minKm2: number, islandKm2: number): { lakes: MultiPolygon; islands: MultiPolygon } {
  const [w, s, e, n] = bbox;
  const rings = (level: number, km2: number) =>
    stitchRings(dumpLines(gmt(['coast', `-R${w}/${e}/${s}/${n}`, '-Dh', `-A${km2}/${level}/${level}`, '-W', '-M']).toString('utf8'))).map((r) => [r]);
  return { lakes: { type: 'MultiPolygon', coordinates: rings(2, minKm2) }, islands: { type: 'MultiPolygon', coordinates: rings(3, islandKm2) } };
}
