/** The data files the app loads, in the order `loadAll` reads them. */
export const DATA_FILES = ['story.json', 'theme.json', 'places.json', 'basemap.topo.json', 'detail.json'] as const;
export type DataFile = (typeof DATA_FILES)[number];

/** Returns the label of a data file in messages: its path under the app, e.g. "data/story.json". */
export const label = (file: string) => `data/${file}`;

/** The data build's list of the files it validated and wrote, each with its fingerprint. */
export const MANIFEST_FILE = 'manifest.json';

/**
 * Returns a short fingerprint of a text: its length and the FNV-1a 32-bit hash of its UTF-16 code
 * units, e.g. "39902-1a2b3c4d". It tells a file the data build validated and wrote from one changed
 * since (damaged, cut short, edited by hand); it is not proof against deliberate tampering.
 */
export function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return `${text.length}-${(h >>> 0).toString(16)}`;
}
