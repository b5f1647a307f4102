/** A memo of text widths by size and text, for label plans that measure the same labels at every event. */
export interface TextWidths {
  /** Returns the width (px) of `text` at `size` px: measured once, then remembered. */
  width(text: string, size: number): number;
  /** Forgets every width (a font face loaded since they were measured). */
  clear(): void;
}

/**
 * Returns a memo of `measure` (text, size px → width px) that keeps at most `max` widths: past that it
 * starts again, so new sizes (an export's type scales) never grow it without bound in a long-running kiosk.
 */
export function createTextWidths(measure: (text: string, size: number) => number, max: number): TextWidths {
  const widths = new Map<string, number>();
  return {
    width(text, size) {
      const key = `${size} ${text}`;
      let w = widths.get(key);
      if (w === undefined) {
        w = measure(text, size);
        if (widths.size >= max) widths.clear();
        widths.set(key, w);
      }
      return w;
    },
    clear: () => widths.clear(),
  };
}
