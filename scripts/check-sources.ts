import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { citedSourceIds, headlineProblem, urlProblem } from '../src/data/sourcing.ts';
import { firstLine, parseFlags } from './lib/args.ts';

/** An entry of the shared sources.json (the registry of articles). */
export interface RegistryEntry {
  id: string;
  file: string;
  headline: string | null;
  lede: string | null;
  credit: string | null;
  agency?: string | null;
  date: string | null;
  language?: string;
}

/** A parsed project data file and the name it is reported under (e.g. `data/story.json`). */
export interface ProjectFile {
  name: string;
  data: unknown;
}

/** One `{ source, quote }` pointer found in a project file, with its JSON path. */
export interface QuoteRef {
  path: string;
  source: string;
  quote: string;
}

/** One failed check: the file, the JSON path of the bad field, and what is wrong. */
export interface Problem {
  file: string;
  path: string;
  message: string;
}

export interface CheckResult {
  /** Number of quotes checked. */
  quotes: number;
  /** Number of quotes that failed. */
  failedQuotes: number;
  problems: Problem[];
}

/** Metadata fields of an article source that must equal the registry entry. */
export const META_FIELDS = ['file', 'headline', 'lede', 'credit', 'agency', 'date', 'language'] as const;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Returns a JSON path in the form `events[3].claims[1].sources[0]` for a list of keys and indexes. */
export function formatPath(segments: readonly (string | number)[]): string {
  return segments.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('').replace(/^\./, '');
}

/** Returns every object in a JSON value that has string fields `source` and `quote`, depth first, with its path. */
export function findQuoteRefs(value: unknown, segments: (string | number)[] = []): QuoteRef[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => findQuoteRefs(v, [...segments, i]));
  if (!isRecord(value)) return [];
  if (typeof value.source === 'string' && typeof value.quote === 'string')
    return [{ path: formatPath([...segments, 'quote']), source: value.source, quote: value.quote }];
  return Object.entries(value).flatMap(([k, v]) => findQuoteRefs(v, [...segments, k]));
}

function describeChar(c: string | undefined): string {
  if (c === undefined) return 'the end of the text';
  const code = c.codePointAt(0) ?? 0;
  const shown = c === '\n' ? '\\n' : c;
  return `'${shown}' (U+${code.toString(16).toUpperCase().padStart(4, '0')})`;
}

/**
 * Returns a hint for a quote that is not in the text: the alignment where most characters agree
 * (1-based line and column) and the first character that differs there.
 */
export function nearMatchHint(quote: string, text: string): string {
  let bestAt = -1;
  let bestScore = 0;
  for (let p = 0; p < text.length; p++) {
    let score = 0;
    for (let i = 0; i < quote.length && p + i < text.length; i++) if (text[p + i] === quote[i]) score++;
    if (score > bestScore) {
      bestScore = score;
      bestAt = p;
    }
  }
  if (bestAt < 0 || bestScore < Math.min(8, Math.ceil(quote.length / 2))) return 'no close match';
  let i = 0;
  while (i < quote.length && text[bestAt + i] === quote[i]) i++;
  const before = text.slice(0, bestAt);
  const line = before.split('\n').length;
  const col = bestAt - before.lastIndexOf('\n');
  return `closest match at line ${line}, col ${col}: quote char ${i + 1} is ${describeChar(quote[i])}, article has ${describeChar(text[bestAt + i])}`;
}

function asRegistryEntry(value: unknown): Partial<RegistryEntry> & { id?: unknown; kind?: unknown } {
  return isRecord(value) ? (value as Partial<RegistryEntry>) : {};
}

/**
 * Returns the article metadata problems of a story: each `kind: "article"` source must match the
 * registry entry with the same id in file, headline, lede, credit, agency and language (when given) and date.
 */
export function checkArticleMetadata(file: ProjectFile, registry: readonly RegistryEntry[]): Problem[] {
  if (!isRecord(file.data) || !Array.isArray(file.data.sources)) return [];
  const byId = new Map(registry.map((r) => [r.id, r]));
  const problems: Problem[] = [];
  file.data.sources.forEach((raw, i) => {
    const s = asRegistryEntry(raw);
    if (s.kind !== 'article' || typeof s.id !== 'string') return;
    const entry = byId.get(s.id);
    if (!entry) {
      problems.push({ file: file.name, path: formatPath(['sources', i, 'id']), message: `article "${s.id}" is not in sources.json` });
      return;
    }
    for (const field of META_FIELDS) {
      if ((field === 'agency' || field === 'language') && !(field in s)) continue;
      const ours = s[field] === undefined ? null : s[field];
      const theirs = entry[field] === undefined ? null : entry[field];
      if (ours !== theirs)
        problems.push({
          file: file.name,
          path: formatPath(['sources', i, field]),
          message: `differs from sources.json (${JSON.stringify(ours)} ≠ ${JSON.stringify(theirs)})`,
        });
    }
  });
  return problems;
}

