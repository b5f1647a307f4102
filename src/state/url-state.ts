import { MAX_ZOOM, MIN_ZOOM, roundView } from './view.ts';
import { isoMinute } from '../time/format.ts';
import { parseUtcInstant } from '../time/instant.ts';
import { parseMode, type AppConfig } from './config.ts';
import { KIOSK_DEFAULTS, type KioskSettings } from './kiosk-settings.ts';
import type { AppState, View } from './store.ts';

/** What a URL may set; everything is validated against these. */
export interface UrlContext {
  start: number;
  end: number;
  events: { id: string; t0: number }[];
  placeIds: string[];
  layerIds: string[];
}

/**
 * The state a URL holds: the moment, place, view, layers and follow, with the page's config (mode,
 * embed, idle and, on a kiosk page, the kiosk's other settings).
 */
export type UrlFields = Pick<AppState, 't' | 'place' | 'view' | 'layers' | 'follow'> & Pick<AppConfig, 'mode' | 'embed' | 'idle'> & Partial<Pick<AppConfig, 'kiosk'>>;

/** What a query string sets, field by field: each one valid or absent. */
export type UrlState = Partial<{ -readonly [K in keyof UrlFields]: UrlFields[K] }>;

/** Returns epoch ms for a strict ISO 8601 UTC instant (trailing Z) that exists in the calendar, or null. */
export const parseInstant = parseUtcInstant;

/**
 * Returns a View from "zoom/lat/lon", or null when any part is missing, not a number or out of range.
 * A zoom beyond the map's limits (up to 18, as other maps write) is clamped to them: the map cannot
 * show it, and the URL then says what the map shows.
 */
export function parseView(s: string): View | null {
  const parts = s.split('/');
  if (parts.length !== 3 || parts.some((p) => !/^-?\d+(\.\d+)?$/.test(p))) return null;
  const [zoom, lat, lon] = parts.map(Number);
  if (zoom < 0 || zoom > 18 || lat < -85 || lat > 85 || lon < -180 || lon > 180) return null;
  return { zoom: clampZoom(zoom), lat, lon };
}

/** Returns a zoom level clamped to the map's limits. */
export function clampZoom(zoom: number): number {
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
}

/** Returns "zoom/lat/lon" rounded as maplibre's hash does (zoom 2 dp, degrees 4 dp). */
export function formatView(v: View): string {
  const r = roundView(v);
  return `${r.zoom}/${r.lat}/${r.lon}`;
}

/**
 * Returns the state a query string asks for, keeping only valid values: unknown ids, bad types,
 * out-of-range numbers and times outside the story are dropped so defaults apply. Never throws.
 */
export function parseUrl(search: string, ctx: UrlContext): UrlState {
  const out: UrlState = {};
  let q: URLSearchParams;
  try {
    q = new URLSearchParams(search);
  } catch {
    return out;
  }
  const get = (k: string) => {
    const v = q.get(k);
    return v === null || v.length > 200 ? null : v;
  };
  const t = get('t');
  const tt = t === null ? null : parseInstant(t);
  if (tt !== null && tt >= ctx.start && tt <= ctx.end) out.t = tt;
  const ev = get('event');
  if (out.t === undefined && ev !== null) {
    const e = ctx.events.find((x) => x.id === ev);
    if (e) out.t = e.t0;
  }
  const place = get('place');
  if (place !== null && ctx.placeIds.includes(place)) out.place = place;
  const view = get('view');
  const v = view === null ? null : parseView(view);
  if (v) out.view = v;
  const layers = get('layers');
  if (layers !== null) {
    const ids = layers === '' ? [] : layers.split(',');
    if (ids.every((id) => ctx.layerIds.includes(id))) out.layers = ctx.layerIds.filter((id) => ids.includes(id));
  }
  const mode = parseMode(get('mode'));
  if (mode) out.mode = mode;
  if (get('embed') === '1') out.embed = true;
  const follow = get('follow');
  if (follow === '1') out.follow = true;
  if (follow === '0') out.follow = false;
  const idle = get('idle');
  if (idle !== null && /^\d{1,4}$/.test(idle) && Number(idle) >= 1 && Number(idle) <= 3600) out.idle = Number(idle);
  return out;
}

/**
 * What serialising needs besides the state: the valid ids, the event at a moment and the defaults
 * left out of a link (`kiosk`: the settings a kiosk link without parameters gets, the story's
 * `kiosk` block over the built-in defaults; KIOSK_DEFAULTS when absent).
 */
