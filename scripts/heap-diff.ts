// Compares two V8 heap snapshots of one page (as `npm run soak -- --heap-snapshots DIR` writes them) and
// prints what grew, grouped as DevTools' Summary groups them (by constructor or kind):
//   npx tsx scripts/heap-diff.ts BEFORE.heapsnapshot AFTER.heapsnapshot [--top 25]
// Two tables: the groups whose self size changed most between the snapshots, and the objects only in the
// second (by V8's object id, which one profiler session keeps across snapshots: DevTools' Comparison).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { commandLine, firstLine, intFlag, parseFlags } from './lib/args.ts';

/** The parts of a `.heapsnapshot` file this reads. */
export interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

/** One group of objects: how many and their self size in bytes. */
export interface Group {
  count: number;
  bytes: number;
}

/** Kinds grouped by kind alone (their names are contents, not constructors). */
const BY_KIND = new Set(['string', 'concatenated string', 'sliced string', 'number', 'code', 'hidden', 'bigint']);

/** Returns a node's group name: the kind for strings, numbers and code, else the kind and the name (a constructor's or a function's). */
export function groupOf(kind: string, name: string): string {
  if (BY_KIND.has(kind)) return `(${kind})`;
  return `${kind} ${name.length > 60 ? `${name.slice(0, 57)}…` : name}`;
}

/** Returns each node's id and group, walking the flat node array once. */
export function nodesOf(s: HeapSnapshot): { ids: Map<number, { group: string; bytes: number }>; groups: Map<string, Group> } {
  const f = s.snapshot.meta.node_fields;
  const width = f.length;
  const [iType, iName, iId, iSize] = ['type', 'name', 'id', 'self_size'].map((k) => {
    const i = f.indexOf(k);
    if (i < 0) throw new Error(`snapshot.meta.node_fields has no "${k}"`);
    return i;
  });
  const kinds = s.snapshot.meta.node_types[0];
  const ids = new Map<number, { group: string; bytes: number }>();
  const groups = new Map<string, Group>();
  for (let n = 0; n < s.nodes.length; n += width) {
    const group = groupOf(kinds[s.nodes[n + iType]] ?? '?', s.strings[s.nodes[n + iName]] ?? '?');
    const bytes = s.nodes[n + iSize];
    ids.set(s.nodes[n + iId], { group, bytes });
    const g = groups.get(group) ?? { count: 0, bytes: 0 };
    g.count++;
    g.bytes += bytes;
    groups.set(group, g);
  }
  return { ids, groups };
}

/** A row of a comparison: the group, its change in count and in bytes. */
export interface DiffRow {
  group: string;
  count: number;
  bytes: number;
}

/** Returns the groups' changes from a to b (largest change in bytes first, either sign), and the objects only in b by group. */
export function diffSnapshots(a: HeapSnapshot, b: HeapSnapshot): { total: number; changed: DiffRow[]; added: DiffRow[] } {
  const A = nodesOf(a);
  const B = nodesOf(b);
  const changed: DiffRow[] = [];
  for (const group of new Set([...A.groups.keys(), ...B.groups.keys()])) {
    const x = A.groups.get(group) ?? { count: 0, bytes: 0 };
    const y = B.groups.get(group) ?? { count: 0, bytes: 0 };
    if (x.count !== y.count || x.bytes !== y.bytes) changed.push({ group, count: y.count - x.count, bytes: y.bytes - x.bytes });
  }
  const addedBy = new Map<string, DiffRow>();
  for (const [id, n] of B.ids) {
    if (A.ids.has(id)) continue;
    const r = addedBy.get(n.group) ?? { group: n.group, count: 0, bytes: 0 };
    r.count++;
    r.bytes += n.bytes;
    addedBy.set(n.group, r);
  }
  const sum = (g: Map<string, Group>) => [...g.values()].reduce((t, x) => t + x.bytes, 0);
  const order = (r: DiffRow[]) => r.sort((x, y) => Math.abs(y.bytes) - Math.abs(x.bytes));
  return { total: sum(B.groups) - sum(A.groups), changed: order(changed), added: order([...addedBy.values()]) };
}

function rows(title: string, list: DiffRow[], top: number): string {
  const kb = (n: number) => `${n >= 0 ? '+' : ''}${(n / 1024).toFixed(1)} kB`;
  const lines = list.slice(0, top).map((r) => `${kb(r.bytes).padStart(12)} ${`${r.count >= 0 ? '+' : ''}${r.count}`.padStart(8)}  ${r.group}`);
  return [title, `${'self size'.padStart(12)} ${'objects'.padStart(8)}  group`, ...lines].join('\n');
}

const USAGE = 'usage: npx tsx scripts/heap-diff.ts BEFORE.heapsnapshot AFTER.heapsnapshot [--top 1-1000]';

function main(): void {
  const o = commandLine('heap-diff', USAGE, (argv) => {
    const f = parseFlags(argv, { top: 'string' }, { positionals: 2 });
    if (!f.help && f.positionals.length !== 2) throw new Error('needs two snapshot files');
    return { files: f.positionals, top: f.top === undefined ? 25 : intFlag('--top', f.top, 1, 1000), help: f.help };
  });
  if (!o) return;
  const [a, b] = o.files.map((file) => JSON.parse(readFileSync(file, 'utf8')) as HeapSnapshot);
  const d = diffSnapshots(a, b);
  console.log(`self size of all nodes: ${d.total >= 0 ? '+' : ''}${(d.total / 1048576).toFixed(2)} MB from ${o.files[0]} to ${o.files[1]}\n`);
  console.log(rows('groups that changed most', d.changed, o.top));
  console.log();
  console.log(rows('objects only in the second snapshot', d.added, o.top));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (e) {
    console.error(`heap-diff: ${firstLine(e)}`);
    process.exit(1);
  }
}
