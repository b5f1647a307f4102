/** One-line usage of `npm run shots`. */
export const USAGE =
  'usage: npm run shots -- [--at <ISO time> | --event <id> | --all-events] [--size WxH] [--scale 1|2|3] [--view zoom/lat/lon | --follow | --no-follow] [--out DIR]';

/** Smallest frame side (CSS px) and largest PNG side (px, after scale); as in src/export/presets.ts. */
export const MIN_SIDE = 320;
export const MAX_PIXELS = 8192;

const VALUE_FLAGS = ['--at', '--event', '--size', '--scale', '--view', '--out'];
const BOOL_FLAGS = ['--all-events', '--follow', '--no-follow', '--help'];
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?Z$/;

/**
 * Returns the flags given in argv as a Map (flag → value, or true for a boolean flag; `-h` counts as
 * --help). Accepts `--flag value` and `--flag=value`. Throws a one-line reason for an unexpected
 * argument, an unknown or repeated flag, a missing value, or a value given to a boolean flag.
 */
export function scanFlags(argv, valueFlags, boolFlags) {
  const seen = new Map();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h') {
      seen.set('--help', true);
      continue;
    }
    if (!arg.startsWith('--')) throw new Error(`unexpected argument "${arg}"`);
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (seen.has(flag)) throw new Error(`${flag} given twice`);
    if (boolFlags.includes(flag)) {
      if (eq > 0) throw new Error(`${flag} takes no value`);
      seen.set(flag, true);
    } else if (valueFlags.includes(flag)) {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '' || (eq < 0 && value.startsWith('--'))) throw new Error(`${flag} needs a value`);
      seen.set(flag, value);
    } else throw new Error(`unknown option "${flag}"`);
  }
  return seen;
}

/** Returns epoch ms of an ISO 8601 UTC time given to `flag` (e.g. 2025-06-01T11:35Z), or throws a one-line reason. */
export function parseIsoFlag(flag, value) {
  const t = ISO_UTC.test(value) ? Date.parse(value) : NaN;
  if (!Number.isFinite(t) || new Date(t).toISOString().slice(0, 16) !== value.slice(0, 16)) throw new Error(`${flag} must be an ISO 8601 UTC time such as 2025-06-01T11:35Z (got "${value}")`);
  return t;
}

/** Returns an event id given to `flag` (lower-case kebab-case), or throws a one-line reason. */
export function parseEventFlag(flag, value) {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(value)) throw new Error(`${flag} must be an event id such as operation-spiderweb (got "${value}")`);
  return value;
}

/** Returns [width, height] from a `--size WIDTHxHEIGHT` value, or throws a one-line reason. */
export function parseSizeFlag(value, example = '1200x675') {
  const m = /^(\d{1,5})x(\d{1,5})$/.exec(value);
  if (!m) throw new Error(`--size must be WIDTHxHEIGHT in pixels such as ${example} (got "${value}")`);
  return [Number(m[1]), Number(m[2])];
}

/**
 * Returns the options of `npm run shots` parsed and checked from argv (without node and the
 * script): { at, event, allEvents, width, height, scale, view, follow, out, help }. The camera
 * follows the story (frames each event) unless `--no-follow` (the whole story) or `--view`;
 * `--follow` says the default explicitly. Throws an
 * Error with a one-line reason for an unknown or repeated flag, a missing or malformed value,
 * or flags that exclude each other. Pure: it reads no files.
 */
export function parseArgs(argv) {
  const seen = scanFlags(argv, VALUE_FLAGS, BOOL_FLAGS);
  const opts = {
    at: null,
    event: null,
    allEvents: seen.has('--all-events'),
    width: 1200,
    height: 675,
    scale: 1,
    view: null,
    follow: !seen.has('--no-follow') && !seen.has('--view'),
    out: seen.get('--out') ?? 'shots',
    help: seen.has('--help'),
  };
  if (opts.help) return opts;
  const picked = ['--at', '--event', '--all-events'].filter((f) => seen.has(f));
  if (picked.length > 1) throw new Error(`${picked.join(' and ')} cannot be combined: choose one`);
  if (seen.has('--view') && seen.has('--follow')) throw new Error('--view and --follow cannot be combined: choose one');
  if (seen.has('--no-follow') && seen.has('--follow')) throw new Error('--follow and --no-follow cannot be combined: choose one');
  if (seen.has('--at')) opts.at = parseIsoFlag('--at', seen.get('--at'));
  if (seen.has('--event')) opts.event = parseEventFlag('--event', seen.get('--event'));
  if (seen.has('--scale')) {
    const s = seen.get('--scale');
    if (!/^[123]$/.test(s)) throw new Error(`--scale must be 1, 2 or 3 (got "${s}")`);
    opts.scale = Number(s);
  }
  if (seen.has('--size')) [opts.width, opts.height] = parseSizeFlag(seen.get('--size'));
  if (opts.width < MIN_SIDE || opts.height < MIN_SIDE) throw new Error(`--size must be at least ${MIN_SIDE}x${MIN_SIDE} (got ${opts.width}x${opts.height})`);
  if (opts.width * opts.scale > MAX_PIXELS || opts.height * opts.scale > MAX_PIXELS)
    throw new Error(
      `--size ${opts.width}x${opts.height} at --scale ${opts.scale} makes ${opts.width * opts.scale}x${opts.height * opts.scale} px; each side must be at most ${MAX_PIXELS}`,
    );
  if (seen.has('--view')) {
    const v = seen.get('--view');
    const parts = v.split('/');
    const nums = parts.map(Number);
    const ok =
      parts.length === 3 &&
      parts.every((p) => /^-?\d+(\.\d+)?$/.test(p)) &&
      nums[0] >= 0 && nums[0] <= 18 && Math.abs(nums[1]) <= 85 && Math.abs(nums[2]) <= 180;
    if (!ok) throw new Error(`--view must be zoom/lat/lon such as 4/50.5/30.5 (got "${v}")`);
    opts.view = v;
  }
  return opts;
}

/**
 * Returns the shots to take, in time order, each with the page query that shows it and its
 * moment (epoch ms): the `--at` time, the `--event`, every event, or by default the story's end.
 * Throws a one-line reason for a time outside the story or an unknown event id.
 */
export function planShots(opts, story) {
  const start = Date.parse(story.start);
  const end = Date.parse(story.end);
  const events = [...story.events].map((e) => ({ id: e.id, t: Date.parse(e.start) })).sort((a, b) => a.t - b.t);
  const extra = `${opts.view ? `&view=${opts.view}` : ''}${opts.follow || opts.view ? '' : '&follow=0'}`;
  const iso = (t) => new Date(t).toISOString().replace(':00.000Z', 'Z');
  const at = (t, label) => ({ label, t, query: `?mode=screenshot&t=${iso(t)}${extra}` });
  if (opts.event) {
    const e = events.find((x) => x.id === opts.event);
    if (!e) throw new Error(`unknown event "${opts.event}"; the story's events are: ${events.map((x) => x.id).join(', ')}`);
    return [{ label: e.id, t: e.t, query: `?mode=screenshot&event=${e.id}${extra}` }];
  }
  if (opts.allEvents) return events.map((e) => ({ label: e.id, t: e.t, query: `?mode=screenshot&event=${e.id}${extra}` }));
  if (opts.at !== null) {
    if (opts.at < start || opts.at > end) throw new Error(`--at ${iso(opts.at)} is outside the story (${story.start} to ${story.end})`);
    return [at(opts.at, iso(opts.at))];
  }
  return [at(end, 'story end')];
}
