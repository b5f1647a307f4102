/**
 * The kiosk's settings, in one place: defaults here, overridden by the story's `kiosk` block in
 * `data/story.json`, overridden by URL parameters. A bad value anywhere falls back to the level
 * below it, never to an error (the data block is checked by the schema at build time).
 *
 * | setting            | data field (story.json kiosk.*) | URL parameter | default |
 * |--------------------|---------------------------------|---------------|---------|
 * | idle time-out (s)  | idleSeconds                     | idle          | 60      |
 * | viewing distance   | viewingDistanceM                | distance      | 2.5     |
 * | screen diagonal (in)| screenDiagonalIn               | diagonal      | 55      |
 * | QR code target     | qrUrl                           | qr            | none    |
 * | nightly reload hour| nightlyReloadHour (0–23, local) | reloadhour    | 4       |
 * | orientation        | orientation                     | orientation   | auto    |
 * | watchdog limit (s) | watchdogSeconds                 | watchdog      | 30      |
 */

export type KioskOrientation = 'auto' | 'landscape' | 'portrait';
export const KIOSK_ORIENTATIONS: readonly KioskOrientation[] = ['auto', 'landscape', 'portrait'];

export interface KioskSettings {
  /** Seconds without input before a visitor's session hands back to the tour (1–3600). */
  readonly idleSeconds: number;
  /** Distance (m) the screen is read from; kiosk type is sized for it (0.5–10). */
  readonly viewingDistanceM: number;
  /** The screen's diagonal in inches (10–150): with the page's size in CSS px it gives the mm per px that kiosk type is sized by. */
  readonly screenDiagonalIn: number;
  /** The web version's address for the attract screen's QR code (http/https), or null for no QR. */
  readonly qrUrl: string | null;
  /** Local hour (0–23) of the nightly reload, or null for none. */
  readonly nightlyReloadHour: number | null;
  /** Layout: from the screen's shape (auto), or forced. */
  readonly orientation: KioskOrientation;
  /** Seconds the frame loop may stall before the page reloads itself (5–600). */
  readonly watchdogSeconds: number;
}

/** The story's `kiosk` block as the schema admits it: every field optional. */
export type KioskBlock = Partial<{ -readonly [K in keyof KioskSettings]: KioskSettings[K] }>;

export const KIOSK_DEFAULTS: KioskSettings = Object.freeze({
  idleSeconds: 60,
  viewingDistanceM: 2.5,
  screenDiagonalIn: 55,
  qrUrl: null,
  nightlyReloadHour: 4,
  orientation: 'auto',
  watchdogSeconds: 30,
});

const inRange = (n: number, lo: number, hi: number) => Number.isFinite(n) && n >= lo && n <= hi;

/** Returns an http(s) URL's text, or null for anything else. */
export function httpUrl(s: string | null | undefined): string | null {
  if (!s || s.length > 500) return null;
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** Checks each field of a data block, keeping the valid ones (the schema also refuses the bad ones at build time). */
function validBlock(b: KioskBlock | undefined): KioskBlock {
  if (!b) return {};
  const out: KioskBlock = {};
  if (b.idleSeconds !== undefined && Number.isInteger(b.idleSeconds) && inRange(b.idleSeconds, 1, 3600)) out.idleSeconds = b.idleSeconds;
  if (b.viewingDistanceM !== undefined && inRange(b.viewingDistanceM, 0.5, 10)) out.viewingDistanceM = b.viewingDistanceM;
  if (b.screenDiagonalIn !== undefined && inRange(b.screenDiagonalIn, 10, 150)) out.screenDiagonalIn = b.screenDiagonalIn;
  if (b.qrUrl === null) out.qrUrl = null;
  else if (httpUrl(b.qrUrl) !== null) out.qrUrl = httpUrl(b.qrUrl);
  if (b.nightlyReloadHour !== undefined && (b.nightlyReloadHour === null || (Number.isInteger(b.nightlyReloadHour) && inRange(b.nightlyReloadHour, 0, 23))))
    out.nightlyReloadHour = b.nightlyReloadHour;
  if (b.orientation !== undefined && KIOSK_ORIENTATIONS.includes(b.orientation)) out.orientation = b.orientation;
  if (b.watchdogSeconds !== undefined && inRange(b.watchdogSeconds, 5, 600)) out.watchdogSeconds = b.watchdogSeconds;
  return out;
}

/** Reads the kiosk's URL parameters: each valid one, or absent. Never throws. `kioskParts` in url-state.ts writes them. */
export function kioskParams(search: string): KioskBlock {
  let q: URLSearchParams;
  try {
    q = new URLSearchParams(search);
  } catch {
    return {};
  }
  const get = (k: string) => {
    const v = q.get(k);
    return v === null || v.length > 500 ? null : v;
  };
  const num = (k: string, re: RegExp) => {
    const v = get(k);
    return v !== null && re.test(v) ? Number(v) : undefined;
  };
  const out: KioskBlock = {};
  const idle = num('idle', /^\d{1,4}$/);
  if (idle !== undefined) out.idleSeconds = idle;
  const distance = num('distance', /^\d{1,2}(\.\d{1,2})?$/);
  if (distance !== undefined) out.viewingDistanceM = distance;
  const diagonal = num('diagonal', /^\d{2,3}(\.\d)?$/);
  if (diagonal !== undefined) out.screenDiagonalIn = diagonal;
  const qr = get('qr');
  if (qr !== null) out.qrUrl = qr === '' || qr === 'none' ? null : qr;
  const hour = get('reloadhour');
  if (hour === 'none') out.nightlyReloadHour = null;
  else if (hour !== null && /^\d{1,2}$/.test(hour)) out.nightlyReloadHour = Number(hour);
  const orientation = get('orientation');
  if (orientation !== null) out.orientation = orientation as KioskOrientation;
  const watchdog = num('watchdog', /^\d{1,3}$/);
  if (watchdog !== undefined) out.watchdogSeconds = watchdog;
  return validBlock(out);
}

/** Returns the kiosk's settings: the URL's valid parameters over the story's block over the defaults. */
export function kioskSettings(search: string, block?: KioskBlock): KioskSettings {
  return Object.freeze({ ...KIOSK_DEFAULTS, ...validBlock(block), ...kioskParams(search) });
}
