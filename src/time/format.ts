export type Precision = 'day' | 'hour' | 'minute';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** Returns "+3" style offset text for an offset in minutes. */
function offsetText(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '−' : '+';
  const abs = Math.abs(offsetMinutes);
  return `UTC${sign}${Math.floor(abs / 60)}${abs % 60 ? `:${pad(abs % 60)}` : ''}`;
}

/** Returns a date and (per precision) time of an instant (epoch ms) shifted by an offset (minutes), e.g. "1 Jun 2025, 14:35". */
export function formatAt(t: number, precision: Precision, offsetMinutes = 0): string {
  const d = new Date(t + offsetMinutes * 60_000);
  const day = `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  if (precision === 'day') return day;
  if (precision === 'hour') return `${day}, ${pad(d.getUTCHours())}:00`;
  return `${day}, ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

export interface Zone {
  label: string;
  offsetMinutes: number;
  places: string;
}

/**
 * Returns the moment in UTC and in the story's local zone, labelled, at the given precision. A
 * day-precision moment is shown once, as a date, since it has no time to convert.
 */
export function formatMoment(t: number, precision: Precision, zone: Zone): { utc: string; local: string | null } {
  if (precision === 'day') return { utc: formatAt(t, 'day'), local: null };
  return {
    utc: `${formatAt(t, precision)} UTC`,
    local: `${formatAt(t, precision, zone.offsetMinutes).split(', ')[1]} ${offsetText(zone.offsetMinutes)} (${zone.places})`,
  };
}

/**
 * Returns an event's time span text, e.g. "2 Jun 2025, 11:44–12:50 UTC" or "23–25 May 2025"; an
 * estimated end reads "2 Jun 2025, 11:44 to about 12:50 UTC".
 */
export function formatSpan(start: number, end: number | undefined, precision: Precision, approxEnd = false): string {
  if (end === undefined) return precision === 'day' ? formatAt(start, 'day') : `${formatAt(start, precision)} UTC`;
  if (approxEnd) {
    if (precision === 'day') return `${formatAt(start, 'day')} to about ${formatAt(end, 'day')}`;
    const sameDay = formatAt(start, 'day') === formatAt(end, 'day');
    return `${formatAt(start, precision)} to about ${sameDay ? formatAt(end, precision).split(', ')[1] : formatAt(end, precision)} UTC`;
  }
  const a = new Date(start);
  const b = new Date(end);
  if (precision === 'day') {
    if (formatAt(start, 'day') === formatAt(end, 'day')) return formatAt(start, 'day');
    const sameYear = a.getUTCFullYear() === b.getUTCFullYear();
    if (sameYear && a.getUTCMonth() === b.getUTCMonth()) return `${a.getUTCDate()}–${formatAt(end, 'day')}`;
    return `${sameYear ? formatAt(start, 'day').replace(/ \d{4}$/, '') : formatAt(start, 'day')} – ${formatAt(end, 'day')}`;
  }
  const sameDay = formatAt(start, 'day') === formatAt(end, 'day');
  return sameDay
    ? `${formatAt(start, precision)}–${formatAt(end, precision).split(', ')[1]} UTC`
    : `${formatAt(start, precision)} – ${formatAt(end, precision)} UTC`;
}

/** Returns a compact ISO instant for URLs and file names, e.g. 2025-06-01T11:35Z (seconds kept only when non-zero). */
export function isoMinute(t: number): string {
  const s = new Date(t).toISOString();
  return s.endsWith(':00.000Z') ? `${s.slice(0, 16)}Z` : `${s.slice(0, 19)}Z`;
}

/** Returns an event's span text (formatSpan of its start, its end if it has one, its precision and whether the end is an estimate). */
export function eventSpan(e: { t0: number; t1: number; end?: string; precision: Precision; endApprox?: boolean }): string {
  return formatSpan(e.t0, e.end ? e.t1 : undefined, e.precision, e.endApprox);
}
