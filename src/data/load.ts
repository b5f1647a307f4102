import type { FeatureCollection } from 'geojson';
import type { Topology } from 'topojson-specification';
import { DATA_FILES, MANIFEST_FILE, METHODS_FILE, fingerprint, label, type DataFile } from './data-files.ts';
import { prepareStory, type BuiltPlace, type PreparedStory } from './prepare.ts';
import type { BuiltStory, MethodsFile, Theme } from './schema.ts';

/** A data load that failed, with one line per problem: the file, for wrong content the field path, and what is wrong. */
export class LoadError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/** Returns a file's text, fetched from the app's own origin within `timeoutMs`, or throws a LoadError naming the file and what failed. */
async function getText(base: string, file: string, timeoutMs: number): Promise<string> {
  const signal = AbortSignal.timeout(timeoutMs);
  const failed = (e: unknown) =>
    new LoadError([
      `${label(file)}: ${(e as Error).name === 'TimeoutError' ? `did not arrive within ${Math.round(timeoutMs / 1000)} s` : `could not be fetched (${(e as Error).message})`}`,
    ]);
  let res: Response;
  try {
    res = await fetch(`${base}data/${file}`, { signal });
  } catch (e) {
    throw failed(e);
  }
  if (!res.ok) throw new LoadError([`${label(file)}: HTTP ${res.status} ${res.statusText}`.trim()]);
  try {
    return await res.text();
  } catch (e) {
    throw failed(e);
  }
}

/** Returns the data build's fingerprints, or null when the manifest is missing or unreadable (every file is then checked). */
async function getFingerprints(base: string, timeoutMs: number): Promise<Record<string, string> | null> {
  try {
    const fp = (JSON.parse(await getText(base, MANIFEST_FILE, timeoutMs)) as { fingerprints?: unknown }).fingerprints;
    return fp && typeof fp === 'object' ? (fp as Record<string, string>) : null;
  } catch {
    return null;
  }
}

/** Returns a file's text parsed as JSON, or a problem line naming the file. */
function parseJson(file: string, text: string): { value?: unknown; problem?: string } {
  if (!text.trim()) return { problem: `${label(file)}: is empty` };
  try {
    return { value: JSON.parse(text) };
  } catch (e) {
    return { problem: `${label(file)}: is not valid JSON (${(e as Error).message})` };
  }
}

export interface LoadOptions {
  /** Time-out of each request, ms. */
  timeoutMs: number;
  onProgress(file: string, done: number, total: number): void;
  /** Called with a file's parsed JSON as soon as it arrives, before the others and before any check (e.g. to start loading the theme's font early). */
  onArrived?(file: DataFile, value: unknown): void;
}

/**
 * Returns the story, theme, places and basemap loaded in parallel, checked and prepared for the app,
 * or throws a LoadError naming the file (and, for wrong content, each field path). A file identical
 * to what the data build validated and wrote (same fingerprint as its manifest) is used as it is;
 * otherwise every file is validated against the data build's schemas, loaded on demand so that a
 * healthy page does not download them.
 */
export async function loadAll(base: string, o: LoadOptions): Promise<{ prep: PreparedStory; basemap: Topology; detail: FeatureCollection }> {
  let done = 0;
  const [fingerprints, ...texts] = await Promise.all([
    getFingerprints(base, o.timeoutMs),
    ...DATA_FILES.map((f) =>
      getText(base, f, o.timeoutMs).then((text) => {
        o.onProgress(f, ++done, DATA_FILES.length);
        if (o.onArrived) {
          const { value } = parseJson(f, text);
          if (value !== undefined) o.onArrived(f, value);
        }
        return text;
      }),
    ),
  ]);
  const parsed = DATA_FILES.map((f, i) => parseJson(f, texts[i]));
  const unreadable = parsed.flatMap((p) => (p.problem ? [p.problem] : []));
  if (unreadable.length) throw new LoadError(unreadable);
  const files = Object.fromEntries(DATA_FILES.map((f, i) => [f, parsed[i].value])) as Record<DataFile, unknown>;
  if (!fingerprints || DATA_FILES.some((f, i) => fingerprints[f] !== fingerprint(texts[i]))) {
    let problems: string[];
    try {
      problems = (await import('./validate.ts')).dataProblems(files);
    } catch (e) {
      throw new LoadError([`The check of the data files could not be loaded (${(e as Error).message})`]);
    }
    if (problems.length) throw new LoadError(problems);
  }
  const story = files['story.json'] as BuiltStory;
  const theme = files['theme.json'] as Theme;
  const places = files['places.json'] as { features: BuiltPlace[] };
  return { prep: prepareStory(story, theme, places.features), basemap: files['basemap.topo.json'] as Topology, detail: files['detail.json'] as FeatureCollection };
}

/**
 * Returns the methods note and corrections log (data/methods.json), which only the Methods dialog
 * shows, so it is fetched when the dialog first opens. Checked as `loadAll` checks the other files:
 * used as it is when its fingerprint matches the manifest, otherwise validated against the data
 * build's schema; throws a LoadError naming the file (and, for wrong content, each field path).
 */
export async function loadMethods(base: string, timeoutMs: number): Promise<MethodsFile> {
  const [fingerprints, text] = await Promise.all([getFingerprints(base, timeoutMs), getText(base, METHODS_FILE, timeoutMs)]);
  const { value, problem } = parseJson(METHODS_FILE, text);
  if (problem) throw new LoadError([problem]);
  if (fingerprints?.[METHODS_FILE] !== fingerprint(text)) {
    let problems: string[];
    try {
      problems = (await import('./validate.ts')).methodsProblems(value);
    } catch (e) {
      throw new LoadError([`The check of ${label(METHODS_FILE)} could not be loaded (${(e as Error).message})`]);
    }
    if (problems.length) throw new LoadError(problems);
  }
  return value as MethodsFile;
}
