import type { FeatureCollection } from 'geojson';
import type { Topology } from 'topojson-specification';
import { prepareStory, type BuiltPlace, type PreparedStory } from './prepare.ts';
import type { Story, Theme } from './schema.ts';

export class LoadError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
  }
}

/** Returns a JSON file fetched from the app's own origin, or throws a LoadError naming the file and what failed. */
async function getJson<T>(base: string, file: string, onProgress: (file: string) => void): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${base}data/${file}`);
  } catch (e) {
    throw new LoadError(file, `could not be fetched (${(e as Error).message})`);
  }
  if (!res.ok) throw new LoadError(file, `HTTP ${res.status} ${res.statusText}`.trim());
  try {
    const json = (await res.json()) as T;
    onProgress(file);
    return json;
  } catch {
    throw new LoadError(file, 'is not valid JSON');
  }
}

/** Returns the story, theme, places and basemap loaded in parallel and prepared for the app. */
export async function loadAll(
  base: string,
  onProgress: (file: string, done: number, total: number) => void,
): Promise<{ prep: PreparedStory; basemap: Topology; detail: FeatureCollection }> {
  const files = ['story.json', 'theme.json', 'places.json', 'basemap.topo.json', 'detail.json'];
  let done = 0;
  const tick = (f: string) => onProgress(f, ++done, files.length);
  const [story, theme, places, basemap, detail] = await Promise.all([
    getJson<Story>(base, files[0], tick),
    getJson<Theme>(base, files[1], tick),
    getJson<{ features: BuiltPlace[] }>(base, files[2], tick),
    getJson<Topology>(base, files[3], tick),
    getJson<FeatureCollection>(base, files[4], tick),
  ]);
  if (!Array.isArray(story?.events) || !Array.isArray(theme?.categories) || !Array.isArray(places?.features) || !basemap?.objects?.countries)
    throw new LoadError('data', 'files are not in the expected shape; run `npm run data`');
  return { prep: prepareStory(story, theme, places.features), basemap, detail };
}
