// One source of truth for the security and cache headers: the local server (scripts/serve.ts), the
// <meta> CSP and the `_headers` file written by the build (vite.config.ts) and the README's nginx
// snippet (a test checks the README against `nginxSnippet()`).

/**
 * Who may frame the page, as CSP `frame-ancestors` sources. Embedding is a feature (`?embed=1`): a
 * deployment lists its article hosts in `FRAME_ANCESTORS` at build or serve time, e.g.
 * `FRAME_ANCESTORS="'self' https://news.example.com"`. The default allows only the page's own origin.
 */
export const DEFAULT_FRAME_ANCESTORS = "'self'";

/** The CSP directives a `<meta>` tag can carry: everything from this origin, nothing inline, no eval. */
const META_DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
];

/** A frame-ancestors source: a keyword, a scheme, or a scheme and host (with optional wildcard and port). */
const SOURCE = /^('self'|'none'|https?:|https?:\/\/(\*\.)?[a-z0-9.-]+(:\d+)?)$/i;

/**
 * Returns the frame-ancestors allow-list, checked: `value` (space-separated sources) or, when empty,
 * the default. Throws a one-line error naming the bad source.
 */
export function frameAncestors(value = process.env.FRAME_ANCESTORS) {
  const list = (value ?? '').trim();
  if (!list) return DEFAULT_FRAME_ANCESTORS;
  for (const source of list.split(/\s+/)) {
    if (!SOURCE.test(source)) throw new Error(`FRAME_ANCESTORS: "${source}" is not a frame-ancestors source ('self', 'none' or https://host)`);
  }
  return list.split(/\s+/).join(' ');
}

/** The CSP for a `<meta http-equiv>` tag (a meta tag cannot carry frame-ancestors). */
export const META_CSP = META_DIRECTIVES.join('; ');

/** The full Content-Security-Policy header: the meta policy plus frame-ancestors. */
export function contentSecurityPolicy(ancestors = frameAncestors()) {
  return [...META_DIRECTIVES, `frame-ancestors ${ancestors}`].join('; ');
}

/** Powerful features the page never uses, switched off for it and anything it frames. */
const PERMISSIONS_POLICY = ['accelerometer', 'camera', 'geolocation', 'gyroscope', 'magnetometer', 'microphone', 'payment', 'usb'].map((f) => `${f}=()`).join(', ');

/**
 * The headers every response carries, error pages included: CSP, Referrer-Policy,
 * Permissions-Policy, X-Content-Type-Options and Cross-Origin-Opener-Policy.
 */
export function securityHeaders(ancestors = frameAncestors()) {
  return {
    'Content-Security-Policy': contentSecurityPolicy(ancestors),
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Permissions-Policy': PERMISSIONS_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}

/** Cache-Control for Vite's content-hashed files under assets/: cached for a year, never revalidated. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Cache-Control for everything else (index.html, data/*, the notices): always revalidated with the ETag. */
export const REVALIDATE = 'no-cache';

/** Returns the Cache-Control for a URL path inside the app ("/assets/…" are hashed, the rest are not). */
export function cacheControl(path: string): string {
  return /^\/assets\/[^/]+$/.test(path) ? IMMUTABLE : REVALIDATE;
}

/** The `_headers` file (Netlify and Cloudflare Pages format) for `dist/`, the site's root. */
export function headersFile(ancestors = frameAncestors()) {
  const lines = (headers: Record<string, string>) => Object.entries(headers).map(([k, v]) => `  ${k}: ${v}`);
  // Each Cache-Control lives in one block only: both hosts join the values of a header set by two matching blocks.
  return [
    '/*',
    ...lines(securityHeaders(ancestors)),
    '/assets/*',
    ...lines({ 'Cache-Control': IMMUTABLE }),
    ...['/', '/index.html', '/data/*', '/THIRD-PARTY-NOTICES.txt'].flatMap((p) => [p, ...lines({ 'Cache-Control': REVALIDATE })]),
    '',
  ].join('\n');
}

/** The nginx configuration for serving `dist/` under `prefix` with the same headers (printed in the README). */
export function nginxSnippet(ancestors = frameAncestors(), prefix = '/story-map/') {
  // `always` puts the headers on 404 and 400 answers too; an add_header inside a location replaces the
  // server's, so each location repeats the include. nginx's static handler answers other methods with 405.
  const add = (headers: Record<string, string>) => Object.entries(headers).map(([k, v]) => `    add_header ${k} "${v}" always;`);
  return [
    '# /etc/nginx/snippets/story-map-headers.conf',
    ...add(securityHeaders(ancestors)).map((l) => l.slice(4)),
    '',
    '# in the server block',
    `location ${prefix} {`,
    '    alias /srv/story-map/dist/;',
    '    gzip_static on;          # serves the .gz files the build writes',
    '    # brotli_static on;      # with the ngx_brotli module: serves the .br files',
    '    etag on;',
    '    include snippets/story-map-headers.conf;',
    `    add_header Cache-Control "${REVALIDATE}" always;`,
    '}',
    `location ${prefix}assets/ {`,
    '    alias /srv/story-map/dist/assets/;',
    '    gzip_static on;',
    '    include snippets/story-map-headers.conf;',
    `    add_header Cache-Control "${IMMUTABLE}" always;`,
    '}',
  ].join('\n');
}
