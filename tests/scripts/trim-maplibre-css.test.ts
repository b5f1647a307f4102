import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { trimMaplibreCss, UNUSED_MAPLIBRE_SELECTOR } from '../../scripts/lib/trim-maplibre-css.ts';

const MAPLIBRE_CSS = resolve(import.meta.dirname, '../../node_modules/maplibre-gl/dist/maplibre-gl.css');

/** A PostCSS-like node: enough of the tree for the plugin (type, selectors or name/params, children, remove). */
interface Node {
  type: string;
  selectors?: string[];
  name?: string;
  params?: string;
  nodes?: Node[];
  source?: { input?: { file?: string } };
  remove(): void;
}

function node(parent: Node, fields: Omit<Node, 'remove'>): Node {
  const n: Node = { ...fields, remove: () => parent.nodes!.splice(parent.nodes!.indexOf(n), 1) };
  parent.nodes!.push(n);
  return n;
}

function sheet(file: string): Node {
  const root: Node = { type: 'root', nodes: [], source: { input: { file } }, remove: () => undefined };
  node(root, { type: 'rule', selectors: ['.maplibregl-ctrl button.maplibregl-ctrl-zoom-in .maplibregl-ctrl-icon'] });
  node(root, { type: 'rule', selectors: ['.maplibregl-ctrl-attrib-button'] });
  node(root, { type: 'rule', selectors: ['.maplibregl-ctrl-attrib-button', '.maplibregl-ctrl-compass'] });
  node(root, { type: 'atrule', name: 'keyframes', params: 'maplibregl-user-location-dot-pulse', nodes: [] });
  const media = node(root, { type: 'atrule', name: 'media', params: '(forced-colors:active)', nodes: [] });
  node(media, { type: 'rule', selectors: ['.maplibregl-ctrl-geolocate .maplibregl-ctrl-icon'] });
  const kept = node(root, { type: 'atrule', name: 'media', params: '(hover:hover)', nodes: [] });
  node(kept, { type: 'rule', selectors: ['.maplibregl-ctrl-attrib-button:hover'] });
  return root;
}

const summary = (root: Node): string[] => root.nodes!.map((n) => (n.selectors ? n.selectors.join(', ') : `@${n.name} ${n.params} (${n.nodes?.length ?? 0})`));

describe('trimMaplibreCss', () => {
  it('drops rules, keyframes and emptied at-rules of unused controls from maplibre-gl.css only, keeping mixed rules', () => {
    const root = sheet('/x/node_modules/maplibre-gl/dist/maplibre-gl.css');
    trimMaplibreCss().Once(root as never);
    expect(summary(root)).toEqual(['.maplibregl-ctrl-attrib-button', '.maplibregl-ctrl-attrib-button, .maplibregl-ctrl-compass', '@media (hover:hover) (1)']);
    const other = sheet('/x/src/styles.css');
    trimMaplibreCss().Once(other as never);
    expect(other.nodes).toHaveLength(6);
  });

  it('never matches a selector of what the app uses (attribution, canvas, cooperative gestures)', () => {
    const css = readFileSync(MAPLIBRE_CSS, 'utf8');
    const used = ['.maplibregl-ctrl-attrib-button', '.maplibregl-canvas-container', '.maplibregl-cooperative-gesture-screen', '.maplibregl-ctrl-bottom-right', '.maplibregl-map'];
    for (const s of used) {
      expect(css).toContain(s);
      expect(UNUSED_MAPLIBRE_SELECTOR.test(s), s).toBe(false);
    }
  });
});