/** The two kinds of source: the story's own articles, and documents reported elsewhere. */
export const SOURCE_KINDS = ['article', 'elsewhere'] as const;

/**
 * Returns the sourcing problems of the project files: a source of an unknown kind; an outside
 * source without an article-level URL or whose headline is our summary; an event or place that
 * cites no source; and a source that nothing cites (rules 1, 3 and 6 of the editorial standard).
 */
export function checkSourcing(projectFiles: readonly ProjectFile[]): Problem[] {
  const problems: Problem[] = [];
  const events: Record<string, unknown>[] = [];
  const places: Record<string, unknown>[] = [];
  const declared: { file: string; index: number; id: string }[] = [];
  for (const f of projectFiles) {
    if (!isRecord(f.data)) continue;
    const add = (path: (string | number)[], message: string) => problems.push({ file: f.name, path: formatPath(path), message });
    if (Array.isArray(f.data.sources))
      f.data.sources.forEach((raw, i) => {
        if (!isRecord(raw) || typeof raw.id !== 'string') return;
        declared.push({ file: f.name, index: i, id: raw.id });
        if (!SOURCE_KINDS.includes(raw.kind as (typeof SOURCE_KINDS)[number])) {
          add(['sources', i, 'kind'], `must be "article" (one of the story's articles) or "elsewhere" (reported elsewhere), not ${JSON.stringify(raw.kind)}`);
          return;
        }
        if (raw.kind !== 'elsewhere') return;
        if (typeof raw.url !== 'string') add(['sources', i, 'url'], 'is missing: a source reported elsewhere needs the address of the document itself');
        else {
          const bad = urlProblem(raw.url);
          if (bad) add(['sources', i, 'url'], `${raw.url} ${bad}`);
        }
        if (typeof raw.headline !== 'string' || !raw.headline.trim()) add(['sources', i, 'headline'], 'is missing: give the document’s own headline');
        else {
          const ours = headlineProblem(raw.headline, typeof raw.outlet === 'string' ? raw.outlet : undefined, typeof raw.summary === 'string' ? raw.summary : null);
          if (ours) add(['sources', i, 'headline'], ours);
        }
        if (typeof raw.outlet !== 'string' || !raw.outlet.trim()) add(['sources', i, 'outlet'], 'is missing: name who published the document');
      });
    if (Array.isArray(f.data.events))
      f.data.events.forEach((ev, i) => {
        if (!isRecord(ev)) return;
        events.push(ev);
        if (!Array.isArray(ev.sources) || ev.sources.length === 0) add(['events', i, 'sources'], 'cites no source: every event’s text rests on at least one');
      });
    if (Array.isArray(f.data.features))
      f.data.features.forEach((feat, i) => {
        const props = isRecord(feat) && isRecord(feat.properties) ? feat.properties : null;
        if (!props) return;
        places.push(props);
        if (!Array.isArray(props.sources) || props.sources.length === 0) add(['features', i, 'properties', 'sources'], 'cites no source: every place’s facts rest on at least one');
      });
  }
  const cited = citedSourceIds(events, places);
  for (const d of declared)
    if (!cited.has(d.id)) problems.push({ file: d.file, path: formatPath(['sources', d.index, 'id']), message: `"${d.id}" is cited by no event or place: cite it or remove it` });
  return problems;
}

/** Text between typographic double quotes, “…”: the words inside must be verbatim from an article. */
const QUOTED = /“([^“”]+)”/g;

/** The shown texts whose quoted words are checked, per container: an event's or a place's, a claim's, a theme category's. */
const QUOTED_FIELDS = { event: ['title', 'body'], place: ['name', 'description'], claim: ['text'], category: ['label', 'description'] } as const;

/** Returns the article ids a container cites: its `sources` ids and, for `withClaims`, its claims' sources. */
function citedArticles(x: Record<string, unknown>, withClaims: boolean): string[] {
  const ids = Array.isArray(x.sources) ? x.sources.filter((s): s is string => typeof s === 'string') : [];
  if (withClaims && Array.isArray(x.claims))
    for (const c of x.claims) if (isRecord(c)) ids.push(...citedArticles({ sources: Array.isArray(c.sources) ? c.sources.map((r) => (isRecord(r) ? r.source : r)) : [] }, false));
  return ids;
}

/**
 * Returns a problem for every “…” in a title, body, place name or description, claim text or theme
 * category label whose words are not a verbatim (case-sensitive) substring of one of the articles
 * cited there: an event's or place's own sources and its claims' for its texts, the claim's own for a
 * claim, any article for a theme label (a legend cites none). `articleText` maps a source id to its
 * article text, or undefined for a source that is not an article.
 */
