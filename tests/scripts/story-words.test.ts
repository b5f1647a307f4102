// The engine names no story: src/ and index.html carry none of the words of the main story
// (data/) or of the second, test story (tests/fixtures/story-b), comments included. A story's words
// belong in its data folder; code and comments speak of "the story", "a place", "a region".
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/** Words of each story that no other story would use, written as their stems: a stem matches at a word's start ("Ukrain" finds "Ukrainian"). */
const STORY_STEMS = {
  main: ['Istanbul', 'Ukrain', 'Russia', 'Kyiv', 'Kiev', 'Moscow', 'Kremlin', 'Sumy', 'Crimea', 'Sevastopol', 'Spiderweb', 'Zelensk', 'Putin', 'Medinsky', 'Umerov', 'Yermak', 'Erdoğan', 'Erdogan', 'Fidan', 'Türkiye', 'Turkey', 'Turkish', 'Bosphorus', 'Kerch', 'Donbas', 'Oblast', 'SBU'],
  'story-b': ['Tagus', 'Guadiana', 'Spain', 'Spanish', 'Portug', 'Lisbon', 'Iberia'],
};

/** Capitalised words of a story's place names, which are story words too, less the generic ones. */
const GENERIC = new Set(['Palace', 'Oblast', 'Meeting', 'Water', 'Band', 'Other']);
function placeWords(placesFile: string): string[] {
  const fc = JSON.parse(readFileSync(join(ROOT, placesFile), 'utf8')) as { features: { properties: { name: string } }[] };
  const words = fc.features.flatMap((f) => f.properties.name.match(/\p{Lu}[\p{L}’']{3,}/gu) ?? []);
  return [...new Set(words.map((w) => w.replace(/[’']s$/, '')))].filter((w) => !GENERIC.has(w));
}

/** Returns every file under `dir` (recursively). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? filesUnder(join(dir, d.name)) : [join(dir, d.name)]));
}

/** Returns "file:line: word" for each story word found in the files. */
export function storyWordsIn(files: string[], words: string[]): string[] {
  const re = new RegExp(`(?<!\\p{L})(${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'giu');
  const found: string[] = [];
  for (const file of files) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        for (const m of line.matchAll(re)) found.push(`${relative(ROOT, file)}:${i + 1}: ${m[1]}`);
      });
  }
  return found;
}

describe('no story in the engine', () => {
  const files = [...filesUnder(join(ROOT, 'src')), join(ROOT, 'index.html')];
  const words = {
    main: [...STORY_STEMS.main, ...placeWords('data/places.geojson')],
    'story-b': [...STORY_STEMS['story-b'], ...placeWords('tests/fixtures/story-b/data/places.geojson')],
  };

  it('reads the words of both stories (the lists are not empty, and the stories use them)', () => {
    const mainText = readFileSync(join(ROOT, 'data/story.json'), 'utf8');
    const bText = readFileSync(join(ROOT, 'tests/fixtures/story-b/data/story.json'), 'utf8');
    expect(words.main).toContain('Olenya');
    expect(words['story-b']).toContain('Badajoz');
    expect(storyWordsIn([join(ROOT, 'data/story.json')], ['Istanbul', 'Spiderweb']).length).toBeGreaterThan(0);
    expect(mainText).toMatch(/Sumy/);
    expect(bText).toMatch(/Cáceres/);
  });

  it('finds a story word where one is written, comments included', () => {
    const sample = join(ROOT, 'tests/fixtures/story-b/data/places.geojson');
    expect(storyWordsIn([sample], words['story-b'])).toContain('tests/fixtures/story-b/data/places.geojson:16: Cáceres');
    expect(storyWordsIn([join(ROOT, 'tests/scripts/story-words.test.ts')], ['Ukrain']).some((l) => l.endsWith(': Ukrain'))).toBe(true);
  });

  it.each(['main', 'story-b'] as const)('src/ and index.html name nothing of the %s story', (story) => {
    expect(storyWordsIn(files, words[story])).toEqual([]);
  });

  // The tools' help and errors read example ids from the built story; the deploy snippet and the
  // package name are generic. (scripts/data/, the basemap build, still explains its border rules
  // with this story's places in comments.)
  const tools = [...filesUnder(join(ROOT, 'scripts')).filter((f) => !f.startsWith(join(ROOT, 'scripts', 'data'))), join(ROOT, 'package.json')];
  it.each(['main', 'story-b'] as const)('scripts/ (but the basemap build) and package.json name nothing of the %s story', (story) => {
    expect(tools.length).toBeGreaterThan(20);
    expect(storyWordsIn(tools, words[story])).toEqual([]);
  });
});
