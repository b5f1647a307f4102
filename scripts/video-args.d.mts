export declare const USAGE: string;
export declare const MAX_VIDEO_SIDE: number;

export interface VideoOptions {
  /** Epoch ms, or null. */
  from: number | null;
  to: number | null;
  event: string | null;
  all: boolean;
  width: number;
  height: number;
  fps: number;
  out: string;
  help: boolean;
}

export interface PlannedVideo {
  label: string;
  /** Query string of the page to open, with leading "?". */
  query: string;
  /** What to pass to window.explainerVideo. */
  request: { event?: string; from?: string; to?: string; width: number; height: number; fps: number };
}

export declare function parseArgs(argv: string[]): VideoOptions;
export declare function planVideos(opts: VideoOptions, story: { start: string; end: string; events: { id: string; start: string }[] }): PlannedVideo[];
