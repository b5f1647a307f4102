import type { AppContext } from '../contracts/app-context.ts';
import type { VideoResult } from './video-export.ts';

/** What a tool asks `window.explainerVideo` for: a span (an event id, or ISO UTC times; default the whole story), a size and a frame rate. */
export interface VideoRequest {
  event?: string;
  from?: string;
  to?: string;
  width: number;
  height: number;
  fps: number;
}

/** What `window.explainerVideo` resolves to: the video's description and its size in bytes, which are read with `window.explainerVideoBytes`. */
export type VideoInfo = Omit<VideoResult, 'blob' | 'codec' | 'container'> & { bytes: number };

declare global {
  interface Window {
    /** For tools (npm run video): renders a video of a span and keeps its bytes for `explainerVideoBytes`. */
    explainerVideo?: (req: VideoRequest) => Promise<VideoInfo>;
    /** Returns base64 of `length` bytes of the last video from `offset`. */
    explainerVideoBytes?: (offset: number, length: number) => Promise<string>;
    /** Frames done and total of the video being rendered, for a progress line. */
    explainerVideoProgress?: { frame: number; frames: number; leftMs: number | null };
  }
}

/**
 * Registers `window.explainerVideo` and `window.explainerVideoBytes` for tools and returns the
 * function that removes them. The video code and its muxer load only when a video is asked for.
 */
export function registerVideoApi(ctx: AppContext): () => void {
  let last: Blob | null = null;
  const render = async (req: VideoRequest): Promise<VideoInfo> => {
    const { exportVideo, resolveSpan } = await import('./video-export.ts');
    const span = resolveSpan(ctx, req);
    last = null;
    const r = await exportVideo(ctx, {
      ...span,
      width: req.width,
      height: req.height,
      fps: req.fps,
      onProgress: (p) => {
        window.explainerVideoProgress = { frame: p.frame, frames: p.frames, leftMs: p.leftMs };
      },
    });
    last = r.blob;
    const { blob, codec: _codec, container: _container, ...info } = r;
    return { ...info, bytes: blob.size };
  };
  const bytes = async (offset: number, length: number): Promise<string> => {
    if (!last) throw new Error('no video has been rendered');
    const { toBase64 } = await import('./video-export.ts');
    return toBase64(last.slice(offset, offset + length));
  };
  window.explainerVideo = render;
  window.explainerVideoBytes = bytes;
  return () => {
    if (window.explainerVideo === render) delete window.explainerVideo;
    if (window.explainerVideoBytes === bytes) delete window.explainerVideoBytes;
    delete window.explainerVideoProgress;
    last = null;
  };
}
