import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readStoryHead, writeStoryHead } from '../../scripts/lib/story-html.ts';

const TEMPLATE = readFileSync(resolve(import.meta.dirname, '../../index.html'), 'utf8');
const story = { title: 'A “test” story & more', subtitle: 'Sub', description: 'Says <what> it is.' };

describe("index.html's head from the story", () => {
  it('writes the title, the description and the og: tags, escaped', () => {
    const html = writeStoryHead(TEMPLATE, story);
    expect(html).toContain('<title>A “test” story &amp; more: an interactive map</title>');
    expect(html).toContain('<meta name="description" content="Says &lt;what&gt; it is." />');
    expect(html).toContain('<meta property="og:title" content="A “test” story &amp; more" />');
    expect(html).toContain('<meta property="og:description" content="Says &lt;what&gt; it is." />');
    expect(html).not.toContain('og:image');
  });

  it('adds og:url and og:image (social.png) only when the story says where it is published', () => {
    const html = writeStoryHead(TEMPLATE, { ...story, siteUrl: 'https://example.org/a/' });
    expect(html).toContain('<meta property="og:url" content="https://example.org/a/" />');
    expect(html).toContain('<meta property="og:image" content="https://example.org/a/social.png" />');
  });

  it('refuses a template that already names something, and a story without a description, naming the file and field', () => {
    expect(() => writeStoryHead(TEMPLATE.replace('<title></title>', '<title>Old</title>'), story)).toThrow(/index.html: expected an empty <title>/);
    const dir = mkdtempSync(join(tmpdir(), 'story-html-'));
    writeFileSync(join(dir, 'story.json'), JSON.stringify({ title: 'T', subtitle: 'S' }));
    expect(() => readStoryHead(join(dir, 'story.json'))).toThrow(/story.json: description: is required for index.html/);
    expect(() => readStoryHead(join(dir, 'none.json'))).toThrow(/not found: run `npm run data` first/);
  });
});
