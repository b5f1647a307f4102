/** A ring drawn round a point, in CSS px at type scale 1: its radius (to the line's middle) and its line's width. */
export interface Ring {
  radius: number;
  line: number;
}

/** The ring round a current event's point (layer 'emphasis'). */
export const CURRENT_RING: Ring = { radius: 14, line: 2 };
/** The ring round a venue while its talks are on (layer 'talks-on'). */
export const TALKS_RING: Ring = { radius: 22, line: 3 };

/** Returns how far a ring reaches from its point (px at scale 1): its radius and half its line, where another label must not sit. */
export function ringReach(r: Ring): number {
  return r.radius + r.line / 2;
}
