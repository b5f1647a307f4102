/** A named export frame size, in CSS pixels (the PNG is this times the scale). */
export interface ExportPreset {
  id: string;
  label: string;
  width: number;
  height: number;
}

/** Frame sizes offered in the export dialog, landscape first. */
export const PRESETS: readonly ExportPreset[] = [
  { id: 'hd', label: 'Landscape 16:9', width: 1920, height: 1080 },
  { id: 'card', label: 'Social card', width: 1200, height: 675 },
  { id: 'square', label: 'Square', width: 1080, height: 1080 },
  { id: 'portrait', label: 'Portrait 4:5', width: 1080, height: 1350 },
  { id: 'story', label: 'Story 9:16', width: 1080, height: 1920 },
];

/** Pixel-ratio multipliers an export may use. */
export const SCALES: readonly number[] = [1, 2, 3];

/** Smallest frame side (CSS px): below it the caption cannot be laid out legibly. */
export const MIN_SIDE = 320;

/** Largest side of the PNG (px, after scale): WebGL's usual MAX_TEXTURE_SIZE in headless Chromium. */
export const MAX_PIXELS = 8192;

export interface ExportSize {
  /** Frame width and height in CSS px. */
  width: number;
  height: number;
  /** Pixel-ratio multiplier (1, 2 or 3). */
  scale: number;
}

/** Returns why a frame size and scale cannot be exported, or null when they can. */
export function sizeProblem({ width, height, scale }: ExportSize): string | null {
  if (!SCALES.includes(scale)) return `scale must be ${SCALES.join(', ')} (got ${scale})`;
  if (!Number.isInteger(width) || !Number.isInteger(height)) return `size must be whole pixels (got ${width}×${height})`;
  if (width < MIN_SIDE || height < MIN_SIDE) return `size must be at least ${MIN_SIDE}×${MIN_SIDE} (got ${width}×${height})`;
  if (width * scale > MAX_PIXELS || height * scale > MAX_PIXELS)
    return `${width}×${height} at ${scale}× is ${width * scale}×${height * scale} px; each side must be at most ${MAX_PIXELS} px`;
  return null;
}

/** Largest side of a video frame (px): 4K UHD's width. */
export const MAX_VIDEO_SIDE = 3840;

/**
 * Returns why a video frame size cannot be rendered, or null when it can: whole pixels, sides from
 * MIN_SIDE to MAX_VIDEO_SIDE px, and even (H.264 and VP9 encode colour at half resolution).
 */
export function videoSizeProblem({ width, height }: Pick<ExportSize, 'width' | 'height'>): string | null {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < MIN_SIDE || height < MIN_SIDE || width > MAX_VIDEO_SIDE || height > MAX_VIDEO_SIDE)
    return `sides must be from ${MIN_SIDE} to ${MAX_VIDEO_SIDE} px (got ${width}x${height})`;
  if (width % 2 || height % 2) return `sides must be even numbers for video encoding (got ${width}x${height})`;
  return null;
}
