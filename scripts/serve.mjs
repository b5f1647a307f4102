import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)), 'dist');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg']);

/** The production Content-Security-Policy: everything from this origin, nothing inline, no eval. */
export const CSP = [
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
].join('; ');

/**
 * Starts a static server for the built app (dist/) with the strict CSP and returns it with its URL.
 * Port 0 picks a free port.
 */
export function startServer({ root = ROOT, port = 0, host = '127.0.0.1' } = {}) {
  if (!existsSync(root)) throw new Error(`${root} not found: run \`npm run build\` first`);
  const gzipCache = new Map();
  const gzipped = (file) => {
    const mtime = statSync(file).mtimeMs;
    const hit = gzipCache.get(file);
    if (hit && hit.mtime === mtime) return hit.body;
    const body = gzipSync(readFileSync(file), { level: 9 });
    gzipCache.set(file, { mtime, body });
    return body;
  };
  const server = createServer((req, res) => {
    let path;
    try {
      // Prefixed, not resolved against a base: a request for "//…" would otherwise be read as a host.
      path = normalize(decodeURIComponent(new URL(`http://x${req.url ?? '/'}`).pathname)).replace(/^(\.\.[/\\])+/, '');
    } catch {
      // A malformed path (bad percent-encoding) is the client's error; it must not stop a server left running for days.
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end('bad request');
      return;
    }
    if (path.endsWith('/')) path += 'index.html';
    const file = join(root, path);
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    const headers = {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
      vary: 'accept-encoding',
    };
    if (COMPRESSIBLE.has(extname(file)) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      const body = gzipped(file);
      res.writeHead(200, { ...headers, 'content-encoding': 'gzip', 'content-length': body.length });
      res.end(body);
      return;
    }
    res.writeHead(200, headers);
    createReadStream(file).pipe(res);
  });
  return new Promise((ok, ko) => {
    server.once('error', ko);
    server.listen(port, host, () => {
      const { port: p } = /** @type {import('node:net').AddressInfo} */ (server.address());
      ok({ server, url: `http://${host}:${p}/` });
    });
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const port = Number(process.env.PORT ?? 4173);
  startServer({ port }).then(({ url }) => console.log(`Serving the explainer at ${url}  (Ctrl+C to stop)`));
}