export function checkInlineQuotes(projectFiles: readonly ProjectFile[], articleText: (id: string) => string | undefined, allArticles: readonly string[]): Problem[] {
  const problems: Problem[] = [];
  const check = (file: string, path: (string | number)[], text: unknown, sources: readonly string[], scope: string) => {
    if (typeof text !== 'string') return;
    const texts = sources.map(articleText).filter((t): t is string => t !== undefined);
    for (const m of text.matchAll(QUOTED))
      if (!texts.some((t) => t.includes(m[1])))
        problems.push({ file, path: formatPath(path), message: `“${m[1]}” is in quote marks but not verbatim in ${scope}: quote exactly (case included) or drop the marks` });
  };
  for (const f of projectFiles) {
    if (!isRecord(f.data)) continue;
    const containers: [Record<string, unknown>, (string | number)[]][] = [];
    if (Array.isArray(f.data.events)) f.data.events.forEach((ev, i) => isRecord(ev) && containers.push([ev, ['events', i]]));
    if (Array.isArray(f.data.features))
      f.data.features.forEach((ft, i) => isRecord(ft) && isRecord(ft.properties) && containers.push([ft.properties, ['features', i, 'properties']]));
    for (const [c, at] of containers) {
      const fields = 'title' in c || 'body' in c ? QUOTED_FIELDS.event : QUOTED_FIELDS.place;
      for (const k of fields) check(f.name, [...at, k], c[k], citedArticles(c, true), 'the articles it cites');
      if (Array.isArray(c.claims))
        c.claims.forEach((cl, j) => {
          if (isRecord(cl)) for (const k of QUOTED_FIELDS.claim) check(f.name, [...at, 'claims', j, k], cl[k], citedArticles({ sources: Array.isArray(cl.sources) ? cl.sources.map((r) => (isRecord(r) ? r.source : r)) : [] }, false), 'the articles the claim cites');
        });
    }
    if (Array.isArray(f.data.categories))
      f.data.categories.forEach((cat, i) => {
        if (isRecord(cat)) for (const k of QUOTED_FIELDS.category) check(f.name, ['categories', i, k], cat[k], allArticles, 'any of the articles');
      });
  }
  return problems;
}

/** Returns a map from source id to the kind and article file it names, from every project file's top-level `sources`. */
function sourcesOf(projectFiles: readonly ProjectFile[]): Map<string, { kind: unknown; file: unknown }> {
  const map = new Map<string, { kind: unknown; file: unknown }>();
  for (const f of projectFiles) {
    if (!isRecord(f.data) || !Array.isArray(f.data.sources)) continue;
    for (const raw of f.data.sources) {
      const s = asRegistryEntry(raw);
      if (typeof s.id === 'string' && !map.has(s.id)) map.set(s.id, { kind: s.kind, file: s.file });
    }
  }
  return map;
}

/**
 * Checks every `{ source, quote }` in the project files against the article texts, every
 * article source's metadata against the registry, and the sourcing rules (`checkSourcing`). Article files are resolved from the project's
 * `sources` (the story) first, then from the registry. Returns the counts and the problems found.
 */
export function checkQuotes(
  projectFiles: readonly ProjectFile[],
  registry: readonly RegistryEntry[],
  articlesByFile: ReadonlyMap<string, string>,
): CheckResult {
  const declared = sourcesOf(projectFiles);
  const registered = new Map(registry.map((r) => [r.id, r]));
  const problems: Problem[] = [...projectFiles.flatMap((f) => checkArticleMetadata(f, registry)), ...checkSourcing(projectFiles)];
  let quotes = 0;
  let failedQuotes = 0;
  for (const f of projectFiles) {
    for (const ref of findQuoteRefs(f.data)) {
      quotes++;
      const fail = (message: string) => {
        failedQuotes++;
        problems.push({ file: f.name, path: ref.path, message });
      };
      const ours = declared.get(ref.source);
      if (ours && ours.kind !== undefined && ours.kind !== 'article') {
        fail(`source "${ref.source}" is ${ours.kind === 'elsewhere' ? 'reported elsewhere' : `of kind ${JSON.stringify(ours.kind)}`}, not one of the articles; quotes come from articles`);
        continue;
      }
      const fileName = typeof ours?.file === 'string' ? ours.file : registered.get(ref.source)?.file;
      if (!ours && !registered.has(ref.source)) {
        fail(`unknown source "${ref.source}"`);
        continue;
      }
      if (!fileName) {
        fail(`source "${ref.source}" names no article file`);
        continue;
      }
      const text = articlesByFile.get(fileName);
      if (text === undefined) {
        fail(`article file ${fileName} not found in the sources folder`);
        continue;
      }
      if (!text.includes(ref.quote)) fail(`not found verbatim in ${fileName} (${nearMatchHint(ref.quote, text)})`);
    }
  }
  const articleText = (id: string) => {
    const ours = declared.get(id);
    if (ours && ours.kind !== undefined && ours.kind !== 'article') return undefined;
    const fileName = typeof ours?.file === 'string' ? ours.file : registered.get(id)?.file;
    return fileName ? articlesByFile.get(fileName) : undefined;
  };
  const allArticles = [...new Set([...declared].filter(([, s]) => s.kind === 'article').map(([id]) => id).concat(registry.map((r) => r.id)))];
  problems.push(...checkInlineQuotes(projectFiles, articleText, allArticles));
  return { quotes, failedQuotes, problems };
}

