export declare const USAGE: string;
export declare const MIN_SIDE: number;
export declare const MAX_PIXELS: number;

export interface ShotsOptions {
  /** Epoch ms, or null. */
  at: number | null;
  event: string | null;
  allEvents: boolean;
  width: number;
  height: number;
  scale: number;
  /** "zoom/lat/lon", or null. */
  view: string | null;
  follow: boolean;
  out: string;
  help: boolean;
}

export interface PlannedShot {
  label: string;
  /** Epoch ms. */
  t: number;
  /** Query string of the screenshot page, with leading "?". */
  query: string;
}

export declare function parseArgs(argv: string[]): ShotsOptions;
export declare function planShots(
  opts: ShotsOptions,
  story: { start: string; end: string; events: { id: string; start: string }[] },
): PlannedShot[];

export declare function scanFlags(argv: string[], valueFlags: string[], boolFlags: string[]): Map<string, string | true>;
export declare function parseIsoFlag(flag: string, value: string): number;
export declare function parseEventFlag(flag: string, value: string): string;
export declare function parseSizeFlag(value: string, example?: string): [number, number];
