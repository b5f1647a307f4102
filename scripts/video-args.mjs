import { parseEventFlag, parseIsoFlag, parseSizeFlag, scanFlags, MIN_SIDE } from './shots-args.mjs';

/** One-line usage of `npm run video`. */
export const USAGE = 'usage: npm run video -- [[--from <ISO time>] [--to <ISO time>] | --event <id> | --all] [--size WxH] [--fps 1-60] [--out DIR]';

/** Largest video side, px (4K UHD's width). */
export const MAX_VIDEO_SIDE = 3840;

const VALUE_FLAGS = ['--from', '--to', '--event', '--size', '--fps', '--out'];
const BOOL_FLAGS = ['--all', '--help'];
const iso = (t) => new Date(t).toISOString().replace(':00.000Z', 'Z');

/**
 * Returns the options of `npm run video` parsed and checked from argv (without node and the
 * script): { from, to, event, all, width, height, fps, out, help }, by default the whole story at
 * 1080×1920 and 30 fps into ./videos. Throws an Error with a one-line reason for an unknown or
 * repeated flag, a malformed value, an odd or out-of-range size, or flags that exclude each other.
 */
export function parseArgs(argv) {
  const seen = scanFlags(argv, VALUE_FLAGS, BOOL_FLAGS);
  const opts = { from: null, to: null, event: null, all: seen.has('--all'), width: 1080, height: 1920, fps: 30, out: seen.get('--out') ?? 'videos', help: seen.has('--help') };
  if (opts.help) return opts;
  const span = seen.has('--from') || seen.has('--to') ? ['--from/--to'] : [];
  const picked = [...span, ...['--event', '--all'].filter((f) => seen.has(f))];
  if (picked.length > 1) throw new Error(`${picked.join(' and ')} cannot be combined: choose one`);
  if (seen.has('--from')) opts.from = parseIsoFlag('--from', seen.get('--from'));
  if (seen.has('--to')) opts.to = parseIsoFlag('--to', seen.get('--to'));
  if (opts.from !== null && opts.to !== null && opts.to <= opts.from) throw new Error(`--to ${iso(opts.to)} must come after --from ${iso(opts.from)}`);
  if (seen.has('--event')) opts.event = parseEventFlag('--event', seen.get('--event'));
  if (seen.has('--fps')) {
    const f = seen.get('--fps');
    if (!/^\d{1,2}$/.test(f) || Number(f) < 1 || Number(f) > 60) throw new Error(`--fps must be a whole number from 1 to 60 (got "${f}")`);
    opts.fps = Number(f);
  }
  if (seen.has('--size')) [opts.width, opts.height] = parseSizeFlag(seen.get('--size'), '1080x1920');
  const { width: w, height: h } = opts;
  if (w < MIN_SIDE || h < MIN_SIDE || w > MAX_VIDEO_SIDE || h > MAX_VIDEO_SIDE) throw new Error(`--size sides must be from ${MIN_SIDE} to ${MAX_VIDEO_SIDE} px (got ${w}x${h})`);
  if (w % 2 || h % 2) throw new Error(`--size sides must be even numbers for video encoding (got ${w}x${h})`);
  return opts;
}

/**
 * Returns the videos to render: each with a label, the request for `window.explainerVideo` and the
 * page query to open; one per event with --all. Throws a one-line reason for an unknown event or a
 * time outside the story.
 */
export function planVideos(opts, story) {
  const start = Date.parse(story.start);
  const end = Date.parse(story.end);
  const size = { width: opts.width, height: opts.height, fps: opts.fps };
  const events = [...story.events].map((e) => ({ id: e.id, t: Date.parse(e.start) })).sort((a, b) => a.t - b.t);
  const forEvent = (e) => ({ label: e.id, query: `?mode=screenshot&event=${e.id}`, request: { event: e.id, ...size } });
  if (opts.event) {
    const e = events.find((x) => x.id === opts.event);
    if (!e) throw new Error(`unknown event "${opts.event}"; the story's events are: ${events.map((x) => x.id).join(', ')}`);
    return [forEvent(e)];
  }
  if (opts.all) return events.map(forEvent);
  for (const [flag, t] of [['--from', opts.from], ['--to', opts.to]])
    if (t !== null && (t < start || t > end)) throw new Error(`${flag} ${iso(t)} is outside the story (${story.start} to ${story.end})`);
  const from = opts.from ?? start;
  const to = opts.to ?? end;
  if (to <= from) throw new Error(`the span ${iso(from)} to ${iso(to)} is empty: --to must come after --from`);
  const request = opts.from === null && opts.to === null ? { ...size } : { from: iso(from), to: iso(to), ...size };
  return [{ label: opts.from === null && opts.to === null ? 'whole story' : `${iso(from)} to ${iso(to)}`, query: `?mode=screenshot&t=${iso(from)}`, request }];
}
