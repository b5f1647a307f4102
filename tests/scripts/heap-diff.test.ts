import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffSnapshots, groupOf, type HeapSnapshot } from '../../scripts/heap-diff.ts';

/** A snapshot in V8's layout: nodes as [type, name, id, self_size, edge_count] rows over a string table. */
function snapshot(rows: [kind: string, name: string, id: number, bytes: number][]): HeapSnapshot {
  const kinds = ['hidden', 'array', 'string', 'object', 'code', 'closure', 'number'];
  const strings: string[] = [];
  const str = (s: string) => (strings.includes(s) ? strings.indexOf(s) : strings.push(s) - 1);
  return {
    snapshot: { meta: { node_fields: ['type', 'name', 'id', 'self_size', 'edge_count'], node_types: [kinds] } },
    nodes: rows.flatMap(([kind, name, id, bytes]) => [kinds.indexOf(kind), str(name), id, bytes, 0]),
    strings,
  };
}

describe('heap-diff', () => {
  it('groups objects by constructor and strings, numbers and code by kind alone', () => {
    expect(groupOf('object', 'Map')).toBe('object Map');
    expect(groupOf('closure', 'check')).toBe('closure check');
    expect(groupOf('string', 'Çırağan Palace')).toBe('(string)');
    expect(groupOf('code', '(BYTECODE)')).toBe('(code)');
    expect(groupOf('object', 'x'.repeat(100))).toBe(`object ${'x'.repeat(57)}…`);
  });

  it('reports each group’s change and the objects only in the second snapshot, largest first', () => {
    const a = snapshot([
      ['object', 'Map', 1, 100],
      ['object', 'Label', 2, 40],
      ['string', 'a', 3, 20],
      ['closure', 'gone', 4, 32],
    ]);
    const b = snapshot([
      ['object', 'Map', 1, 400],
      ['object', 'Label', 2, 40],
      ['object', 'Label', 5, 40],
      ['object', 'Label', 6, 40],
      ['string', 'b', 7, 24],
    ]);
    const d = diffSnapshots(a, b);
    expect(d.total).toBe(400 + 120 + 24 - (100 + 40 + 20 + 32));
    expect(d.changed).toEqual([
      { group: 'object Map', count: 0, bytes: 300 },
      { group: 'object Label', count: 2, bytes: 80 },
      { group: 'closure gone', count: -1, bytes: -32 },
      { group: '(string)', count: 0, bytes: 4 },
    ]);
    expect(d.added).toEqual([
      { group: 'object Label', count: 2, bytes: 80 },
      { group: '(string)', count: 1, bytes: 24 },
    ]);
  });

  it('names a snapshot field it cannot find', () => {
    const s = snapshot([]);
    s.snapshot.meta.node_fields = ['type', 'name', 'self_size'];
    expect(() => diffSnapshots(s, s)).toThrow('snapshot.meta.node_fields has no "id"');
  });

  it('ends quietly when the reader of its output closes the pipe (as `| head` does)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'heap-diff-'));
    try {
      // 1,000 groups of long names in each list: about 150 kB of rows, more than a pipe holds.
      const many = Array.from({ length: 1000 }, (_, i): [string, string, number, number] => ['object', `Constructor${i}`.padEnd(50, 'x'), i + 1, 100 + i]);
      writeFileSync(join(dir, 'a.heapsnapshot'), JSON.stringify(snapshot([])));
      writeFileSync(join(dir, 'b.heapsnapshot'), JSON.stringify(snapshot(many)));
      const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/heap-diff.ts', join(dir, 'a.heapsnapshot'), join(dir, 'b.heapsnapshot'), '--top', '1000'], {
        cwd: resolve(import.meta.dirname, '../..'),
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d));
      child.stdout.once('data', () => child.stdout.destroy());
      const code = await new Promise<number | null>((ok) => child.on('close', ok));
      expect(stderr).toBe('');
      expect(code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
