import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const CACHE = resolve(import.meta.dirname, '..', '..', 'node_modules', '.cache', 'basemap');
const require = createRequire(import.meta.url);

/**
 * Returns `make()`'s JSON result, cached in node_modules/.cache under a key of `parts` and the
 * versions of the packages it reads (`packages`), so a slow, deterministic step runs once per input.
 */
export function cachedJson<T>(name: string, parts: unknown, packages: string[], make: () => T): T {
  const versions = packages.map((p) => `${p}@${(require(`${p}/package.json`) as { version: string }).version}`);
  const key = createHash('sha256').update(JSON.stringify([parts, versions, readFileSync(join(import.meta.dirname, 'basemap.ts'), 'utf8')])).digest('hex').slice(0, 16);
  const file = join(CACHE, `${name}-${key}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as T;
  const value = make();
  mkdirSync(CACHE, { recursive: true });
  writeFileSync(file, JSON.stringify(value));
  return value;
}
