// The Vite plugin that writes the story's own title, description and link-preview tags into
// index.html at build time (and in the dev server), read from the built story in the public folder
// (public/data/story.json, written by `npm run data`), so index.html names no story.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

/** What index.html takes from the story. */
export interface StoryHead {
  title: string;
  subtitle: string;
  description: string;
  /** Where the built app is published (absolute, ending in "/"), for og:url and og:image; optional. */
  siteUrl?: string;
}

/** The file the social image is written to by `npm run shots -- --social` (next to index.html). */
export const SOCIAL_IMAGE = 'social.png';

/** Returns text with the five HTML-special characters escaped for an attribute or element text. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * Returns index.html with the story's head: `<title>` (the story's title and "an interactive map"),
 * the meta description and the Open Graph tags (og:title, og:description, og:type, and with a
 * `siteUrl` og:url and og:image, the social image). Throws when index.html has no empty `<title>` or
 * description to fill, so a changed template cannot silently keep an old story's words.
 */
export function writeStoryHead(html: string, story: StoryHead): string {
  const title = `${story.title}: an interactive map`;
  if (!/<title><\/title>/.test(html)) throw new Error('index.html: expected an empty <title></title> for the story title');
  if (!/<meta name="description" content="" \/>/.test(html)) throw new Error('index.html: expected an empty <meta name="description" content="" /> for the story description');
  const og = [
    ['og:type', 'website'],
    ['og:title', story.title],
    ['og:description', story.description],
    ...(story.siteUrl ? [['og:url', story.siteUrl], ['og:image', `${story.siteUrl}${SOCIAL_IMAGE}`], ['og:image:width', '1200'], ['og:image:height', '630']] : []),
  ]
    .map(([p, c]) => `\n    <meta property="${p}" content="${escapeHtml(c)}" />`)
    .join('');
  return html
    .replace('<title></title>', `<title>${escapeHtml(title)}</title>`)
    .replace('<meta name="description" content="" />', `<meta name="description" content="${escapeHtml(story.description)}" />${og}`);
}

/** Returns the head fields of a built story file, or throws naming the file and what is missing. */
export function readStoryHead(file: string): StoryHead {
  let story: Partial<StoryHead>;
  try {
    story = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found: run `npm run data` first' : `not valid JSON (${(e as Error).message})`}`);
  }
  for (const field of ['title', 'subtitle', 'description'] as const)
    if (typeof story[field] !== 'string' || !story[field]) throw new Error(`${file}: ${field}: is required for index.html`);
  return story as StoryHead;
}

/** The plugin: fills index.html's head from `<publicDir>/data/story.json`. */
export function storyHtmlPlugin(): Plugin {
  let publicDir = 'public';
  return {
    name: 'story-html',
    configResolved(config) {
      publicDir = config.publicDir;
    },
    transformIndexHtml: {
      order: 'pre',
      handler: (html) => writeStoryHead(html, readStoryHead(join(publicDir, 'data', 'story.json'))),
    },
  };
}
