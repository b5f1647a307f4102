import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  scripts: Record<string, string>;
};

/** Returns the text of every source file under `dirs` (ts, mjs, js, html, css). */
function sources(...dirs: string[]): string {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (path === import.meta.filename) continue; // this file names packages without using them
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|mjs|js|html|css)$/.test(name)) out.push(readFileSync(path, 'utf8'));
    }
  };
  for (const d of dirs) {
    const path = join(ROOT, d);
    if (statSync(path).isDirectory()) walk(path);
    else out.push(readFileSync(path, 'utf8'));
  }
  return out.join('\n');
}

/** Returns whether `text` imports `name` or a file inside it (`from 'name'`, `'name/…'`, `import('name')`). */
const imports = (text: string, name: string) => new RegExp(`['"]${name.replace(/[/.]/g, '\\$&')}(/[^'"]*)?['"]`).test(text);

describe('dependencies', () => {
  it('ships only what the page imports: every runtime dependency is used in src/', () => {
    const app = sources('src', 'index.html');
    const unused = Object.keys(pkg.dependencies).filter((d) => !imports(app, d));
    expect(unused).toEqual([]);
  });

  it('lists every package the page imports (a type-only import aside) among the runtime dependencies', () => {
    const app = sources('src');
    const specifiers = [
      ...app.matchAll(/import\s+(?!type\b)[^;]*?from\s*'([^.'/][^']*)'/gs),
      // re-exports: export * from 'pkg', export { a } from 'pkg'
      ...app.matchAll(/export\s+(?!type\b)(?:\*(?:\s+as\s+\w+)?|\{[^}]*\})\s*from\s*'([^.'/][^']*)'/g),
      ...app.matchAll(/import\s*\(?\s*'([^.'/][^']*)'/g),
    ].map((m) => m[1]);
    const packages = [...new Set(specifiers.map((s) => s.split('/').slice(0, s.startsWith('@') ? 2 : 1).join('/')))];
    expect(packages).toContain('maplibre-gl');
    expect(packages.filter((name) => !(name in pkg.dependencies))).toEqual([]);
  });

  it('keeps nothing the page does not need among runtime dependencies (build and test tools are dev-only)', () => {
    // zod is not among them: the page loads the data build's schemas when a data file differs from the build (src/data/validate.ts)
    for (const tool of ['vite', 'vitest', 'typescript', 'playwright-core', 'axe-core', 'tsx']) expect(pkg.dependencies, tool).not.toHaveProperty(tool);
  });

  it('uses every dev dependency in the data build, scripts, tests or config', () => {
    const tools = sources('scripts', 'tests', 'vite.config.ts', 'vitest.config.ts');
    const scripts = Object.values(pkg.scripts).join('\n');
    const BIN: Record<string, string> = { typescript: 'tsc' };
    const used = (d: string) => {
      if (d.startsWith('@types/')) {
        const lib = d.slice('@types/'.length);
        return lib === 'node' || imports(tools + sources('src'), lib);
      }
      return imports(tools, d) || new RegExp(`(^|\\s)${BIN[d] ?? d}(\\s|$)`).test(scripts);
    };
    const unused = Object.keys(pkg.devDependencies).filter((d) => !used(d));
    expect(unused).toEqual([]);
  });
});
