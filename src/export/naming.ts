import { isoMinute } from '../time/format.ts';

/**
 * Returns a lower-case ASCII kebab-case slug of a title, cut at a word to at most `max` characters:
 * a suggestion for story.json's `slug`, which names the files (the data decides, not the title).
 */
export function slugify(title: string, max = 40): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ı/g, 'i')
    .toLowerCase()
    .replace(/[’'`]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= max) return slug || 'map';
  const cut = slug.slice(0, max + 1);
  const at = cut.lastIndexOf('-');
  return (at > 0 ? cut.slice(0, at) : slug.slice(0, max)) || 'map';
}

/**
 * Returns the PNG file name for a story moment and frame: what (story.json's `slug`), when (UTC minute,
 * no colons) and how big, e.g. `my-story_2025-06-01T1135Z_1080x1350@2x.png`.
 */
export function exportFileName(slug: string, t: number, width: number, height: number, scale: number): string {
  return `${slug}_${isoMinute(t).replace(/:/g, '')}_${width}x${height}@${scale}x.png`;
}

/**
 * Returns a video's file name: what (story.json's `slug`), which span (an event id, or its UTC start and end
 * minutes) and how big, e.g. `my-story_first-meeting_1080x1920.mp4`.
 */
export function videoFileName(slug: string, label: string | null, from: number, to: number, width: number, height: number, ext: string): string {
  const span = label ?? `${isoMinute(from)}-${isoMinute(to)}`.replace(/:/g, '');
  return `${slug}_${span}_${width}x${height}.${ext}`;
}
