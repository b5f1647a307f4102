import { SCALES, sizeProblem } from '../src/export/presets.ts';
import { parseView } from '../src/state/url-state.ts';
import { exclusive, idFlag, isoFlag, parseFlags, sizeFlag } from './lib/args.ts';

/** One-line usage of `npm run shots`. */
export const USAGE =
  'usage: npm run shots -- [--at <ISO time> | --event <id> | --all-events] [--size WxH] [--scale 1|2|3] [--view zoom/lat/lon | --follow | --no-follow] [--out DIR] [--social]';

/** The link-preview image's size (og:image), written by `--social` as social.png next to index.html. */
export const SOCIAL_SIZE = { width: 1200, height: 630 };

const FLAGS = {
  at: 'string',
  event: 'string',
  'all-events': 'boolean',
  size: 'string',
  scale: 'string',
  view: 'string',
  follow: 'boolean',
  'no-follow': 'boolean',
  out: 'string',
  social: 'boolean',
} as const;

/** The options of `npm run shots`. */
export interface ShotsOptions {
  /** Epoch ms UTC, or null. */
  at: number | null;
  event: string | null;
  allEvents: boolean;
  /** Frame size, CSS px. */
  width: number;
  height: number;
  scale: number;
  /** "zoom/lat/lon", or null. */
  view: string | null;
  follow: boolean;
  /** Where the PNGs go; null for --social without --out (the built app's folder). */
  out: string | null;
  /** The link-preview image: one 1200×630 PNG named social.png (see scripts/lib/story-html.ts). */
  social: boolean;
  help: boolean;
}

/** One PNG to take: its label, its moment and the query of the screenshot page that shows it. */
export interface PlannedShot {
  label: string;
  /** Epoch ms UTC. */
  t: number;
  /** Query string of the screenshot page, with leading "?". */
  query: string;
}

/** What the planners read of the built story. */
export interface ToolStory {
  start: string;
  end: string;
  events: { id: string; start: string }[];
}

/**
 * Returns the options of `npm run shots` parsed and checked from argv (without node and the
 * script): by default the story's end at 1200×675 @1× into ./shots. The camera follows the story
 * (frames each event) unless `--no-follow` (the whole story) or `--view`; `--follow` says the
 * default explicitly. Sizes are checked with the export dialog's own limits (`sizeProblem`), a view
 * with the URL's (`parseView`). A malformed `--event` is refused naming the built story's first event
 * id (`eventIds`, read by the caller). Throws an Error with a one-line reason. Pure: it reads no files.
 */
export function parseShotsArgs(argv: readonly string[], eventIds: readonly string[] = []): ShotsOptions {
  const f = parseFlags(argv, FLAGS);
  const opts: ShotsOptions = {
    at: null,
    event: null,
    allEvents: !!f['all-events'],
    width: 1200,
    height: 675,
    scale: 1,
    view: null,
    follow: !f['no-follow'] && f.view === undefined,
    out: f.out ?? (f.social ? null : 'shots'),
    social: !!f.social,
    help: f.help,
  };
  if (opts.help) return opts;
  exclusive([f.at !== undefined && '--at', f.event !== undefined && '--event', !!f['all-events'] && '--all-events']);
  exclusive([f.view !== undefined && '--view', !!f.follow && '--follow']);
  exclusive([!!f.follow && '--follow', !!f['no-follow'] && '--no-follow']);
  if (f.at !== undefined) opts.at = isoFlag('--at', f.at);
  if (f.event !== undefined) opts.event = idFlag('--event', f.event, eventIds[0] ?? 'first-event');
  if (f.scale !== undefined) {
    opts.scale = /^\d$/.test(f.scale) ? Number(f.scale) : NaN;
    if (!SCALES.includes(opts.scale)) throw new Error(`--scale must be ${SCALES.slice(0, -1).join(', ')} or ${SCALES.at(-1)} (got "${f.scale}")`);
  }
  exclusive([!!f.social && '--social', !!f['all-events'] && '--all-events']);
  exclusive([!!f.social && '--social', f.size !== undefined && '--size']);
  exclusive([!!f.social && '--social', f.scale !== undefined && '--scale']);
  if (f.social) [opts.width, opts.height] = [SOCIAL_SIZE.width, SOCIAL_SIZE.height];
  if (f.size !== undefined) [opts.width, opts.height] = sizeFlag('--size', f.size, '1200x675');
  const problem = sizeProblem(opts);
  if (problem) throw new Error(problem.startsWith('size ') ? `--${problem}` : `--size and --scale: ${problem}`);
  if (f.view !== undefined) {
    if (!parseView(f.view)) throw new Error(`--view must be zoom/lat/lon such as 4/50.5/30.5 (got "${f.view}")`);
    opts.view = f.view;
  }
  return opts;
}

/**
 * Returns the usage line followed by the built story's event ids (what `--event` takes), or a hint to
 * build the app when there is no built story (`eventIds` null).
 */
export function usageWithEvents(usage: string, eventIds: readonly string[] | null): string {
  return `${usage}\n${eventIds ? `events of the built story (dist/data/story.json): ${eventIds.join(', ')}` : 'run npm run build to list the story\'s event ids here'}`;
}

/** Returns "2025-06-01T11:35Z" for epoch ms (seconds shown only when not zero). */
export const isoTime = (t: number): string => new Date(t).toISOString().replace(':00.000Z', 'Z');

/** Returns the story's events sorted by time, with epoch ms. */
export const eventsInOrder = (story: ToolStory) => [...story.events].map((e) => ({ id: e.id, t: Date.parse(e.start) })).sort((a, b) => a.t - b.t);

/** Returns the event `id` of the story, or throws a one-line reason listing the story's events. */
export function findEvent(story: ToolStory, id: string): { id: string; t: number } {
  const events = eventsInOrder(story);
  const e = events.find((x) => x.id === id);
  if (!e) throw new Error(`unknown event "${id}"; the story's events are: ${events.map((x) => x.id).join(', ')}`);
  return e;
}

/**
 * Returns the shots to take, in time order, each with the page query that shows it and its
 * moment (epoch ms): the `--at` time, the `--event`, every event, or by default the story's end.
 * Throws a one-line reason for a time outside the story or an unknown event id.
 */
export function planShots(opts: ShotsOptions, story: ToolStory): PlannedShot[] {
  const start = Date.parse(story.start);
  const end = Date.parse(story.end);
  const extra = `${opts.view ? `&view=${opts.view}` : ''}${opts.follow || opts.view ? '' : '&follow=0'}`;
  const at = (t: number, label: string) => ({ label, t, query: `?mode=screenshot&t=${isoTime(t)}${extra}` });
  const forEvent = (e: { id: string; t: number }) => ({ label: e.id, t: e.t, query: `?mode=screenshot&event=${e.id}${extra}` });
  if (opts.event) return [forEvent(findEvent(story, opts.event))];
  if (opts.allEvents) return eventsInOrder(story).map(forEvent);
  if (opts.at !== null) {
    if (opts.at < start || opts.at > end) throw new Error(`--at ${isoTime(opts.at)} is outside the story (${story.start} to ${story.end})`);
    return [at(opts.at, isoTime(opts.at))];
  }
  return [at(end, 'story end')];
}
