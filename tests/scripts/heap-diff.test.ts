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
});
