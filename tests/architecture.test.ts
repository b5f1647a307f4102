import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../src');

/** Returns every .ts file under `dir`. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? sourceFiles(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : []));
}

/** Returns the relative module specifiers a source imports: static and type imports, re-exports and dynamic imports. */
export function importsOf(text: string): string[] {
  const specs = [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm)].map((m) => m[1]);
  return specs.filter((s) => /\.ts$/.test(s));
}

/** Returns the top-level folder of src/ a file is in ("." for src/ itself). */
const folderOf = (file: string) => {
  const parts = relative(SRC, file).split(sep);
  return parts.length === 1 ? '.' : parts[0];
};

/** Returns the edges between folders of src/: from → to → the file imports that make the edge. */
function folderGraph() {
  const graph = new Map<string, Map<string, string[]>>();
  for (const file of sourceFiles(SRC)) {
    for (const spec of importsOf(readFileSync(file, 'utf8'))) {
      const target = resolve(dirname(file), spec);
      const [from, to] = [folderOf(file), folderOf(target)];
      if (from === to) continue;
      if (!graph.has(from)) graph.set(from, new Map());
      const edges = graph.get(from)!;
      edges.set(to, [...(edges.get(to) ?? []), `${relative(SRC, file)} → ${relative(SRC, target)}`]);
    }
  }
  return graph;
}

/** Returns one cycle of the graph as a list of folders (first = last), or null. */
function findCycle(graph: Map<string, Map<string, string[]>>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (n: string): string[] | null => {
    if (state.get(n) === 'done') return null;
    if (state.get(n) === 'open') return [...path.slice(path.indexOf(n)), n];
    state.set(n, 'open');
    path.push(n);
    for (const m of graph.get(n)?.keys() ?? []) {
      const c = visit(m);
      if (c) return c;
    }
    path.pop();
    state.set(n, 'done');
    return null;
  };
  for (const n of graph.keys()) {
    const c = visit(n);
    if (c) return c;
  }
  return null;
}

describe('imports run one way', () => {
  it('finds the imports of a source: static, type-only, re-exports and dynamic, relative .ts only', () => {
    const text = [
      "import { a } from './a.ts';",
      "import type { B } from '../b/b.ts';",
      "export { c } from './c.ts';",
      "const d = await import('../d/d.ts');",
      "import './style.css';",
      "import { e } from 'maplibre-gl';",
    ].join('\n');
    expect(importsOf(text)).toEqual(['./a.ts', '../b/b.ts', './c.ts', '../d/d.ts']);
  });

  it('has no folder of src/ importing a file at the top of src/ (the app’s wiring imports the folders, never the reverse)', () => {
    const up = [...folderGraph()].filter(([from]) => from !== '.').flatMap(([, edges]) => edges.get('.') ?? []);
    expect(up).toEqual([]);
  });

  it('has no cycle between the folders of src/', () => {
    const graph = folderGraph();
    const cycle = findCycle(graph);
    const evidence = cycle ? cycle.slice(1).map((to, i) => graph.get(cycle[i])!.get(to)![0]) : [];
    expect(cycle ? `${cycle.join(' → ')} (${evidence.join('; ')})` : null).toBeNull();
  });

  it('finds a cycle when there is one (the check can fail)', () => {
    const g = new Map([
      ['export', new Map([['modes', ['x']]])],
      ['modes', new Map([['export', ['y']]])],
    ]);
    expect(findCycle(g)).toEqual(['export', 'modes', 'export']);
    expect(findCycle(new Map([['export', new Map([['modes', ['x']]])]]))).toBeNull();
  });
});
