import type { EventCallout } from './schema.ts';

/**
 * An event's callouts as a list (its `callout` is one figure or several side by side), each with its
 * path in the data file (`callout` or `callout[i]`) for error messages. Apart from schema.ts, which
 * imports zod: the map's label plan uses it, and zod stays out of the first load (its JIT probe,
 * `Function('')`, would break the page's CSP).
 */
export function calloutsOf(ev: { callout?: EventCallout | EventCallout[] }): { callout: EventCallout; path: (string | number)[] }[] {
  if (!ev.callout) return [];
  return Array.isArray(ev.callout) ? ev.callout.map((callout, j) => ({ callout, path: ['callout', j] })) : [{ callout: ev.callout, path: ['callout'] }];
}