export interface SerializeContext extends UrlContext {
  eventAt: (t: number) => string | null;
  defaults: Pick<AppState, 'layers' | 'follow'> & Pick<AppConfig, 'idle'> & Partial<Pick<AppConfig, 'kiosk'>>;
}

/** Returns the store's part of what a URL sets (the moment, place, view, layers and follow): the fields it sets, none of the page's config. */
export function stateFields({ t, place, view, layers, follow }: UrlState): Partial<Pick<AppState, 't' | 'place' | 'view' | 'layers' | 'follow'>> {
  return Object.fromEntries(Object.entries({ t, place, view, layers, follow }).filter(([, v]) => v !== undefined));
}

/**
 * Returns the query string (with leading "?") for a state. Only what differs from the defaults is
 * written, except `t`, which is always written so a link pins the moment.
 */
export function serializeUrl(s: UrlFields, ctx: SerializeContext): string {
  const parts: string[] = [`t=${isoMinute(s.t)}`];
  const ev = ctx.eventAt(s.t);
  if (ev) parts.push(`event=${encodeURIComponent(ev)}`);
  if (s.place) parts.push(`place=${encodeURIComponent(s.place)}`);
  if (s.view) parts.push(`view=${formatView({ ...s.view, zoom: clampZoom(s.view.zoom) })}`);
  const layers = ctx.layerIds.filter((id) => s.layers.includes(id));
  if (layers.join(',') !== ctx.layerIds.filter((id) => ctx.defaults.layers.includes(id)).join(',')) parts.push(`layers=${layers.join(',')}`);
  if (s.mode !== 'explore') parts.push(`mode=${s.mode}`);
  if (s.embed) parts.push('embed=1');
  if (s.follow !== ctx.defaults.follow) parts.push(`follow=${s.follow ? 1 : 0}`);
  if (s.idle !== ctx.defaults.idle) parts.push(`idle=${s.idle}`);
  if (s.mode === 'kiosk' && s.kiosk) parts.push(...kioskParts(s.kiosk, ctx.defaults.kiosk ?? KIOSK_DEFAULTS));
  return `?${parts.join('&')}`;
}

/**
 * Returns the URL parameters (`key=value`, in a fixed order) of the kiosk settings that differ from
 * `defaults`, as `kioskParams` in kiosk-settings.ts reads them back: a kiosk's reload (the watchdog's,
 * the launcher's) then keeps the settings it opened with. `idle` is written by `serializeUrl` itself.
 */
export function kioskParts(k: KioskSettings, defaults: KioskSettings): string[] {
  const parts: string[] = [];
  const none = (v: string | number | null) => (v === null ? 'none' : encodeURIComponent(String(v)));
  if (k.viewingDistanceM !== defaults.viewingDistanceM) parts.push(`distance=${k.viewingDistanceM}`);
  if (k.qrUrl !== defaults.qrUrl) parts.push(`qr=${none(k.qrUrl)}`);
  if (k.nightlyReloadHour !== defaults.nightlyReloadHour) parts.push(`reloadhour=${none(k.nightlyReloadHour)}`);
  if (k.orientation !== defaults.orientation) parts.push(`orientation=${k.orientation}`);
  if (k.watchdogSeconds !== defaults.watchdogSeconds) parts.push(`watchdog=${k.watchdogSeconds}`);
  if (k.screenDiagonalIn !== defaults.screenDiagonalIn) parts.push(`diagonal=${k.screenDiagonalIn}`);
  return parts;
}

/**
 * Returns the query string (with leading "?") of the full explorer showing the same state: the
 * moment, event, place, view, layers and follow. The mode, the embed flag, the kiosk's idle time and
 * any other parameter of the embedding URL are left behind.
 */
export function explorerQuery(s: Pick<AppState, 't' | 'place' | 'view' | 'layers' | 'follow'>, ctx: SerializeContext): string {
  return serializeUrl({ ...s, mode: 'explore', embed: false, idle: ctx.defaults.idle }, ctx);
}

/** Default time-out of each data request, in seconds. */
export const LOAD_TIMEOUT_S = 30;

/**
 * Returns the time-out of each data request in ms: `loadtimeout` seconds (1–300) from the query
 * string, else LOAD_TIMEOUT_S. A missing, malformed or out-of-range value gives the default.
 */
export function parseLoadTimeout(search: string): number {
  let v: string | null = null;
  try {
    v = new URLSearchParams(search).get('loadtimeout');
  } catch {
    v = null;
  }
  const n = v !== null && /^\d{1,3}$/.test(v) ? Number(v) : NaN;
  return (n >= 1 && n <= 300 ? n : LOAD_TIMEOUT_S) * 1000;
}
