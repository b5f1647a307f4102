import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACKOFF, DEFAULT_LOG, logLine, nextBackoff, parseKioskArgs } from '../../scripts/kiosk.ts';
import { kioskWorkerPlugin, precacheManifest, workerSource } from '../../scripts/lib/kiosk-sw.ts';

describe('the kiosk launcher: restart back-off', () => {
  it('waits 1 s after the first exit, doubles while Chromium keeps failing, and stops at 60 s', () => {
    const waits: number[] = [];
    let wait: number | null = null;
    for (let i = 0; i < 9; i++) waits.push((wait = nextBackoff(wait, 2_000)));
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
  });

  it('starts again at 1 s after a run that lasted a minute', () => {
    expect(nextBackoff(60_000, BACKOFF.stableMs)).toBe(1000);
    expect(nextBackoff(60_000, BACKOFF.stableMs - 1)).toBe(60_000);
  });
});

describe('the kiosk launcher: log and flags', () => {
  it('writes one line per event: the UTC time, then the message on one line', () => {
    expect(logLine('browser ended\n  (killed)', new Date(Date.UTC(2026, 2, 10, 4, 0, 1)))).toBe('2026-03-10T04:00:01.000Z browser ended (killed)');
  });

  it('keeps its own flags out of the page URL; the log defaults to kiosk.log', () => {
    expect(parseKioskArgs(['--idle', '30'])).toEqual({ help: false, query: '?mode=kiosk&idle=30', log: DEFAULT_LOG, headless: false });
    expect(parseKioskArgs(['--log', '/var/log/kiosk.log', '--headless', '--t=2025-06-02T12:00Z'])).toEqual({
      help: false,
      query: '?mode=kiosk&t=2025-06-02T12%3A00Z',
      log: '/var/log/kiosk.log',
      headless: true,
    });
    expect(() => parseKioskArgs(['--log'])).toThrow('--log needs a value');
    expect(() => parseKioskArgs(['--headless=1'])).toThrow('--headless takes no value');
  });
});

describe('the offline worker the build writes', () => {
  it('precaches every file but compressed copies, _headers and itself, and its version changes with any file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kiosk-sw-'));
    try {
      await mkdir(join(dir, 'assets'));
      await mkdir(join(dir, 'data'));
      for (const [f, text] of Object.entries({ 'index.html': '<!doctype html>', 'assets/app-1.js': 'x', 'assets/app-1.js.br': 'b', 'data/story.json': '{}', 'data/story.json.gz': 'g', _headers: '/*', 'kiosk-sw.js': 'old' }))
        await writeFile(join(dir, f), text);
      const a = await precacheManifest(dir);
      expect(a.files).toEqual(['assets/app-1.js', 'data/story.json', 'index.html']);
      await writeFile(join(dir, 'data/story.json'), '{"a":1}');
      const b = await precacheManifest(dir);
      expect(b.files).toEqual(a.files);
      expect(b.version).not.toBe(a.version);
      const src = workerSource(b.version, b.files);
      expect(src).toContain(`const VERSION = "${b.version}";`);
      expect(src).toContain('const FILES = ["assets/app-1.js","data/story.json","index.html"];');
      // the worker is plain script: it parses
      expect(() => new Function(src)).not.toThrow();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a directory without index.html', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kiosk-sw-'));
    try {
      await expect(precacheManifest(dir)).rejects.toThrow(/has no index.html/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('writes nothing when the bundle was not written: a failed build reports its own error, not a missing index.html', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kiosk-sw-'));
    try {
      const plugin = kioskWorkerPlugin();
      const hook = <K extends 'configResolved' | 'buildStart' | 'writeBundle'>(k: K) => plugin[k] as unknown as (...a: unknown[]) => unknown;
      const close = (plugin.closeBundle as { handler: (e?: Error) => Promise<void> }).handler;
      hook('configResolved')({ root: dir, build: { outDir: '.' } });
      hook('buildStart')();
      // the build failed before writing (no writeBundle): the worker's step passes, leaving the build's error to be seen
      await expect(close()).resolves.toBeUndefined();
      expect(existsSync(join(dir, 'kiosk-sw.js'))).toBe(false);
      // written, but without index.html: that is the worker's own error
      hook('writeBundle')();
      await expect(close()).rejects.toThrow(/has no index.html/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the built dist/ (after npm run build)', () => {
  const dist = resolve(import.meta.dirname, '../../dist');
  it('carries kiosk-sw.js listing every file of the build, at the version of what is there now', async () => {
    if (!existsSync(join(dist, 'index.html'))) throw new Error('dist/ not found: run `npm run build` first');
    const src = readFileSync(join(dist, 'kiosk-sw.js'), 'utf8');
    const { files, version } = await precacheManifest(dist);
    expect(src).toBe(workerSource(version, files));
    for (const f of ['index.html', 'data/story.json', 'data/manifest.json', 'data/basemap.topo.json']) expect(files).toContain(f);
    expect(files.some((f) => f.endsWith('.woff2'))).toBe(true);
  });
});
