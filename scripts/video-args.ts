import { videoSizeProblem } from '../src/export/presets.ts';
import type { VideoRequest } from '../src/export/video-api.ts';
import { MAX_FPS, MIN_FPS } from '../src/export/video-timeline.ts';
import { exclusive, idFlag, intFlag, isoFlag, parseFlags, sizeFlag } from './lib/args.ts';
import { eventsInOrder, findEvent, isoTime, type ToolStory } from './shots-args.ts';

/** One-line usage of `npm run video`. */
export const USAGE = `usage: npm run video -- [[--from <ISO time>] [--to <ISO time>] | --event <id> | --all] [--size WxH] [--fps ${MIN_FPS}-${MAX_FPS}] [--out DIR]`;

const FLAGS = { from: 'string', to: 'string', event: 'string', all: 'boolean', size: 'string', fps: 'string', out: 'string' } as const;

/** The options of `npm run video`. */
export interface VideoOptions {
  /** Epoch ms UTC, or null. */
  from: number | null;
  to: number | null;
  event: string | null;
  all: boolean;
  /** Frame size, px. */
  width: number;
  height: number;
  fps: number;
  out: string;
  help: boolean;
}

/** One video to render: its label, the page query to open and what to ask `window.explainerVideo` for. */
export interface PlannedVideo {
  label: string;
  /** Query string of the page to open, with leading "?". */
  query: string;
  request: VideoRequest;
}

/**
 * Returns the options of `npm run video` parsed and checked from argv (without node and the
 * script), by default the whole story at 1080×1920 and 30 fps into ./videos. The size and frame
 * rate are checked with the app's own limits (`videoSizeProblem`, MIN_FPS–MAX_FPS). Throws an Error
 * with a one-line reason for an unknown or repeated flag, a malformed value, an odd or
 * out-of-range size, or flags that exclude each other.
 */
export function parseVideoArgs(argv: readonly string[]): VideoOptions {
  const f = parseFlags(argv, FLAGS);
  const opts: VideoOptions = { from: null, to: null, event: null, all: !!f.all, width: 1080, height: 1920, fps: 30, out: f.out ?? 'videos', help: f.help };
  if (opts.help) return opts;
  exclusive([(f.from !== undefined || f.to !== undefined) && '--from/--to', f.event !== undefined && '--event', !!f.all && '--all']);
  if (f.from !== undefined) opts.from = isoFlag('--from', f.from);
  if (f.to !== undefined) opts.to = isoFlag('--to', f.to);
  if (opts.from !== null && opts.to !== null && opts.to <= opts.from) throw new Error(`--to ${isoTime(opts.to)} must come after --from ${isoTime(opts.from)}`);
  if (f.event !== undefined) opts.event = idFlag('--event', f.event);
  if (f.fps !== undefined) opts.fps = intFlag('--fps', f.fps, MIN_FPS, MAX_FPS);
  if (f.size !== undefined) [opts.width, opts.height] = sizeFlag('--size', f.size, '1080x1920');
  const problem = videoSizeProblem(opts);
  if (problem) throw new Error(`--size ${problem}`);
  return opts;
}

/**
 * Returns the videos to render: each with a label, the request for `window.explainerVideo` and the
 * page query to open; one per event with --all. Throws a one-line reason for an unknown event or a
 * time outside the story.
 */
export function planVideos(opts: VideoOptions, story: ToolStory): PlannedVideo[] {
  const start = Date.parse(story.start);
  const end = Date.parse(story.end);
  const size = { width: opts.width, height: opts.height, fps: opts.fps };
  const forEvent = (e: { id: string }) => ({ label: e.id, query: `?mode=screenshot&event=${e.id}`, request: { event: e.id, ...size } });
  if (opts.event) return [forEvent(findEvent(story, opts.event))];
  if (opts.all) return eventsInOrder(story).map(forEvent);
  for (const [flag, t] of [['--from', opts.from], ['--to', opts.to]] as const)
    if (t !== null && (t < start || t > end)) throw new Error(`${flag} ${isoTime(t)} is outside the story (${story.start} to ${story.end})`);
  const from = opts.from ?? start;
  const to = opts.to ?? end;
  if (to <= from) throw new Error(`the span ${isoTime(from)} to ${isoTime(to)} is empty: --to must come after --from`);
  const whole = opts.from === null && opts.to === null;
  const request = whole ? { ...size } : { from: isoTime(from), to: isoTime(to), ...size };
  return [{ label: whole ? 'whole story' : `${isoTime(from)} to ${isoTime(to)}`, query: `?mode=screenshot&t=${isoTime(from)}`, request }];
}
