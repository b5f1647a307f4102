import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { META_CSP, contentSecurityPolicy, frameAncestors, headersFile, nginxSnippet } from '../../scripts/lib/security-headers.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const DIST = join(ROOT, 'dist');
const built = existsSync(join(DIST, 'index.html'));

describe('the security headers module', () => {
  it('takes frame-ancestors from an allow-list and refuses anything else with one line', () => {
    expect(frameAncestors('')).toBe("'self'");
    expect(frameAncestors("  'self'   https://news.example.com ")).toBe("'self' https://news.example.com");
    expect(contentSecurityPolicy("'none'")).toMatch(/; frame-ancestors 'none'$/);
    for (const bad of ["'self'; script-src *", 'javascript:', "'unsafe-inline'", 'https://a.com/path?x']) {
      expect(() => frameAncestors(bad), bad).toThrow(/^FRAME_ANCESTORS: /);
    }
  });

  it('keeps the meta CSP strict: no inline, no eval, and nothing a meta tag cannot carry', () => {
    expect(META_CSP).toContain("script-src 'self'");
    expect(META_CSP).not.toMatch(/unsafe-|frame-ancestors|report-uri|sandbox/);
  });

  it('prints in the README the nginx snippet the module writes', () => {
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain(nginxSnippet("'self'"));
  });
});

describe('the built dist/ (after npm run build)', () => {
  beforeAll(() => {
    if (!built) throw new Error('dist/ not found: run `npm run build` first');
  });

  it('carries the meta CSP first in the head of index.html', () => {
    const html = readFileSync(join(DIST, 'index.html'), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
    expect(meta?.[1].replaceAll('&#39;', "'")).toBe(META_CSP);
    expect(html.indexOf('http-equiv')).toBeLessThan(html.indexOf('<script'));
    expect(html.indexOf('http-equiv')).toBeLessThan(html.indexOf('<link rel="stylesheet"'));
  });

  it('carries a _headers file with the full set of headers and the cache policy', () => {
    const file = readFileSync(join(DIST, '_headers'), 'utf8');
    expect(file).toBe(headersFile(frameAncestors()));
    for (const h of ['Content-Security-Policy', 'Referrer-Policy', 'Permissions-Policy', 'X-Content-Type-Options', 'Cross-Origin-Opener-Policy']) expect(file).toContain(`  ${h}: `);
    expect(file).toMatch(/\/assets\/\*\n {2}Cache-Control: public, max-age=31536000, immutable/);
    expect(file).toMatch(/\/data\/\*\n {2}Cache-Control: no-cache/);
  });

  it('carries THIRD-PARTY-NOTICES.txt naming every bundled package with its licence text', () => {
    const notices = readFileSync(join(DIST, 'THIRD-PARTY-NOTICES.txt'), 'utf8');
    for (const pkg of ['maplibre-gl', '@deck.gl/core', '@luma.gl/webgl', 'zustand', 'topojson-client', 'pbf', 'earcut', '@fontsource/noto-sans']) {
      expect(notices, pkg).toMatch(new RegExp(`^${pkg.replace(/[.]/g, '\\.')}@\\d`, 'm'));
    }
    expect(notices).toContain('Permission is hereby granted'); // MIT text
    expect(notices).toContain('Redistribution and use in source and binary forms'); // BSD text
    expect(notices).toContain('SIL OPEN FONT LICENSE'); // the fonts
  });

  it('carries brotli and gzip copies of the JavaScript, CSS, HTML and data that decompress to the file', () => {
    const assets = readdirSync(join(DIST, 'assets'));
    const texts = [
      'index.html',
      'data/story.json',
      // precompress skips files under 1 kB (a lazily loaded chunk's CSS can be that small)
      ...assets.filter((f) => /\.(js|css)$/.test(f) && statSync(join(DIST, 'assets', f)).size >= 1024).map((f) => `assets/${f}`),
    ];
    expect(texts.length).toBeGreaterThan(3);
    for (const f of texts) {
      const body = readFileSync(join(DIST, f));
      expect(brotliDecompressSync(readFileSync(join(DIST, `${f}.br`))).equals(body), `${f}.br`).toBe(true);
      expect(gunzipSync(readFileSync(join(DIST, `${f}.gz`))).equals(body), `${f}.gz`).toBe(true);
    }
  });
});
