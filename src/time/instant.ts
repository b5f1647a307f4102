const ISO_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?Z$/;

/**
 * Returns epoch ms for a strict ISO 8601 UTC instant (`2025-06-01T11:35Z`, seconds and ms optional),
 * or null. A date or time that does not exist (30 February, 24:00, minute 60) is refused rather
 * than rolled over into the next month, day or hour as `Date.parse` does.
 */
export function parseUtcInstant(s: string): number | null {
  const m = ISO_UTC.exec(s);
  if (!m) return null;
  const t = Date.parse(s);
  if (!Number.isFinite(t)) return null;
  const d = new Date(t);
  const [y, mo, day, h, mi, sec = '0'] = m.slice(1).map((x) => x ?? '0');
  return d.getUTCFullYear() === +y && d.getUTCMonth() + 1 === +mo && d.getUTCDate() === +day && d.getUTCHours() === +h && d.getUTCMinutes() === +mi && d.getUTCSeconds() === +sec
    ? t
    : null;
}

/** Returns the end of the UTC day that holds `t` (epoch ms): the next day's 00:00 UTC. */
export function endOfUtcDay(t: number): number {
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
}