/** Returns one report line for a problem, e.g. `data/story.json: events[3].claims[1].sources[0].quote: not found verbatim in x.txt`. */
export function formatProblem(p: Problem): string {
  return `${p.file}: ${p.path || '(root)'}: ${p.message}`;
}

/** An error whose message is a one-line reason for the CLI to print. */
export class CheckError extends Error {}

function readJson(file: string, label: string): Json {
  if (!existsSync(file)) throw new CheckError(`${label}: file not found (${file})`);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Json;
  } catch (e) {
    throw new CheckError(`${label}: not valid JSON (${(e as Error).message})`);
  }
}

function parseRegistry(value: Json, label: string): RegistryEntry[] {
  if (!Array.isArray(value) || !value.every((e) => isRecord(e) && typeof e.id === 'string' && typeof e.file === 'string'))
    throw new CheckError(`${label}: expected an array of { id, file, … } entries`);
  return value as unknown as RegistryEntry[];
}

/**
 * Reads the sources folder and the project's data/story.json, data/places.geojson and (when there)
 * data/theme.json, runs the
 * checks, and returns the result and the number of project files. Throws CheckError with a
 * one-line reason when a folder or file is missing or unreadable.
 */
export function runCheck(sourcesDir: string, projectDir: string): CheckResult & { files: number } {
  if (!existsSync(sourcesDir) || !statSync(sourcesDir).isDirectory()) throw new CheckError(`sources folder not found: ${sourcesDir}`);
  const registry = parseRegistry(readJson(join(sourcesDir, 'sources.json'), join(sourcesDir, 'sources.json')), 'sources.json');
  const projectFiles: ProjectFile[] = ['data/story.json', 'data/places.geojson', 'data/theme.json']
    .filter((name) => name !== 'data/theme.json' || existsSync(join(projectDir, name)))
    .map((name) => ({ name, data: readJson(join(projectDir, name), name) }));
  const fileNames = new Set(registry.map((r) => r.file));
  for (const [, s] of sourcesOf(projectFiles)) if (s.kind === 'article' && typeof s.file === 'string') fileNames.add(s.file);
  const articles = new Map<string, string>();
  for (const name of fileNames) {
    const path = join(sourcesDir, name);
    if (existsSync(path)) articles.set(name, readFileSync(path, 'utf8'));
  }
  return { ...checkQuotes(projectFiles, registry, articles), files: projectFiles.length };
}

/** Runs the CLI: `check-sources <sources-dir> [--project <dir>]`; prints a line per problem and a summary, and returns the exit code. */
export function main(args: readonly string[]): number {
  let flags;
  try {
    flags = parseFlags(args, { project: 'string' }, { positionals: 1 });
  } catch (e) {
    console.error(`check-sources: ${firstLine(e)}`);
    return 1;
  }
  const projectDir = resolve(flags.project ?? fileURLToPath(new URL('..', import.meta.url)));
  const sourcesDir = flags.positionals[0];
  if (flags.help || !sourcesDir) {
    console[flags.help ? 'log' : 'error']('usage: check-sources <sources-dir> [--project <dir>]');
    return flags.help ? 0 : 1;
  }
  try {
    const r = runCheck(resolve(sourcesDir), projectDir);
    for (const p of r.problems) console.log(formatProblem(p));
    console.log(`checked ${r.quotes} quotes in ${r.files} files: ${r.quotes - r.failedQuotes} ok, ${r.failedQuotes} failed`);
    const metaProblems = r.problems.length - r.failedQuotes;
    if (metaProblems) console.log(`${metaProblems} sourcing ${metaProblems === 1 ? 'problem' : 'problems'} (metadata, citable documents, headlines, unused sources, quote marks in shown text)`);
    return r.problems.length ? 1 : 0;
  } catch (e) {
    if (e instanceof CheckError) {
      console.error(`check-sources: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = main(process.argv.slice(2));
